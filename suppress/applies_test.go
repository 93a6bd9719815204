package suppress

import (
	"testing"

	"github.com/azrule/azrule/source"
)

const bicepSrc = `resource w 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-1'
  // azrule-disable-next-line azure.ml.publicaccess: private endpoint in hub
  properties: {
    // azrule-disable-next-line AZR-000407: identity managed elsewhere
    publicNetworkAccess: 'Enabled'
  }
}
// azrule-disable-next-line Azure.ML.ComputeVnet: legacy compute
resource c 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: w
  name: 'ci-1'
}
`

func scanSet(t *testing.T) []Comment {
	t.Helper()
	cs, errs := Scan(source.NewFile("main.bicep", []byte(bicepSrc)))
	if len(errs) != 0 || len(cs) != 3 {
		t.Fatalf("scan: %d comments, errors %v", len(cs), errs)
	}
	return cs
}

func TestApplies(t *testing.T) {
	cs := scanSet(t)
	tests := []struct {
		name     string
		c        int
		rule     string
		ref      string
		resource int
		fields   []int
		want     bool
	}{
		{"property line, name in other case", 0, "Azure.ML.PublicAccess", "AZR-000405", 1, []int{4}, true},
		{"ref on the deciding property", 1, "Azure.ML.UserManagedIdentity", "AZR-000407", 1, []int{6}, true},
		{"ref does not match other rule", 1, "Azure.ML.PublicAccess", "AZR-000405", 1, []int{6}, false},
		{"wrong line", 0, "Azure.ML.PublicAccess", "", 1, []int{6}, false},
		{"resource line", 2, "Azure.ML.ComputeVnet", "", 10, nil, true},
		{"resource line, other rule", 2, "Azure.ML.PublicAccess", "", 10, nil, false},
		{"zero lines match nothing", 2, "Azure.ML.ComputeVnet", "", 0, []int{0}, false},
	}
	for _, tt := range tests {
		if got := Applies(cs[tt.c], tt.rule, tt.ref, tt.resource, tt.fields); got != tt.want {
			t.Errorf("%s: Applies = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSet(t *testing.T) {
	s := NewSet(scanSet(t))
	if s.Len() != 3 {
		t.Fatalf("Len = %d", s.Len())
	}
	c, ok := s.Match("Azure.ML.PublicAccess", "AZR-000405", 1, []int{6, 4})
	if !ok || c.Reason != "private endpoint in hub" {
		t.Fatalf("Match = %+v, %v", c, ok)
	}
	if _, ok := s.Match("Azure.ML.DisableLocalAuth", "AZR-000406", 1, []int{4, 6}); ok {
		t.Fatal("a rule no comment names must not match")
	}
	unused := s.Unused()
	if len(unused) != 2 || unused[0].Rules[0] != "AZR-000407" || unused[1].Rules[0] != "Azure.ML.ComputeVnet" {
		t.Fatalf("Unused = %+v", unused)
	}
	if _, ok := s.Match("Azure.ML.ComputeVnet", "", 10, nil); !ok {
		t.Fatal("resource-line suppression should match")
	}
	if len(s.Unused()) != 1 {
		t.Fatalf("Unused after second match = %+v", s.Unused())
	}
	var nilSet *Set
	if _, ok := nilSet.Match("a", "b", 1, nil); ok || nilSet.Unused() != nil || nilSet.Len() != 0 {
		t.Fatal("nil Set must match nothing")
	}
}
