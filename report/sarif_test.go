package report

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// schemaPath is ../shared/schemas/sarif-schema-2.1.0.json beside the
// module root; the test is skipped when it is absent.
func schemaPath(t *testing.T) string {
	t.Helper()
	return testdir.Shared(t, "schemas", "sarif-schema-2.1.0.json")
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	p := schemaPath(t)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://example.invalid/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	reports := map[string]*engine.Report{
		"fixture": fixture(),
		"passing": passing(),
		"empty":   {},
		"nil":     nil,
	}
	for name, r := range reports {
		for _, outcomes := range [][]rules.Outcome{nil, allOutcomes} {
			out := render(t, "sarif", r, Options{Outcomes: outcomes, ToolVersion: "1.2.3"})
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("%s: output is not JSON: %v", name, err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s (outcomes %v): SARIF does not validate: %v", name, outcomes, err)
			}
		}
	}
}

// sarifLog is the part of SARIF the tests look at.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID                   string `json:"id"`
					Name                 string `json:"name"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties struct {
						Tags             []string `json:"tags"`
						SecuritySeverity string   `json:"security-severity"`
						Precision        string   `json:"precision"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Kind      string `json:"kind"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
						EndLine     int `json:"endLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					Name               string `json:"name"`
					FullyQualifiedName string `json:"fullyQualifiedName"`
					Kind               string `json:"kind"`
				} `json:"logicalLocations"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, out []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one run", log.Version, len(log.Runs))
	}
	return log
}

func TestSARIFContent(t *testing.T) {
	log := decodeSARIF(t, render(t, "sarif", fixture(), Options{ToolName: "azrule", ToolVersion: "0.1.0", InformationURI: "https://azrule.example/"}))
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "azrule" || d.Version != "0.1.0" || d.InformationURI != "https://azrule.example/" {
		t.Errorf("driver = %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	if len(d.Rules) != 3 {
		t.Fatalf("%d rule descriptors, want one per rule that ran (3)", len(d.Rules))
	}
	levels := map[string]string{"AZR-000124": "error", "AZR-000407": "warning", "AZR-000200": "note"}
	sev := map[string]string{"AZR-000124": "9.5", "AZR-000407": "7.5", "AZR-000200": "3.0"}
	for _, rd := range d.Rules {
		if rd.DefaultConfiguration.Level != levels[rd.ID] {
			t.Errorf("%s level %q, want %q", rd.ID, rd.DefaultConfiguration.Level, levels[rd.ID])
		}
		if rd.Properties.SecuritySeverity != sev[rd.ID] || rd.Properties.Precision == "" {
			t.Errorf("%s security-severity %q precision %q", rd.ID, rd.Properties.SecuritySeverity, rd.Properties.Precision)
		}
		security := false
		for _, tag := range rd.Properties.Tags {
			security = security || tag == "security"
		}
		if want := rd.ID != "AZR-000124"; security != want {
			t.Errorf("%s has security tag %v, want %v (Security pillar)", rd.ID, security, want)
		}
	}
	// Two failures and one error; the suppressed failure and the passes
	// are not results.
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3", len(run.Results))
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(d.Rules) || d.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result for %s has ruleIndex %d that does not name its rule", res.RuleID, res.RuleIndex)
		}
		if len(res.PartialFingerprints[fingerprintKey]) != 32 {
			t.Errorf("result for %s has no fingerprint: %v", res.RuleID, res.PartialFingerprints)
		}
		loc := res.Locations[0]
		if loc.PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.PhysicalLocation.Region.StartLine == 0 ||
			loc.PhysicalLocation.Region.EndLine != loc.PhysicalLocation.Region.StartLine {
			t.Errorf("result for %s has location %+v", res.RuleID, loc.PhysicalLocation)
		}
		if len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].Kind != "resource" || loc.LogicalLocations[0].FullyQualifiedName == "" {
			t.Errorf("result for %s has logical locations %+v", res.RuleID, loc.LogicalLocations)
		}
	}
	first := run.Results[0]
	if first.Level != "warning" || first.Kind != "fail" ||
		!strings.Contains(first.Message.Text, "Path identity.type: Is set to 'SystemAssigned'.") ||
		!strings.Contains(first.Message.Text, "Set identity.type to UserAssigned") {
		t.Errorf("failure result: level %q kind %q message %q", first.Level, first.Kind, first.Message.Text)
	}
	if loc := first.Locations[0].PhysicalLocation; loc.ArtifactLocation.URI != "main.bicep" || loc.Region.StartLine != 7 || loc.Region.StartColumn != 11 {
		t.Errorf("failure points at %+v, want main.bicep:7:11", loc)
	}
	errRes := run.Results[1]
	if errRes.Level != "error" || !strings.Contains(errRes.Message.Text, "could not be evaluated") {
		t.Errorf("error result: level %q message %q", errRes.Level, errRes.Message.Text)
	}
	inv := run.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 2 ||
		inv[0].ToolExecutionNotifications[0].Level != "error" {
		t.Errorf("invocations = %+v, want one unsuccessful with the 2 input errors", inv)
	}

	clean := decodeSARIF(t, render(t, "sarif", passing(), Options{}))
	if !clean.Runs[0].Invocations[0].ExecutionSuccessful || len(clean.Runs[0].Results) != 0 || len(clean.Runs[0].Tool.Driver.Rules) != 1 {
		t.Errorf("passing report: %+v", clean.Runs[0].Invocations)
	}
}

func TestSARIFFingerprintStable(t *testing.T) {
	base := fixture().Records[0]
	moved := base
	moved.Source = []source.Position{{File: "main.bicep", Line: 70, Column: 3}}
	other := base
	other.TargetID = ""
	other.TargetName = "mlw-2"
	otherInput := base
	otherInput.Input = "main.prod.bicepparam"
	fp := func(rec engine.Record) string { return fingerprint(&rec, ruleID(rec.Rule)) }
	if fp(base) != fp(moved) {
		t.Error("fingerprint changed when the finding moved to another line")
	}
	if fp(base) == fp(other) {
		t.Error("two targets share a fingerprint")
	}
	if fp(base) == fp(otherInput) {
		t.Error("the same target from two parameter files shares a fingerprint")
	}
}

func TestSARIFArtifactURIs(t *testing.T) {
	tests := []struct {
		name, root, uri, base string
	}{
		{"main.bicep", "", "main.bicep", srcRoot},
		{"modules/my app/main.bicep", "", "modules/my%20app/main.bicep", srcRoot},
		{"./infra/main.json", "", "infra/main.json", srcRoot},
		{`infra\main.json`, "", "infra/main.json", srcRoot},
		{"/repo/infra/main.json", "/repo", "infra/main.json", srcRoot},
		{"/elsewhere/main.json", "/repo", "file:///elsewhere/main.json", ""},
		{"/elsewhere/main.json", "", "file:///elsewhere/main.json", ""},
		{"C:/work/main.json", "", "file:///C:/work/main.json", ""},
		{"a:b.json", "", "./a:b.json", srcRoot},
	}
	for _, tt := range tests {
		a := artifact(tt.name, tt.root)
		base := ""
		if a.URIBaseID != nil {
			base = *a.URIBaseID
		}
		if a.URI == nil || *a.URI != tt.uri || base != tt.base {
			got := ""
			if a.URI != nil {
				got = *a.URI
			}
			t.Errorf("artifact(%q, %q) = %q base %q, want %q base %q", tt.name, tt.root, got, base, tt.uri, tt.base)
		}
	}
}

// TestSARIFHasNoLibraryDefaults checks the document carries no -1
// "not set" indexes and no empty arrays or objects, except results, which
// tell code scanning that a run found nothing.
func TestSARIFHasNoLibraryDefaults(t *testing.T) {
	for name, r := range map[string]*engine.Report{"fixture": fixture(), "empty": {}} {
		var b bytes.Buffer
		if err := Write(&b, "sarif", r, Options{}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, bad := range []string{": -1", "[]", "{}"} {
			if strings.Contains(strings.ReplaceAll(out, `"results": []`, ""), bad) {
				t.Errorf("%s: SARIF contains %q", name, bad)
			}
		}
		if name == "empty" && !strings.Contains(out, `"results": []`) {
			t.Errorf("an empty run must still say it has no results")
		}
	}
}
