package azure_test

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/azrule/azrule/input"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/azure"
	"github.com/azrule/azrule/scan"
)

// TestExamplesFolder runs azrule on examples/ and expects exactly the
// "Expected results" table of examples/README.md: every Pass and Fail row
// (None is not listed) and every input error by file, line and column.
// The README is what users read; this keeps it true.
func TestExamplesFolder(t *testing.T) {
	dir := filepath.Join(root(t), "examples")
	wantRows, wantErrs := readExpected(t, filepath.Join(dir, "README.md"))
	_, list, err := azure.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	rep := scan.Run([]string{dir}, scan.Options{Input: input.Options{Root: dir}, Rules: list})

	var gotRows []string
	for _, rec := range rep.Records {
		if rec.Outcome == rules.None || strings.HasPrefix(rec.Input, "bicep/") {
			continue
		}
		gotRows = append(gotRows, row(rec.Input, rec.TargetName, rec.Rule.Name, rec.Outcome.String()))
	}
	compare(t, "result", gotRows, wantRows)

	var gotErrs []string
	for _, e := range rep.Errors {
		if strings.HasPrefix(e.Position.File, "bicep/") {
			continue // the Bicep front end is checked by its own tests
		}
		gotErrs = append(gotErrs, row(e.Position.File, strconv.Itoa(e.Position.Line), strconv.Itoa(e.Position.Column)))
		matched := false
		for _, w := range wantErrs {
			if w.at == row(e.Position.File, strconv.Itoa(e.Position.Line), strconv.Itoa(e.Position.Column)) &&
				strings.Contains(e.Message, w.message) {
				matched = true
			}
		}
		if !matched {
			t.Errorf("input error %s: %s %s is not in the README", e.Position, e.Code, e.Message)
		}
	}
	var wantAt []string
	for _, w := range wantErrs {
		wantAt = append(wantAt, w.at)
	}
	compare(t, "input error", gotErrs, wantAt)
}

func row(cells ...string) string { return strings.Join(cells, " | ") }

type wantErr struct{ at, message string }

// readExpected reads the two tables under "## Expected results" in the
// README, up to the Bicep paragraph: results (Input, Target, Rule,
// Outcome) and input errors (File, Line, Column, Error).
func readExpected(t *testing.T, path string) (rows []string, errs []wantErr) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in, table := false, ""
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			in = line == "## Expected results"
			continue
		case !in:
			continue
		case strings.HasPrefix(line, "With the Bicep front end"):
			in = false
			continue
		case strings.HasPrefix(line, "| Input |"):
			table = "results"
			continue
		case strings.HasPrefix(line, "| File |"):
			table = "errors"
			continue
		case !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| ---"):
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 4 {
			t.Fatalf("README row %q has %d cells, want 4", line, len(cells))
		}
		switch table {
		case "results":
			if _, ok := rules.ParseOutcome(cells[3]); !ok {
				t.Fatalf("README row %q: %q is not an outcome", line, cells[3])
			}
			rows = append(rows, row(cells...))
		case "errors":
			errs = append(errs, wantErr{at: row(cells[:3]...), message: cells[3]})
		default:
			t.Fatalf("README row %q is not under a table header", line)
		}
	}
	if len(rows) == 0 {
		t.Fatal("README has no expected results table")
	}
	return rows, errs
}

// compare reports rows missing from got and rows got has in excess.
func compare(t *testing.T, what string, got, want []string) {
	t.Helper()
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, g := range got {
		count[g]--
	}
	var missing, extra []string
	for k, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, k)
		}
		for ; n < 0; n++ {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	for _, m := range missing {
		t.Errorf("README expects %s %q; azrule did not report it", what, m)
	}
	for _, e := range extra {
		t.Errorf("azrule reported %s %q; the README does not list it", what, e)
	}
	if len(missing) == 0 && len(extra) == 0 {
		t.Logf("%d %s rows agree with the README", len(got), what)
	}
}

// root is the module root: the folder above the test's with go.mod.
func root(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}
