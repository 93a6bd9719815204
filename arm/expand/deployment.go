package expand

import (
	"strings"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// deployment is one template being deployed: the top-level one or a
// nested or linked one. It is the eval.Env its expressions see.
type deployment struct {
	eval.BaseEnv // Ctx is the context expressions see
	// target is where the resources are deployed, for their ids. It is
	// Ctx, except in an outer-scope nested template: its expressions are
	// evaluated in the parent (resourceGroup() is the parent's), while
	// its resources go to the resource group the deployment names.
	target *eval.Context

	x      *expander
	t      *template.Template
	name   string      // the nested deployment's name; "" at top level
	parent *deployment // the deployment this one is nested in
	// outer is set for a nested template with expressionEvaluationOptions
	// scope "outer": parameters, variables and functions are the
	// parent's.
	outer *deployment
	depth int

	supplied      map[string]value.Value // lower-cased name -> value given
	suppliedNames map[string]string      // lower-cased name -> name as given
	paramDefaults *value.Object
	params        map[string]*slot
	vars          map[string]*slot

	decls    []*decl // every resource declaration, parents before children
	bySymbol map[string]*decl
	byID     map[string]*instance // lower-cased id
	insts    []*instance          // in declaration order, once enumerated

	loops []loop // the copy loops in force, outermost first
	// outerLoops are the loops of the deployment resource holding an
	// outer-scope nested template.
	outerLoops []loop
	// section names the part of the template being evaluated where ARM
	// does not allow reference() (variables, a copy count, a resource
	// name); "" where it is allowed.
	section string
	sink    *source.ErrorList
	errs    source.ErrorList // this deployment's own errors

	outputValues *value.Object
	// outputsForParent is the outputs object as reference() of the
	// deployment resource shows it: {name: {type, value}}.
	outputsForParent *value.Object
}

// slot is a lazily evaluated parameter or variable.
type slot struct {
	state uint8 // 0 pending, 1 evaluating, 2 done
	v     value.Value
	err   error
	used  bool
}

const (
	pending uint8 = iota
	evaluating
	done
)

// loop is one copy loop in force.
type loop struct {
	name  string
	index int64
	// property loops (property and variable copy) answer only to their
	// name; copyIndex() without a name means the resource or output loop.
	named bool
}

func newDeployment(x *expander, t *template.Template, ctx *eval.Context, name string, parent, outer *deployment, supplied map[string]value.Value, depth int) *deployment {
	d := &deployment{
		BaseEnv:  eval.BaseEnv{Ctx: ctx},
		target:   ctx,
		x:        x,
		t:        t,
		name:     name,
		parent:   parent,
		outer:    outer,
		depth:    depth,
		supplied: supplied,
		params:   make(map[string]*slot, len(t.Parameters)),
		vars:     make(map[string]*slot, len(t.Variables)),
		bySymbol: map[string]*decl{},
		byID:     map[string]*instance{},
	}
	d.sink = &d.errs
	for _, p := range t.Parameters {
		d.params[strings.ToLower(p.Name)] = &slot{}
	}
	for _, v := range t.Variables {
		d.vars[strings.ToLower(v.Name)] = &slot{}
	}
	d.declare(t.Resources, nil)
	return d
}

// errorf records an error in the current sink.
func (d *deployment) errorf(at source.Pos, code, format string, args ...any) {
	e := source.Errorf(at, format, args...)
	e.Code = code
	*d.sink = append(*d.sink, e)
}

// errorfTo records an error in list.
func (d *deployment) errorfTo(list *source.ErrorList, at source.Pos, code, format string, args ...any) {
	e := source.Errorf(at, format, args...)
	e.Code = code
	*list = append(*list, e)
}

// addErr records err (an *source.Error or any error) in the current sink.
func (d *deployment) addErr(err error, at source.Pos) {
	switch e := err.(type) {
	case *source.Error:
		*d.sink = append(*d.sink, e)
	case source.ErrorList:
		*d.sink = append(*d.sink, e...)
	default:
		*d.sink = append(*d.sink, source.Errorf(at, "%v", err))
	}
}

// withSink runs f with errors collected in list, restoring the previous
// sink and loops afterwards.
func (d *deployment) withSink(list *source.ErrorList, loops []loop, f func()) {
	savedSink, savedLoops := d.sink, d.loops
	d.sink, d.loops = list, loops
	defer func() { d.sink, d.loops = savedSink, savedLoops }()
	f()
}

// The sections where ARM refuses reference() (and, for the first two,
// list*()), as error messages name them.
const (
	sectionParameterDefault = "a parameter's defaultValue"
	sectionCopyCount        = "a copy count"
)

// inSection runs f with reference() forbidden, naming the section in the
// error.
func (d *deployment) inSection(section string, f func()) {
	saved := d.section
	d.section = section
	defer func() { d.section = saved }()
	f()
}

// run evaluates the whole deployment: parameters (for validation), every
// resource, variables nobody used (ARM evaluates them all), and outputs.
func (d *deployment) run() {
	for _, p := range d.t.Parameters {
		d.parameter(p.Name, p.NamePos) // validation errors are recorded once, here or on first use
	}
	for _, dc := range d.decls {
		d.enumerate(dc)
	}
	for _, in := range d.insts {
		d.evalInstance(in)
	}
	d.checkDuplicates()
	d.checkLimits()
	for _, v := range d.t.Variables {
		s := d.vars[strings.ToLower(v.Name)]
		if s.state == pending {
			if _, err := d.variable(v.Name, v.NamePos); err != nil {
				d.addErr(err, v.NamePos)
			}
		}
	}
	d.outputs()
}

// spend implements budget: n more copy iterations.
func (d *deployment) spend(n int64, at source.Pos, errs *source.ErrorList) bool {
	d.x.iterations += n
	if d.x.iterations <= MaxIterations {
		return true
	}
	if !d.x.overBudget {
		d.x.overBudget = true
		*errs = append(*errs, source.Errorf(at, "the deployment needs more than %d copy iterations; azrule stops expanding copies here", MaxIterations))
	}
	return false
}

// scopeEnv is where parameters, variables and functions are looked up:
// the parent for an outer-scope nested template.
func (d *deployment) scopeEnv() *deployment {
	for d.outer != nil {
		d = d.outer
	}
	return d
}

// Parameter implements eval.Env. In an outer-scope nested template the
// parent's parameters come first; the template's own are used only for
// names the parent does not declare. ARM evaluates an outer template in
// the parent and then deploys what is left, so an expression escaped
// with "[[" (often a template loaded into a variable) reaches the nested
// deployment and reads its own parameters there.
func (d *deployment) Parameter(name string, at source.Pos) (value.Value, error) {
	s := d.scopeEnv()
	if s != d && s.params[strings.ToLower(name)] == nil && d.params[strings.ToLower(name)] != nil {
		return d.parameter(name, at)
	}
	return s.parameter(name, at)
}

// Variable implements eval.Env, with the same order as Parameter.
func (d *deployment) Variable(name string, at source.Pos) (value.Value, error) {
	s := d.scopeEnv()
	if s != d && s.vars[strings.ToLower(name)] == nil && d.vars[strings.ToLower(name)] != nil {
		return d.variable(name, at)
	}
	return s.variable(name, at)
}

// CopyIndex implements eval.Env. An outer-scope nested template is
// evaluated in its parent, so the loops of the deployment resource that
// holds it are in force too, after its own.
func (d *deployment) CopyIndex(name string, at source.Pos) (int64, error) {
	for _, loops := range [2][]loop{d.loops, d.outerLoops} {
		for i := len(loops) - 1; i >= 0; i-- {
			l := loops[i]
			if name == "" {
				if !l.named {
					return l.index, nil
				}
				continue
			}
			if value.EqualFold(l.name, name) {
				return l.index, nil
			}
		}
	}
	return d.BaseEnv.CopyIndex(name, at)
}

// CallUserFunction implements eval.Env.
func (d *deployment) CallUserFunction(name string, args []value.Value, at source.Pos) (value.Value, bool, error) {
	return d.callFunction(name, args, at, 0)
}

func (d *deployment) callFunction(name string, args []value.Value, at source.Pos, depth int) (value.Value, bool, error) {
	fn := d.t.Function(name)
	if fn == nil && d.outer != nil {
		return d.outer.callFunction(name, args, at, depth)
	}
	if fn == nil {
		return nil, false, nil
	}
	d.x.calls++
	if d.x.calls > MaxCalls {
		return nil, true, source.Errorf(at, "the template calls user-defined functions more than %d times; azrule stops evaluating '%s' here", MaxCalls, name)
	}
	if depth > MaxCallDepth {
		return nil, true, source.Errorf(at, "user-defined functions call each other more than %d levels deep; is '%s' recursive?", MaxCallDepth, name)
	}
	if len(args) != len(fn.Parameters) {
		return nil, true, source.Errorf(at, "function '%s' takes %d arguments, but %d were given", fn.FullName(), len(fn.Parameters), len(args))
	}
	fe := &funcEnv{BaseEnv: eval.BaseEnv{Ctx: d.Ctx}, d: d, fn: fn, args: args, depth: depth}
	for i, p := range fn.Parameters {
		if err := d.checkType(&p.TypeSpec, args[i], "parameter '"+p.Name+"' of function '"+fn.FullName()+"'", args[i].Pos(), 0); err != nil {
			return nil, true, err
		}
	}
	if fn.OutputValue == nil {
		return nil, true, source.Errorf(at, "function '%s' has no output value", fn.FullName())
	}
	v, err := fe.eval(fn.OutputValue)
	return v, true, err
}

// funcEnv is the scope of a user-defined function body: only its own
// parameters, as ARM allows.
type funcEnv struct {
	eval.BaseEnv
	d     *deployment
	fn    *template.Function
	args  []value.Value
	depth int
}

// Parameter implements eval.Env: the function's own parameters.
func (f *funcEnv) Parameter(name string, at source.Pos) (value.Value, error) {
	for i, p := range f.fn.Parameters {
		if value.EqualFold(p.Name, name) {
			return f.args[i], nil
		}
	}
	return nil, source.Errorf(at, "function '%s' has no parameter '%s'; a user-defined function sees only its own parameters", f.fn.FullName(), name)
}

// Variable implements eval.Env: functions cannot read variables.
func (f *funcEnv) Variable(name string, at source.Pos) (value.Value, error) {
	return nil, source.Errorf(at, "function '%s' cannot use variables('%s'): a user-defined function sees only its own parameters", f.fn.FullName(), name)
}

// Reference implements eval.Env: ARM does not allow reference() in
// user-defined functions.
func (f *funcEnv) Reference(target value.Value, apiVersion string, full bool, at source.Pos) (value.Value, error) {
	return nil, source.Errorf(at, "function '%s' cannot use reference(): a user-defined function cannot read deployed resources", f.fn.FullName())
}

// CheckList implements eval.ListChecker: ARM does not allow list*() in
// user-defined functions either.
func (f *funcEnv) CheckList(name string, at source.Pos) error {
	return source.Errorf(at, "function '%s' cannot use %s(): a user-defined function cannot read deployed resources", f.fn.FullName(), name)
}

// References implements eval.Env, as Reference.
func (f *funcEnv) References(symbol, mode string, at source.Pos) (value.Value, error) {
	return nil, source.Errorf(at, "function '%s' cannot use references(): a user-defined function cannot read deployed resources", f.fn.FullName())
}

// CallUserFunction implements eval.Env.
func (f *funcEnv) CallUserFunction(name string, args []value.Value, at source.Pos) (value.Value, bool, error) {
	return f.d.callFunction(name, args, at, f.depth+1)
}

// eval evaluates the function body; the first error ends it.
func (f *funcEnv) eval(v value.Value) (value.Value, error) {
	var errs source.ErrorList
	out := evalTree(f, v, &errs, nil, 0)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return out, nil
}
