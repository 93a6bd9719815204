package azure

import (
	"strings"
	"testing"
	"testing/fstest"
)

const okRule = `---
# Synopsis: Test rule.
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata:
  name: Azure.Test.One
  ref: AZR-999001
  tags:
    Azure.WAF/pillar: Security
spec:
  type:
    - Microsoft.Test/things
  condition:
    field: properties.on
    equals: true
`

const okDoc = `---
severity: Important
pillar: Security
category: Testing
resource: Test
online version: https://example.org/Azure.Test.One/
---

# One

## SYNOPSIS

Test rule.
`

// TestLoadReportsBrokenInputs checks that a problem in the embedded files
// comes back as an error that names the file and what to do, not a panic
// or a silently missing rule.
func TestLoadReportsBrokenInputs(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		want []string
	}{
		{
			name: "rule without a doc",
			fs:   fstest.MapFS{"svc/Azure.Test.Rule.yaml": {Data: []byte(okRule)}},
			want: []string{"rules/azure/svc/Azure.Test.Rule.yaml:", "rule Azure.Test.One has no doc", "docs/Azure.Test.One.md"},
		},
		{
			name: "doc that does not parse",
			fs: fstest.MapFS{
				"svc/Azure.Test.Rule.yaml":   {Data: []byte(okRule)},
				"svc/docs/Azure.Test.One.md": {Data: []byte(okDoc + "\n## EXAMPLES\n\n```json\n{}\n")},
			},
			want: []string{"rules/azure/svc/docs/Azure.Test.One.md:17:1:", "never closed"},
		},
		{
			name: "rule file that does not parse",
			fs:   fstest.MapFS{"svc/Azure.Test.Rule.yaml": {Data: []byte("---\napiVersion: [\n")}},
			want: []string{"rules/azure/svc/Azure.Test.Rule.yaml:"},
		},
		{
			name: "duplicate rule names",
			fs: fstest.MapFS{
				"svc/Azure.Test.Rule.yaml":  {Data: []byte(okRule)},
				"svc/Azure.Other.Rule.yaml": {Data: []byte(strings.Replace(okRule, "AZR-999001", "AZR-999002", 1))},
			},
			want: []string{"Azure.Test.One"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := load(tt.fs)
			if err == nil {
				t.Fatalf("load succeeded with %d rules, want an error", len(b.Rules))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestLoadFillsInfoFromDoc checks what a doc gives a rule: severity,
// category, the online version as HelpURI, and the doc itself.
func TestLoadFillsInfoFromDoc(t *testing.T) {
	b, err := load(fstest.MapFS{
		"svc/Azure.Test.Rule.yaml":   {Data: []byte(okRule)},
		"svc/docs/Azure.Test.One.md": {Data: []byte(okDoc)},
	})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if len(b.Rules) != 1 {
		t.Fatalf("%d rules, want 1", len(b.Rules))
	}
	info := b.Rules[0].Info()
	if info.Severity != "Important" || info.Category != "Testing" || info.Pillar != "Security" {
		t.Errorf("severity/category/pillar = %q/%q/%q", info.Severity, info.Category, info.Pillar)
	}
	if info.HelpURI != "https://example.org/Azure.Test.One/" {
		t.Errorf("HelpURI = %q, want the doc's online version", info.HelpURI)
	}
	if info.Doc == nil || info.Doc.Synopsis != "Test rule." {
		t.Errorf("doc = %+v", info.Doc)
	}
	if _, ok := b.Meta["Azure.Test.One"]; !ok {
		t.Error("no Meta for the rule")
	}
}
