package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/azrule/azrule/config"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

func names(rs []rules.Rule) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Info().Name)
	}
	return strings.Join(out, " ")
}

const localRule = `---
# Synopsis: Workspaces carry an owner tag.
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata:
  name: Org.Owner
  ref: ORG-1
spec:
  type: [Microsoft.MachineLearningServices/workspaces]
  condition:
    field: tags.owner
    exists: true
`

func TestSelection(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".ps-rule"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ".ps-rule", "org.Rule.yaml"), []byte(localRule), 0o644); err != nil {
		t.Fatal(err)
	}
	all := "Azure.ML.ComputeIdleShutdown Azure.ML.ComputeVnet Azure.ML.DisableLocalAuth Azure.ML.PublicAccess Azure.ML.UserManagedIdentity Org.Owner"
	tests := []struct {
		name string
		opt  RuleOptions
		want string
	}{
		{"default baseline and local rules", RuleOptions{}, all},
		{"a pillar baseline leaves local rules alone", RuleOptions{Baseline: "Azure.Pillar.CostOptimization"}, "Azure.ML.ComputeIdleShutdown Org.Owner"},
		{"include by ref and wildcard", RuleOptions{Include: []string{"azr-000407", "Azure.ML.Compute*"}}, "Azure.ML.ComputeIdleShutdown Azure.ML.ComputeVnet Azure.ML.UserManagedIdentity"},
		{"includeLocal keeps local rules", RuleOptions{Include: []string{"AZR-000406"}, IncludeLocal: true}, "Azure.ML.PublicAccess Org.Owner"},
		{"exclude wins", RuleOptions{Exclude: []string{"Azure.ML.*", "ORG-1"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Root = root
			s, err := LoadRules(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Errors) > 0 {
				t.Fatalf("errors: %v", s.Errors)
			}
			if got := names(s.Selected); got != tt.want {
				t.Errorf("selected %q, want %q", got, tt.want)
			}
			if names(s.All) != all {
				t.Errorf("all = %q", names(s.All))
			}
		})
	}
	if _, err := LoadRules(RuleOptions{Root: root, Baseline: "Azure.Nope"}); err == nil || !strings.Contains(err.Error(), "Azure.Default") {
		t.Errorf("unknown baseline: %v", err)
	}
}

func TestDuplicateAndMissing(t *testing.T) {
	dir := t.TempDir()
	dup := strings.Replace(strings.Replace(localRule, "Org.Owner", "Azure.ML.PublicAccess", 1), "ORG-1", "ORG-2", 1)
	if err := os.WriteFile(filepath.Join(dir, "dup.Rule.yaml"), []byte(dup), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadRules(RuleOptions{Dirs: []string{dir, filepath.Join(dir, "missing")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Errors) != 2 {
		t.Fatalf("errors = %v", s.Errors)
	}
	if !strings.Contains(s.Errors[0].Message, "rules folder not found") {
		t.Errorf("missing folder: %v", s.Errors[0])
	}
	if !strings.Contains(s.Errors[1].Message, `rule name "Azure.ML.PublicAccess" is already used`) || s.Errors[1].Pos.Position().Line != 6 {
		t.Errorf("duplicate: %v", s.Errors[1])
	}
}

func TestSuppressorOptionEntries(t *testing.T) {
	f := source.NewFile("ps-rule.yaml", []byte("suppression:\n  Azure.ML.PublicAccess:\n    - mlw-a\n  AZR-000407:\n    - gone\n"))
	cfg, errs := config.Parse(f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s := NewSuppressor(cfg, nil, time.Now())
	info := &rules.Info{Name: "Azure.ML.PublicAccess", Ref: "AZR-000406"}
	if _, ok := s.Suppress(info, &rules.Target{Name: "MLW-A"}, rules.Result{Outcome: rules.Fail}); !ok {
		t.Error("target names match without regard to case")
	}
	if _, ok := s.Suppress(info, &rules.Target{Name: "mlw-b"}, rules.Result{Outcome: rules.Fail}); ok {
		t.Error("another target was suppressed")
	}
	w := s.Warnings()
	if len(w) != 1 || !strings.Contains(w[0].Message, "AZR-000407 matched no result") || w[0].Pos.Position().Line != 4 {
		t.Errorf("warnings = %v", w)
	}
}

func TestSuppressorComments(t *testing.T) {
	src := "{\n  \"resources\": [\n    // azrule-disable-next-line AZR-000406: private endpoint only\n    {\n      \"name\": \"x\"\n    }\n  ]\n}\n"
	f := source.NewFile("main.jsonc", []byte(src))
	s := NewSuppressor(config.Default(), nil, time.Now())
	s.ScanFiles([]*source.File{f})
	info := &rules.Info{Name: "Azure.ML.PublicAccess", Ref: "AZR-000406"}
	target := &rules.Target{Name: "x", Pos: f.Pos(strings.Index(src, "    {") + 4)}
	by, ok := s.Suppress(info, target, rules.Result{Outcome: rules.Fail})
	if !ok || by != "comment at main.jsonc:3:5: private endpoint only" {
		t.Errorf("Suppress = %q, %v", by, ok)
	}
	if _, ok := s.Suppress(&rules.Info{Name: "Azure.ML.UserManagedIdentity", Ref: "AZR-000407"}, target, rules.Result{}); ok {
		t.Error("a rule the comment does not name was suppressed")
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("a used comment is not stale: %v", w)
	}
}
