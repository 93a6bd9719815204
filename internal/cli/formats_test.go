package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/azrule/azrule/internal/testdir"
)

// TestExamplesAsTheActionRunsThem runs azrule on the bundled examples the
// way action.yml does (text to stdout, SARIF and Markdown to files in one
// run) and checks that the SARIF is valid SARIF 2.1.0 with a result for
// every failure, with a region, and that the summary was written.
func TestExamplesAsTheActionRunsThem(t *testing.T) {
	root := testdir.ModuleRoot(t)
	out := t.TempDir()
	sarifPath := filepath.Join(out, "azrule.sarif")
	mdPath := filepath.Join(out, "summary.md")
	var stdout, stderr bytes.Buffer
	code := Main([]string{"run", "-f", "text", "-o", "-", "-f", "sarif", "-o", sarifPath, "-f", "markdown", "-o", mdPath,
		filepath.Join(root, "examples")}, nil, &stdout, &stderr)
	if code != ExitError {
		t.Fatalf("exit %d, want %d (the examples hold a broken file); stderr: %s", code, ExitError, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Azure.ML.UserManagedIdentity") {
		t.Errorf("text report on stdout lacks findings:\n%s", stdout.String())
	}
	md, err := os.ReadFile(mdPath)
	if err != nil || !bytes.Contains(md, []byte("Azure.ML.")) {
		t.Errorf("markdown summary: %v\n%s", err, md)
	}
	raw, err := os.ReadFile(sarifPath)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct{ ID, Name string }
				}
			}
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 5 {
		t.Errorf("%d rule descriptors, want the 5 Azure.ML rules", len(run.Tool.Driver.Rules))
	}
	if len(run.Results) == 0 {
		t.Fatal("no results for the failing examples")
	}
	for _, r := range run.Results {
		if !strings.HasPrefix(r.RuleID, "AZR-") || len(r.Locations) == 0 || r.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result without a rule ref or region: %+v", r)
		}
	}
	f, err := os.Open(testdir.Shared(t, "schemas", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("SARIF from the examples does not validate: %v", err)
	}
}

func TestDestinations(t *testing.T) {
	tests := []struct {
		formats, outputs []string
		want             string // "" for an error
	}{
		{[]string{"text"}, nil, "text>"},
		{[]string{"sarif", "text"}, []string{"a.sarif", "-"}, "sarif>a.sarif text>-"},
		{[]string{"sarif", "markdown"}, nil, ""},
		{[]string{"sarif"}, []string{"a", "b"}, ""},
		{[]string{"text", "json"}, []string{"-", "-"}, ""},
		{[]string{"xml"}, nil, ""},
		{[]string{"SARIF"}, []string{"x"}, "SARIF>x"},
	}
	for _, tt := range tests {
		d, err := destinations(tt.formats, tt.outputs)
		var got []string
		for _, x := range d {
			got = append(got, x.format+">"+x.path)
		}
		if tt.want == "" {
			if err == nil {
				t.Errorf("destinations(%v, %v) = %v, want an error", tt.formats, tt.outputs, got)
			}
			continue
		}
		if err != nil || strings.Join(got, " ") != tt.want {
			t.Errorf("destinations(%v, %v) = %v, %v; want %s", tt.formats, tt.outputs, got, err, tt.want)
		}
	}
}
