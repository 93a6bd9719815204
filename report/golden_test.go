package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

var allOutcomes = []rules.Outcome{rules.None, rules.Pass, rules.Fail, rules.Error}

// goldenCases are the outputs kept in testdata: each format with its
// defaults on the fixture, plus the variants whose behaviour differs.
var goldenCases = []struct {
	name   string
	format string
	report func() *engine.Report
	opt    Options
}{
	{"text", "text", fixture, Options{}},
	{"text_color", "text", fixture, Options{Color: true}},
	{"text_all", "text", fixture, Options{Outcomes: allOutcomes}},
	{"text_pass", "text", passing, Options{}},
	{"json", "json", fixture, Options{}},
	{"json_all", "json", fixture, Options{Outcomes: allOutcomes}},
	{"sarif", "sarif", fixture, Options{ToolVersion: "0.1.0"}},
	{"junit", "junit", fixture, Options{}},
	{"nunit3", "nunit3", fixture, Options{Outcomes: allOutcomes}},
	{"csv", "csv", fixture, Options{}},
	{"markdown", "markdown", fixture, Options{}},
	{"markdown_pass", "markdown", passing, Options{}},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, tc.format, tc.report(), tc.opt)
			// Writing twice must give the same bytes: no map order, no clock.
			if again := render(t, tc.format, tc.report(), tc.opt); !bytes.Equal(got, again) {
				t.Fatalf("output differs between two runs")
			}
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update if the change is intended)\n--- got ---\n%s", path, got)
			}
		})
	}
}

func render(t *testing.T, format string, r *engine.Report, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, r, opt); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return b.Bytes()
}
