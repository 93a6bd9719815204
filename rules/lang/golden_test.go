package lang

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden runs testdata/ml.Rule.yaml on the resources of
// testdata/targets.json and compares every outcome, reason and position
// with testdata/golden.txt (refresh with -update).
func TestGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/ml.Rule.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rf, errs := ParseFile(source.NewFile("testdata/ml.Rule.yaml", data))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	set, errs := Compile(rf)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tdata, err := os.ReadFile("testdata/targets.json")
	if err != nil {
		t.Fatal(err)
	}
	tv, err := jsonc.Parse(source.NewFile("testdata/targets.json", tdata))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range set.Rules {
		info := r.Info()
		fmt.Fprintf(&b, "rule %s ref=%q synopsis=%q pillar=%q at %s\n", info.Name, info.Ref, info.Synopsis, info.Pillar, info.Source)
	}
	for _, e := range tv.(*value.Array).Elems {
		obj := unknowns(e).(*value.Object)
		typ, _ := obj.Get("type")
		name, _ := obj.Get("name")
		tg := &rules.Target{Type: value.Render(typ), Name: value.Render(name), Object: obj, Pos: obj.Pos()}
		fmt.Fprintf(&b, "\n%s (%s)\n", tg.Name, tg.Type)
		for _, r := range set.Rules {
			res := r.Evaluate(tg)
			if res.Outcome == rules.None {
				continue
			}
			fmt.Fprintf(&b, "  %s: %s\n", r.Name, res.Outcome)
			for _, reason := range res.Reasons {
				fmt.Fprintf(&b, "    %s  [%s]\n", reason, reason.Pos)
			}
		}
	}
	golden := filepath.Join("testdata", "golden.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("golden mismatch (run go test -update after checking):\n--- got\n%s\n--- want\n%s", got, want)
	}
}
