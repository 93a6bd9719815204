package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

func TestFormats(t *testing.T) {
	want := []string{"text", "json", "sarif", "junit", "nunit3", "markdown", "csv"}
	if got := Formats(); !slices.Equal(got, want) {
		t.Errorf("Formats() = %v, want %v", got, want)
	}
	var b bytes.Buffer
	err := Write(&b, "yaml", fixture(), Options{})
	if err == nil || !strings.Contains(err.Error(), `"yaml"`) || !strings.Contains(err.Error(), "sarif") {
		t.Errorf("unknown format: err = %v, want one naming the format and the choices", err)
	}
	if b.Len() != 0 {
		t.Errorf("unknown format wrote %d bytes", b.Len())
	}
	// PSRule users write Output.Format as Sarif or NUnit3.
	if !bytes.Equal(render(t, "Sarif", fixture(), Options{}), render(t, "sarif", fixture(), Options{})) {
		t.Error("format names are not case-insensitive")
	}
}

// Every format must accept a nil or empty report and a report whose
// records lost their rule.
func TestDegenerateReports(t *testing.T) {
	orphan := &engine.Report{Records: []engine.Record{{TargetName: "x", Outcome: rules.Fail}}}
	for _, f := range Formats() {
		for name, r := range map[string]*engine.Report{"nil": nil, "empty": {}, "orphan": orphan} {
			var b bytes.Buffer
			if err := Write(&b, f, r, Options{}); err != nil {
				t.Errorf("%s/%s: %v", f, name, err)
			}
			if b.Len() == 0 {
				t.Errorf("%s/%s: wrote nothing", f, name)
			}
		}
	}
}

func TestTextColour(t *testing.T) {
	plain := string(render(t, "text", fixture(), Options{}))
	if strings.Contains(plain, "\x1b") {
		t.Errorf("text without colour has an escape character:\n%q", plain)
	}
	// The fixture's reason holds ESC: it must be shown, not obeyed.
	if !strings.Contains(plain, `\x1b[31mred`) {
		t.Errorf("control characters from the input are not shown escaped")
	}
	coloured := string(render(t, "text", fixture(), Options{Color: true}))
	if !strings.Contains(coloured, ansiRed+"Azure.ML.UserManagedIdentity"+ansiReset) {
		t.Errorf("text with colour does not colour the failed rule")
	}
	if stripped := stripANSI(coloured); stripped != plain {
		t.Errorf("colour changed the text, not just its colour:\n%s", stripped)
	}
}

func stripANSI(s string) string {
	for _, code := range []string{ansiReset, ansiBold, ansiDim, ansiRed, ansiGreen, ansiYellow} {
		s = strings.ReplaceAll(s, code, "")
	}
	return s
}

func TestTextOutcomes(t *testing.T) {
	out := string(render(t, "text", fixture(), Options{}))
	for _, want := range []string{
		"main.bicep:7:11  Azure.ML.UserManagedIdentity  mlw-1 (Microsoft.MachineLearningServices/workspaces)\n",
		"    Path identity.type: Is set to 'SystemAssigned'.\n",
		"    Recommendation: Set identity.type to UserAssigned",
		"    Run: azrule explain Azure.ML.UserManagedIdentity\n",
		"broken.json:3:7  error  JSON001 unexpected",
		"3 rules, 6 targets: 2 passed, 2 failed, 3 errors, 1 suppressed\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, absent := range []string{"kv-1", "st2", "[Pass]", "[None]"} {
		if strings.Contains(out, absent) {
			t.Errorf("text shows %q by default", absent)
		}
	}
	// Input errors come before the findings of their file.
	if i, j := strings.Index(out, "BCP091"), strings.Index(out, "main.bicep:7:11"); i < 0 || i > j {
		t.Errorf("input error of main.bicep is not listed before its findings")
	}
	only := string(render(t, "text", fixture(), Options{Outcomes: []rules.Outcome{rules.Pass}}))
	if !strings.Contains(only, "st2 (Microsoft.Storage/storageAccounts)  [Pass]") || strings.Contains(only, "mlw-1 (") {
		t.Errorf("Outcomes [Pass] shows:\n%s", only)
	}
}

func TestJSON(t *testing.T) {
	var out struct {
		Results []struct {
			RuleName, RuleID, Outcome string
			Reason                    []string
			Source                    []source.Position
			Suppressed                bool
		}
		Errors []struct {
			File          string
			Line, Column  int
			Message, Code string
		}
		Summary summary
	}
	if err := json.Unmarshal(render(t, "json", fixture(), Options{}), &out); err != nil {
		t.Fatal(err)
	}
	var outcomes []string
	suppressed := 0
	for _, r := range out.Results {
		outcomes = append(outcomes, r.Outcome)
		if r.Suppressed {
			suppressed++
		}
		if r.Reason == nil || r.Source == nil {
			t.Errorf("%s: reason or source is null", r.RuleName)
		}
	}
	if want := []string{"Fail", "Error", "Fail", "Pass", "Fail", "Pass"}; !slices.Equal(outcomes, want) {
		t.Errorf("outcomes %v, want %v (all processed, report order, None left out)", outcomes, want)
	}
	if suppressed != 1 {
		t.Errorf("%d suppressed results, want 1", suppressed)
	}
	if out.Results[0].RuleID != "AZR-000407" || out.Results[0].Source[0] != (source.Position{File: "main.bicep", Line: 7, Column: 11}) {
		t.Errorf("first result %+v", out.Results[0])
	}
	if len(out.Errors) != 2 || out.Errors[0].File != "broken.json" || out.Errors[0].Line != 3 || out.Errors[0].Code != "JSON001" {
		t.Errorf("errors %+v", out.Errors)
	}
	want := summary{Files: 4, Rules: 3, Targets: 6, Pass: 2, Fail: 2, Error: 1, None: 1, Suppressed: 1, InputErrors: 2}
	if out.Summary != want {
		t.Errorf("summary %+v, want %+v", out.Summary, want)
	}
}

func TestJUnitParses(t *testing.T) {
	var doc junitSuites
	if err := xml.Unmarshal(render(t, "junit", fixture(), Options{}), &doc); err != nil {
		t.Fatalf("JUnit output does not parse: %v", err)
	}
	// 2 input errors + 6 processed records; failures are the unsuppressed
	// Fails; errors the Error record and both input errors.
	if doc.Tests != 8 || doc.Failures != 2 || doc.Errors != 3 || doc.Skipped != 1 {
		t.Errorf("testsuites counts tests=%d failures=%d errors=%d skipped=%d, want 8 2 3 1", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
	var names []string
	sum := 0
	for _, s := range doc.Suites {
		names = append(names, s.Name)
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s says %d tests but has %d", s.Name, s.Tests, len(s.Cases))
		}
		sum += s.Tests
		for _, c := range s.Cases {
			if c.Classname != s.Name || c.Time != "0" {
				t.Errorf("case %q: classname %q time %q", c.Name, c.Classname, c.Time)
			}
		}
	}
	if want := []string{"broken.json", "main.bicep", "storage.json", "vault.parameters.json"}; !slices.Equal(names, want) {
		t.Errorf("suites %v, want one per input file %v", names, want)
	}
	if sum != doc.Tests {
		t.Errorf("suites hold %d tests, total says %d", sum, doc.Tests)
	}
	c := doc.Suites[1].Cases[1]
	if c.Name != "Azure.ML.UserManagedIdentity (mlw-1)" || c.Failure == nil ||
		c.Failure.Message != "Path identity.type: Is set to 'SystemAssigned'." ||
		!strings.Contains(c.Failure.Text, "at main.bicep:7:11") {
		t.Errorf("failure case %+v", c)
	}
	if c := doc.Suites[3].Cases[0]; c.Skipped == nil || !strings.Contains(c.Skipped.Message, "legacy-vaults") {
		t.Errorf("suppressed case %+v", c)
	}
}

func TestNUnit3Parses(t *testing.T) {
	var doc nunitResults
	if err := xml.Unmarshal(render(t, "nunit3", fixture(), Options{}), &doc); err != nil {
		t.Fatalf("NUnit output does not parse: %v", err)
	}
	// Default outcomes leave the None record out: 6 records, 5 run.
	if doc.Total != 7 || doc.Failures != 2 || doc.Errors != 3 || doc.Ignored != 1 || doc.NotRun != 1 {
		t.Errorf("counts total=%d failures=%d errors=%d ignored=%d not-run=%d, want 7 2 3 1 1",
			doc.Total, doc.Failures, doc.Errors, doc.Ignored, doc.NotRun)
	}
	var names []string
	for _, s := range doc.Suites {
		names = append(names, s.Name)
		if s.Type != "TestFixture" {
			t.Errorf("suite %s type %q", s.Name, s.Type)
		}
	}
	// One fixture per target in report order, then one per file with
	// input errors.
	want := []string{"mlw-1", "mlw-1/ci-1", "st|<01>&\"x\"", "st2", "kv-1", "kv-2", "broken.json", "main.bicep"}
	if !slices.Equal(names, want) {
		t.Errorf("fixtures %v, want %v", names, want)
	}
	mlw := doc.Suites[0]
	if mlw.Result != "Failure" || mlw.Success != "False" || len(mlw.Cases) != 1 {
		t.Fatalf("fixture mlw-1 %+v", mlw)
	}
	c := mlw.Cases[0]
	if c.Name != "mlw-1 -- Azure.ML.UserManagedIdentity" || c.Result != "Failure" || c.Failure == nil ||
		!strings.Contains(c.Failure.Message.Text, "- Path identity.type: Is set to 'SystemAssigned'.") {
		t.Errorf("case %+v", c)
	}
	if s := doc.Suites[3]; s.Result != "Success" || s.Cases[0].Result != "Success" || s.Cases[0].Failure != nil {
		t.Errorf("passing fixture %+v", s)
	}
	if s := doc.Suites[4]; s.Cases[0].Result != "Ignored" || s.Cases[0].Executed != "False" {
		t.Errorf("suppressed fixture %+v", s)
	}
}

func TestCSVParses(t *testing.T) {
	rows, err := csv.NewReader(bytes.NewReader(render(t, "csv", fixture(), Options{}))).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if !slices.Equal(rows[0], csvHeader) {
		t.Errorf("header %v", rows[0])
	}
	if len(rows) != 7 {
		t.Fatalf("%d rows, want header + 6 processed records", len(rows))
	}
	col := func(name string) int { return slices.Index(csvHeader, name) }
	first := rows[1]
	if first[col("RuleName")] != "Azure.ML.UserManagedIdentity" || first[col("Outcome")] != "Fail" ||
		first[col("OutcomeReason")] != "Processed" || first[col("File")] != "main.bicep" ||
		first[col("Line")] != "7" || first[col("Column")] != "11" {
		t.Errorf("first row %v", first)
	}
	tricky := rows[3]
	if tricky[col("TargetName")] != "st|<01>&\"x\"" {
		t.Errorf("target with quotes and pipes came back as %q", tricky[col("TargetName")])
	}
	if r := tricky[col("Reason")]; !strings.Contains(r, "\n=HYPERLINK") || strings.Contains(r, "\x1b") {
		t.Errorf("reason cell %q: want both reasons, one per line, no raw ESC", r)
	}
	if rows[5][col("OutcomeReason")] != "Suppressed" || rows[5][col("Outcome")] != "Fail" {
		t.Errorf("suppressed row %v", rows[5])
	}
	for _, s := range []string{"=1+1", "+1", "-1", "@SUM(A1)", "\tx"} {
		if got := csvSafe(s); got != "'"+s {
			t.Errorf("csvSafe(%q) = %q", s, got)
		}
	}
	if got := csvSafe("mlw-1"); got != "mlw-1" {
		t.Errorf("csvSafe changed a plain value: %q", got)
	}
}

func TestMarkdown(t *testing.T) {
	out := string(render(t, "markdown", fixture(), Options{}))
	// Every table row must keep its column count whatever the cells hold.
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") - 1
		if cells != 3 && cells != 4 && cells != 6 {
			t.Errorf("row has %d cells: %s", cells, line)
		}
	}
	for _, want := range []string{
		"[Azure.ML.UserManagedIdentity](https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ML.UserManagedIdentity/)",
		"| main.bicep:7:11 |",
		"### Errors",
		"| broken.json:3:7 | JSON001 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(out, "<01>") || !strings.Contains(out, `\[link\](javascript`) || strings.Contains(out, "kv-1") {
		t.Errorf("markdown lets input text through unescaped or shows a suppressed record:\n%s", out)
	}
	pass := string(render(t, "markdown", passing(), Options{}))
	if strings.Count(pass, "\n") > 3 || strings.Contains(pass, "|") {
		t.Errorf("all-pass summary is noisy:\n%s", pass)
	}
}

func TestMarkdownRowCap(t *testing.T) {
	r := &engine.Report{Rules: []*rules.Info{ruleTLS}}
	for i := 0; i < markdownMaxRows+20; i++ {
		r.Records = append(r.Records, engine.Record{
			Rule: ruleTLS, TargetName: fmt.Sprintf("st%d", i), TargetType: "Microsoft.Storage/storageAccounts",
			Input: "storage.json", Outcome: rules.Fail,
		})
	}
	out := string(render(t, "markdown", r, Options{}))
	if rows := strings.Count(out, "| Azure.Storage.MinTLS |"); rows != markdownMaxRows {
		t.Errorf("%d failure rows, want the cap %d", rows, markdownMaxRows)
	}
	if !strings.Contains(out, "And 20 more failures") {
		t.Errorf("markdown does not say how many rows it left out")
	}
}

func TestXMLTextInvalidCharacters(t *testing.T) {
	r := fixture()
	r.Records[0].TargetName = "bad\x00name\xff"
	r.Records[0].Reasons[0].Message = "]]> ends CDATA \x01"
	for _, f := range []string{"junit", "nunit3"} {
		out := render(t, f, r, Options{})
		var v any
		if f == "junit" {
			v = &junitSuites{}
		} else {
			v = &nunitResults{}
		}
		if err := xml.Unmarshal(out, v); err != nil {
			t.Errorf("%s with invalid characters does not parse: %v", f, err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	base := fixture()
	r := &engine.Report{Rules: base.Rules, Errors: base.Errors, Files: 1000}
	for i := 0; i < 1000; i++ {
		for _, rec := range base.Records {
			rec.TargetName = fmt.Sprintf("%s-%d", rec.TargetName, i)
			r.Records = append(r.Records, rec)
		}
	}
	for _, f := range Formats() {
		b.Run(f, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := Write(&buf, f, r, Options{Outcomes: allOutcomes}); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}

// A reason whose value was written somewhere else than the finding's own
// location (a parameter file, a variable) says where, in every format for
// people.
func TestReasonElsewhere(t *testing.T) {
	params := source.NewFile("main.parameters.json", []byte("{\n  \"parameters\": {\n    \"tls\": { \"value\": \"TLS1_0\" }\n  }\n}\n"))
	r := passing()
	r.Records[0].Outcome = rules.Fail
	r.Records[0].Reasons = []rules.Reason{{Path: "properties.minimumTlsVersion", Message: "Is set to 'TLS1_0'.", Pos: params.Pos(42)}}
	const at = "Path properties.minimumTlsVersion: Is set to 'TLS1_0'. (at main.parameters.json:3:23)"
	for _, f := range []string{"text", "markdown", "junit", "csv"} {
		out := string(render(t, f, r, Options{}))
		want := at
		if f == "markdown" {
			want = mdText(at)
		}
		if !strings.Contains(out, want) {
			t.Errorf("%s does not say where the value came from:\n%s", f, out)
		}
	}
	// JSON keeps reasons as PSRule words them; positions are in source.
	if out := string(render(t, "json", r, Options{})); strings.Contains(out, "(at ") {
		t.Errorf("json reason carries a position")
	}
}
