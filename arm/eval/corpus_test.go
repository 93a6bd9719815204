package eval

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

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
	exprs := testdir.CorpusExpressions(t)
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
