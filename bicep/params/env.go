package params

import (
	"os"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/compile"
	"github.com/azrule/azrule/source"
)

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

// env evaluates the values of a parameter file: parameters('x') and
// variables('y') are the file's own assignments, evaluated once each on
// first use.
type env struct {
	eval.BaseEnv
	low    *compile.ParamsFile
	params map[string]*compile.ParamAssign
	done   map[string]value.Value
	busy   map[string]bool
	errs   source.ErrorList
}

func newEnv(low *compile.ParamsFile, ctx *eval.Context) *env {
	e := &env{BaseEnv: eval.BaseEnv{Ctx: ctx}, low: low, params: map[string]*compile.ParamAssign{},
		done: map[string]value.Value{}, busy: map[string]bool{}}
	for _, p := range low.Params {
		e.params[p.Name] = p
	}
	return e
}

// Parameter implements eval.Env.
func (e *env) Parameter(name string, at source.Pos) (value.Value, error) {
	if _, ok := e.params[name]; !ok {
		return nil, &source.Error{Pos: at, Code: compile.CodeUndefinedSymbol, Message: "the parameter '" + name + "' is not assigned in this file"}
	}
	return e.param(name, at), nil
}

// Variable implements eval.Env.
func (e *env) Variable(name string, at source.Pos) (value.Value, error) {
	key := "var:" + name
	if v, ok := e.done[key]; ok {
		return v, nil
	}
	raw, ok := e.low.Variables.Get(name)
	if !ok {
		return nil, &source.Error{Pos: at, Code: compile.CodeUndefinedSymbol, Message: "the variable '" + name + "' is not declared in this file"}
	}
	if e.busy[key] {
		return nil, &source.Error{Pos: at, Code: CodeCycle, Message: "the variable '" + name + "' refers to itself"}
	}
	e.busy[key] = true
	v := e.tree(raw, 0)
	e.busy[key] = false
	e.done[key] = v
	return v, nil
}

// param evaluates one parameter's value, once.
func (e *env) param(name string, at source.Pos) value.Value {
	key := "param:" + name
	if v, ok := e.done[key]; ok {
		return v
	}
	p := e.params[name]
	if p.KeyVault != nil {
		return value.NewUnknown("the Key Vault secret of parameter '"+name+"' is read at deployment", "{{getSecret('"+name+"')}}", p.NamePos)
	}
	if e.busy[key] {
		e.errs = append(e.errs, &source.Error{Pos: at, Code: CodeCycle, Message: "the parameter '" + name + "' refers to itself"})
		return value.NewUnknown("a cycle", "{{cycle}}", at)
	}
	e.busy[key] = true
	v := e.tree(p.Value, 0)
	e.busy[key] = false
	e.done[key] = v
	return v
}

// maxDepth caps the nesting of a value being evaluated.
const maxDepth = 600

// tree evaluates every expression string in v.
func (e *env) tree(v value.Value, depth int) value.Value {
	if depth > maxDepth {
		e.errs = append(e.errs, &source.Error{Pos: v.Pos(), Code: CodeEval, Message: "the value nests too deeply"})
		return value.Null{At: v.Pos()}
	}
	switch x := v.(type) {
	case value.String:
		r, err := eval.EvalString(x, e)
		if err != nil {
			return e.failed(x, err)
		}
		return r
	case *value.Array:
		out := value.NewArray(x.At)
		for _, el := range x.Elems {
			out.Elems = append(out.Elems, e.tree(el, depth+1))
		}
		return out
	case *value.Object:
		out := value.NewObject(x.At)
		for _, m := range x.Members() {
			m.Value = e.tree(m.Value, depth+1)
			out.SetMember(m)
		}
		return out
	}
	return v
}

// failed turns an evaluation error into an Unknown value. externalInput()
// is a deployment-time value by design and not reported.
func (e *env) failed(s value.String, err error) value.Value {
	msg := err.Error()
	if se, ok := err.(*source.Error); ok {
		msg = se.Message
	}
	if containsFold(s.V, "externalInput(") {
		return value.NewUnknown("an external input, known at deployment", "{{externalInput}}", s.At)
	}
	e.errs = append(e.errs, &source.Error{Pos: s.At, Code: CodeEval, Message: msg})
	return value.NewUnknown(msg, "{{"+s.V+"}}", s.At)
}

// keyVault evaluates a Key Vault reference to the object parameters.json
// holds.
func (e *env) keyVault(p *compile.ParamAssign) *value.Object {
	kv := p.KeyVault
	at := kv.At
	ref := value.NewObject(at)
	if kv.Subscription == nil {
		return ref
	}
	str := func(v value.Value) string {
		if s, ok := e.tree(v, 0).(value.String); ok {
			return s.V
		}
		return "{{?}}"
	}
	vault := value.NewObject(at)
	vault.Set("id", value.String{V: "/subscriptions/" + str(kv.Subscription) + "/resourceGroups/" + str(kv.ResourceGroup) +
		"/providers/Microsoft.KeyVault/vaults/" + str(kv.Vault), At: at})
	ref.Set("keyVault", vault)
	ref.Set("secretName", e.tree(kv.Secret, 0))
	if kv.Version != nil {
		ref.Set("secretVersion", e.tree(kv.Version, 0))
	}
	return ref
}

func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if value.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
