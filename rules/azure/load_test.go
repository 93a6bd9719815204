package azure

import (
	"io/fs"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/rules/ruledoc"
)

// want is what PSRule for Azure says about each rule: ref, severity,
// pillar, category, the types it applies to and its labels.
var want = []struct {
	name, ref string
	severity  rules.Severity
	pillar    string
	category  string
	types     []string
	labels    map[string][]string
}{
	{"Azure.ML.ComputeIdleShutdown", "AZR-000403", rules.Critical, "Cost Optimization", "Provision",
		[]string{"Microsoft.MachineLearningServices/workspaces/computes"}, nil},
	{"Azure.ML.ComputeVnet", "AZR-000405", rules.Critical, "Security", "Networking",
		[]string{"Microsoft.MachineLearningServices/workspaces/computes"},
		map[string][]string{"Azure.MCSB.v1/control": {"NS-1"}}},
	{"Azure.ML.DisableLocalAuth", "AZR-000404", rules.Critical, "Security", "Identity and Access Management",
		[]string{"Microsoft.MachineLearningServices/workspaces/computes"},
		map[string][]string{"Azure.WAF/maturity": {"L1"}}},
	{"Azure.ML.PublicAccess", "AZR-000406", rules.Critical, "Security", "Connectivity",
		[]string{"Microsoft.MachineLearningServices/workspaces"},
		map[string][]string{"Azure.MCSB.v1/control": {"NS-2"}, "Azure.WAF/maturity": {"L1"}}},
	{"Azure.ML.UserManagedIdentity", "AZR-000407", rules.Important, "Security", "Identity and Access Management",
		[]string{"Microsoft.MachineLearningServices/workspaces"},
		map[string][]string{"Azure.MCSB.v1/control": {"IM-3"}, "Azure.WAF/maturity": {"L1"}}},
}

func TestRulesLoadWithMetadata(t *testing.T) {
	set, list, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(list) != len(want) || len(set.Rules) != len(want) {
		t.Fatalf("Load gave %d rules (%d in the set), want %d", len(list), len(set.Rules), len(want))
	}
	for i, w := range want {
		info := list[i].Info()
		t.Run(w.name, func(t *testing.T) {
			if info.Name != w.name || info.Ref != w.ref {
				t.Errorf("rule %d is %s (%s), want %s (%s)", i, info.Name, info.Ref, w.name, w.ref)
			}
			if info.Severity != w.severity || info.Pillar != w.pillar || info.Category != w.category {
				t.Errorf("severity/pillar/category = %q/%q/%q, want %q/%q/%q",
					info.Severity, info.Pillar, info.Category, w.severity, w.pillar, w.category)
			}
			if !reflect.DeepEqual(info.Types, w.types) {
				t.Errorf("types = %q, want %q", info.Types, w.types)
			}
			wantTags := map[string]string{"release": "GA", "ruleSet": "2023_12", "Azure.WAF/pillar": w.pillar}
			if !reflect.DeepEqual(info.Tags, wantTags) {
				t.Errorf("tags = %q, want %q", info.Tags, wantTags)
			}
			if len(info.Labels) != 0 || len(w.labels) != 0 {
				if !reflect.DeepEqual(info.Labels, w.labels) {
					t.Errorf("labels = %q, want %q", info.Labels, w.labels)
				}
			}
			if info.Synopsis == "" || !strings.HasSuffix(info.Synopsis, ".") {
				t.Errorf("synopsis %q: want a sentence", info.Synopsis)
			}
			if info.Doc == nil {
				t.Fatal("no doc attached")
			}
			// The CLI shows Info.Synopsis and SARIF the doc's; they
			// must not tell two stories.
			if info.Doc.Synopsis != info.Synopsis {
				t.Errorf("doc synopsis %q differs from the rule's %q", info.Doc.Synopsis, info.Synopsis)
			}
			// The rule file's own "# Synopsis:" comment, not only the
			// doc's, must say the same.
			if own := set.Rules[i].Synopsis; own != info.Doc.Synopsis {
				t.Errorf("rule file synopsis %q differs from the doc's %q", own, info.Doc.Synopsis)
			}
			if info.HelpURI != HelpURI(w.name) {
				t.Errorf("HelpURI = %q, want %q", info.HelpURI, HelpURI(w.name))
			}
			if !info.Source.IsValid() || !strings.HasPrefix(info.Source.Position().File, Root+"/ml/") {
				t.Errorf("source = %v, want a position in %s/ml/", info.Source, Root)
			}
		})
	}
}

func TestRefsAndNamesUnique(t *testing.T) {
	_, list, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	refs, names := map[string]string{}, map[string]bool{}
	for _, r := range list {
		info := r.Info()
		if prev, dup := refs[info.Ref]; dup {
			t.Errorf("ref %s is used by %s and %s", info.Ref, prev, info.Name)
		}
		refs[info.Ref] = info.Name
		key := strings.ToLower(info.Name)
		if names[key] {
			t.Errorf("name %s is used twice", info.Name)
		}
		names[key] = true
	}
}

func TestLoadIsShared(t *testing.T) {
	s1, r1, err1 := Load()
	s2, r2, err2 := Load()
	if err1 != nil || err2 != nil {
		t.Fatalf("Load: %v, %v", err1, err2)
	}
	if s1 != s2 || &r1[0] != &r2[0] {
		t.Error("Load compiled the rules twice; want one shared set")
	}
}

// TestDocsComplete checks every doc on its own: all sections, front matter
// that agrees with the rule, and no doc without a rule.
func TestDocsComplete(t *testing.T) {
	b, err := LoadBuiltin()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	err = fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		name := strings.TrimSuffix(path.Base(p), ".md")
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(FS(), p)
			if err != nil {
				t.Fatal(err)
			}
			doc, meta, err := ruledoc.Parse(p, data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if missing := ruledoc.Check(doc, meta); missing != nil {
				t.Errorf("doc lacks: %s", strings.Join(missing, "; "))
			}
			r := b.Set.Rule(name)
			if r == nil {
				t.Fatalf("doc %s has no rule of that name", p)
			}
			info := r.Info()
			if meta.Pillar != info.Pillar {
				t.Errorf("doc pillar %q, rule tag Azure.WAF/pillar %q", meta.Pillar, info.Pillar)
			}
			if meta.OnlineVersion != HelpURI(name) {
				t.Errorf("online version %q, want %q", meta.OnlineVersion, HelpURI(name))
			}
			if len(info.Types) != 1 || !strings.EqualFold(meta.ResourceType, info.Types[0]) {
				t.Errorf("doc resourceType %q, rule types %q", meta.ResourceType, info.Types)
			}
			for _, l := range doc.Links {
				if !strings.HasPrefix(l.URL, "https://learn.microsoft.com/") {
					t.Errorf("link %q goes to %s; built-in docs link to Microsoft Learn", l.Title, l.URL)
				}
			}
			ex := []string{}
			for _, e := range doc.Examples {
				ex = append(ex, e.Title+":"+e.Language)
			}
			wantEx := []string{"Configure with Azure template:json", "Configure with Bicep:bicep"}
			if !reflect.DeepEqual(ex, wantEx) {
				t.Errorf("examples %q, want %q", ex, wantEx)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
