package azure_test

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/input"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/azure"
	"github.com/azrule/azrule/scan"
)

// TestExamplesFolder runs azrule on examples/ and expects exactly the
// "Expected results" tables of examples/README.md: every Pass and Fail row
// (None is not listed) of the JSON inputs, every input error by file, line
// and column, and the same rows again for the Bicep inputs in bicep/ plus
// the README's Bicep-only rows. The README is what users read; this keeps
// it true.
func TestExamplesFolder(t *testing.T) {
	dir := filepath.Join(testdir.ModuleRoot(t), "examples")
	exp := readExpected(t, filepath.Join(dir, "README.md"))
	_, list, err := azure.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	rep := scan.Run([]string{dir}, scan.Options{Input: input.Options{Root: dir}, Rules: list})

	var gotJSON, gotBicep []string
	for _, rec := range rep.Records {
		if rec.Outcome == rules.None {
			continue
		}
		r := row(rec.Input, rec.TargetName, rec.Rule.Name, rec.Outcome.String())
		if strings.HasPrefix(rec.Input, "bicep/") {
			gotBicep = append(gotBicep, r)
		} else {
			gotJSON = append(gotJSON, r)
		}
	}
	compare(t, "result", gotJSON, exp.rows)

	var gotErrs []string
	for _, e := range rep.Errors {
		if strings.HasPrefix(e.Position.File, "bicep/") {
			t.Errorf("input error %s: %s %s; the Bicep examples must compile", e.Position, e.Code, e.Message)
			continue
		}
		at := row(e.Position.File, strconv.Itoa(e.Position.Line), strconv.Itoa(e.Position.Column))
		gotErrs = append(gotErrs, at)
		matched := false
		for _, w := range exp.errs {
			if w.at == at && strings.Contains(e.Message, w.message) {
				matched = true
			}
		}
		if !matched {
			t.Errorf("input error %s: %s %s is not in the README", e.Position, e.Code, e.Message)
		}
	}
	var wantAt []string
	for _, w := range exp.errs {
		wantAt = append(wantAt, w.at)
	}
	compare(t, "input error", gotErrs, wantAt)

	compare(t, "Bicep result", gotBicep, bicepRows(t, exp))
}

// bicepFor maps each JSON input of the README to the Bicep input that
// deploys the same resources; the README says they give the same rows.
var bicepFor = map[string]string{
	"workspace-secure.json":              "bicep/workspace-secure.bicep",
	"workspace-insecure.json":            "bicep/workspace-insecure.bicep",
	"ml-platform.parameters.json":        "bicep/ml-platform.bicepparam",
	"ml-platform.dev.parameters.json":    "bicep/ml-platform.dev.bicepparam",
	"compute-fleet-prod.parameters.json": "bicep/compute-fleet-prod.bicepparam",
	"conditional-compute.json":           "bicep/conditional-compute.bicep",
}

// bicepRows is the README's JSON rows moved to their Bicep inputs, plus
// the rows of its Bicep table.
func bicepRows(t *testing.T, exp expected) []string {
	t.Helper()
	rows := append([]string(nil), exp.bicep...)
	for _, r := range exp.rows {
		cells := strings.Split(r, " | ")
		if b, ok := bicepFor[cells[0]]; ok {
			cells[0] = b
			rows = append(rows, row(cells...))
		}
	}
	return rows
}

func row(cells ...string) string { return strings.Join(cells, " | ") }

type wantErr struct{ at, message string }

// expected is what the README says azrule reports for the folder.
type expected struct {
	rows  []string  // results of the JSON inputs
	errs  []wantErr // input errors
	bicep []string  // the Bicep table: rows that only Bicep inputs have
}

// readExpected reads the tables under "## Expected results" in the
// README: results (Input, Target, Rule, Outcome), input errors (File,
// Line, Column, Error), and after the Bicep paragraph the Bicep-only
// results.
func readExpected(t *testing.T, path string) expected {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var exp expected
	in, bicep, table := false, false, ""
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			in = line == "## Expected results"
			continue
		case !in:
			continue
		case strings.HasPrefix(line, "The Bicep files in `bicep/` give"):
			bicep = true
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
			if bicep {
				exp.bicep = append(exp.bicep, row(cells...))
			} else {
				exp.rows = append(exp.rows, row(cells...))
			}
		case "errors":
			exp.errs = append(exp.errs, wantErr{at: row(cells[:3]...), message: cells[3]})
		default:
			t.Fatalf("README row %q is not under a table header", line)
		}
	}
	if len(exp.rows) == 0 || len(exp.bicep) == 0 {
		t.Fatal("README lacks the expected results tables")
	}
	return exp
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
