package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/azrule/azrule/internal/testdir"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"azrule": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the txtar scripts in testdata/script: each is a small
// tree of inputs and the azrule commands run on it, with their expected
// output and exit status. Refresh nothing by hand: the scripts are the
// specification of the command line.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"outcomes": cmdOutcomes,
		},
	})
}

// cmdOutcomes reads the JSON report in the last command's stdout and
// prints one line per result of the named rule: target, outcome and
// reasons, so that scripts can compare outcomes with cmp.
//
//	outcomes RULE
func cmdOutcomes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: outcomes RULE")
	}
	var doc struct {
		Results []struct {
			RuleName, TargetName, Outcome string
			Reason                        []string
			Suppressed                    bool
		}
	}
	if err := json.Unmarshal([]byte(ts.ReadFile("stdout")), &doc); err != nil {
		ts.Fatalf("stdout is not a JSON report: %v", err)
	}
	w := ts.Stdout()
	for _, r := range doc.Results {
		if r.RuleName != args[0] {
			continue
		}
		line := r.TargetName + " " + r.Outcome
		if r.Suppressed {
			line += " (suppressed)"
		}
		if len(r.Reason) > 0 {
			line += " " + strings.Join(r.Reason, " | ")
		}
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			ts.Fatalf("%v", err)
		}
	}
}

// TestPSRuleCorpus runs azrule on PSRule for Azure's own ML test resources
// and checks PSRule's outcomes for them.
func TestPSRuleCorpus(t *testing.T) {
	dir := testdir.Corpus(t, "psrule-ml")
	var out, errOut bytes.Buffer
	code := Main([]string{"run", "-f", "json", dir}, nil, &out, &errOut)
	if code != ExitFailed {
		t.Fatalf("exit %d, want %d (some resources fail); stderr: %s", code, ExitFailed, errOut.String())
	}
	var doc struct {
		Results []struct {
			RuleName, TargetName, Outcome string
		}
		Errors []any
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(doc.Errors) != 0 {
		t.Errorf("errors: %v", doc.Errors)
	}
	got := map[string]string{}
	for _, r := range doc.Results {
		got[r.RuleName+" "+r.TargetName] = r.Outcome
	}
	want := map[string]string{
		"Azure.ML.UserManagedIdentity ml-wks-a": "Pass",
		"Azure.ML.UserManagedIdentity ml-wks-b": "Fail",
		"Azure.ML.UserManagedIdentity ml-wks-c": "Pass",
		"Azure.ML.PublicAccess ml-wks-a":        "Pass",
		"Azure.ML.PublicAccess ml-wks-b":        "Fail",
		"Azure.ML.PublicAccess ml-wks-c":        "Fail",
	}
	for _, rule := range []string{"Azure.ML.ComputeIdleShutdown", "Azure.ML.DisableLocalAuth", "Azure.ML.ComputeVnet"} {
		want[rule+" mlcomp-a"] = "Pass"
		want[rule+" ml-comp-a"] = "Pass"
		want[rule+" mlcomp-b"] = "Fail"
		want[rule+" ml-comp-b"] = "Fail"
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	if t.Failed() {
		t.Logf("all results: %s", strings.TrimSpace(out.String()))
	}
}

func TestProgressWaitsThenClears(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b)
	p.update(1, 10)
	if b.Len() != 0 {
		t.Fatalf("progress shown before %v: %q", progressDelay, b.String())
	}
	p.start = p.start.Add(-2 * progressDelay)
	p.update(2, 10)
	if got := b.String(); got != "\razrule: analysed 2/10 inputs" {
		t.Fatalf("progress = %q", got)
	}
	p.finish()
	if !strings.HasSuffix(b.String(), "\r\x1b[K") {
		t.Fatalf("finish did not clear the line: %q", b.String())
	}
}
