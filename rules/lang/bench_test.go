package lang

import (
	"testing"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

const benchRules = `
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: Bench.Pass}
spec:
  type: [Microsoft.MachineLearningServices/workspaces]
  condition:
    allOf:
    - {field: identity.type, in: [UserAssigned, 'SystemAssigned,UserAssigned']}
    - {field: properties.primaryUserAssignedIdentity, hasValue: true}
    - {field: properties.publicNetworkAccess, equals: Disabled}
    - anyOf:
      - {field: properties.hbiWorkspace, equals: true}
      - {field: sku.name, startsWith: Basic}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: Bench.Fail}
spec:
  type: [Microsoft.MachineLearningServices/workspaces]
  condition:
    allOf:
    - {field: identity.type, equals: SystemAssigned}
    - {field: properties.missing, exists: true}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: Bench.Other}
spec:
  type: [Microsoft.Storage/storageAccounts]
  condition: {field: kind, equals: StorageV2}
`

const benchDoc = `{
  "name": "mlw-1",
  "identity": {"type": "UserAssigned", "userAssignedIdentities": {"/x": {}}},
  "sku": {"name": "Basic"},
  "properties": {
    "primaryUserAssignedIdentity": "/x",
    "publicNetworkAccess": "Disabled",
    "hbiWorkspace": false,
    "friendlyName": "w"
  }
}`

func benchSet(tb testing.TB) (*Set, *rules.Target) {
	f, errs := ParseFile(source.NewFile("bench.Rule.yaml", []byte(benchRules)))
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	set, errs := Compile(f)
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	return set, target(tb, "Microsoft.MachineLearningServices/workspaces", benchDoc)
}

// TestPassingRuleDoesNotAllocate guards the cost of the common case: a
// rule that passes, or does not apply, allocates nothing per target.
func TestPassingRuleDoesNotAllocate(t *testing.T) {
	set, tg := benchSet(t)
	for _, name := range []string{"Bench.Pass", "Bench.Other"} {
		r := set.Rule(name)
		if res := r.Evaluate(tg); res.Outcome == rules.Fail {
			t.Fatalf("%s: %v", name, res.Reasons)
		}
		if n := testing.AllocsPerRun(200, func() { r.Evaluate(tg) }); n != 0 {
			t.Errorf("%s allocates %v times per evaluation", name, n)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	set, tg := benchSet(b)
	for _, name := range []string{"Bench.Pass", "Bench.Fail", "Bench.Other"} {
		r := set.Rule(name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Evaluate(tg)
			}
		})
	}
}

func BenchmarkParseFile(b *testing.B) {
	data := []byte(benchRules)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ParseFile(source.NewFile("bench.Rule.yaml", data))
	}
}

// TestConcurrentEvaluate runs rules from many goroutines at once, as the
// engine does; run with -race.
func TestConcurrentEvaluate(t *testing.T) {
	set, tg := benchSet(t)
	want := make(map[string]rules.Result)
	for _, r := range set.Rules {
		want[r.Name] = r.Evaluate(tg)
	}
	done := make(chan string, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 200; i++ {
				for _, r := range set.Rules {
					got := r.Evaluate(tg)
					if got.Outcome != want[r.Name].Outcome || len(got.Reasons) != len(want[r.Name].Reasons) {
						done <- r.Name
						return
					}
				}
			}
			done <- ""
		}()
	}
	for g := 0; g < 8; g++ {
		if name := <-done; name != "" {
			t.Errorf("%s gave a different result concurrently", name)
		}
	}
}
