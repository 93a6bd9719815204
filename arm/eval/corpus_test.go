package eval

import (
	"encoding/json"
	"github.com/azrule/azrule/internal/testdir"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// corpusExpressions returns the distinct expressions of the corpora's
// compiled templates.
func corpusExpressions(t testing.TB) []string {
	root := testdir.Corpus(t)
	seen := map[string]bool{}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if IsExpression(v) && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for k, e := range v {
				walk(k)
				walk(e)
			}
		}
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || (d.Name() != "main.json" && d.Name() != "main.symbolicnames.json") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var v any
		if json.Unmarshal(b, &v) == nil {
			walk(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// openEnv answers every question with an Unknown: it stands for a
// deployment about which nothing is known, so any error left is the
// evaluator's, not the template's.
type openEnv struct{ BaseEnv }

func (openEnv) Parameter(name string, at source.Pos) (value.Value, error) {
	return value.NewUnknown("parameter '"+name+"' has no value", "parameters('"+name+"')", at), nil
}

func (openEnv) Variable(name string, at source.Pos) (value.Value, error) {
	return value.NewUnknown("variable '"+name+"'", "variables('"+name+"')", at), nil
}

func (openEnv) CopyIndex(string, source.Pos) (int64, error) { return 0, nil }

func (openEnv) References(symbol, mode string, at source.Pos) (value.Value, error) {
	return value.NewUnknown("references", "references('"+symbol+"')", at), nil
}

func (openEnv) CallUserFunction(name string, args []value.Value, at source.Pos) (value.Value, bool, error) {
	return value.NewUnknown("user function", name+"()", at), true, nil
}

// TestCorpusEvaluates evaluates every corpus expression with nothing
// known. Compiled templates call only functions ARM has, with valid
// argument counts, so no error may name an unknown function or a wrong
// argument count, and nothing may panic.
func TestCorpusEvaluates(t *testing.T) {
	exprs := corpusExpressions(t)
	env := openEnv{BaseEnv{Ctx: DefaultContext()}}
	var failures []string
	known, unknown := 0, 0
	for _, s := range exprs {
		v, err := EvalString(value.String{V: s}, env)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "unknown function") || strings.Contains(msg, " takes ") {
				failures = append(failures, s+": "+msg)
			}
			continue
		}
		if value.IsUnknown(v) {
			unknown++
		} else {
			known++
		}
	}
	for i, f := range failures {
		if i == 20 {
			break
		}
		t.Error(f)
	}
	t.Logf("%d expressions: %d known values, %d unknown, %d bad function calls", len(exprs), known, unknown, len(failures))
}
