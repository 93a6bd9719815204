package template

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// MaxChildDepth caps how deeply child resources may be declared inside
// their parents. ARM types have at most a handful of levels; deeper input
// is reported rather than followed.
const MaxChildDepth = 32

// decoder carries the file and the errors found so far.
type decoder struct {
	f    *source.File
	errs source.ErrorList
	// needAPIVersion: classic templates without an apiProfile must give
	// every resource an apiVersion.
	needAPIVersion bool
}

func (d *decoder) errorf(at source.Pos, code, format string, args ...any) {
	e := source.Errorf(at, format, args...)
	e.Code = code
	d.errs = append(d.errs, e)
}

// Decode builds the template model from the parsed root of f. It returns
// a template whenever root is an object, together with every structural
// error found; a nil template means root is not a template object.
func Decode(f *source.File, root value.Value) (*Template, source.ErrorList) {
	d := &decoder{f: f}
	obj, ok := root.(*value.Object)
	if !ok {
		d.errorf(posOf(root), "TPL001", "a template must be a JSON object, not %s", kindName(root))
		return nil, d.errs
	}
	t := &Template{File: f, Root: obj, Pos: obj.At, Scope: ScopeResourceGroup}
	d.template(t, obj)
	return t, d.errs
}

// DecodeObject decodes a template object found inside another file, such
// as the inline template of a nested deployment. Positions stay those of
// the enclosing file.
func DecodeObject(f *source.File, obj *value.Object) (*Template, source.ErrorList) {
	return Decode(f, obj)
}

func (d *decoder) template(t *Template, obj *value.Object) {
	for _, m := range obj.Members() {
		switch strings.ToLower(m.Key) {
		case "$schema":
			if s, ok := d.str(m, "$schema"); ok {
				t.Schema, t.SchemaPos = s, m.Value.Pos()
				t.Scope = SchemaScope(s)
			}
		case "contentversion":
			t.ContentVersion, _ = d.str(m, "contentVersion")
		case "languageversion":
			t.LanguageVersion, _ = d.str(m, "languageVersion")
		case "apiprofile":
			t.APIProfile, _ = d.str(m, "apiProfile")
		case "metadata":
			t.Metadata = d.obj(m, "metadata")
		case "imports":
			t.Imports = m.Value
		}
	}
	if m, ok := obj.Member("parameters"); ok {
		t.Parameters = d.parameters(m)
	}
	if m, ok := obj.Member("variables"); ok {
		t.Variables = d.variables(m)
	}
	if m, ok := obj.Member("functions"); ok {
		t.Functions = d.functions(m)
	}
	if m, ok := obj.Member("definitions"); ok {
		if o := d.obj(m, "definitions"); o != nil {
			for _, dm := range o.Members() {
				def := &Definition{Name: dm.Key, NamePos: dm.KeyPos}
				d.typeSpec(&def.TypeSpec, dm, 0)
				t.Definitions = append(t.Definitions, def)
			}
		}
	}
	if m, ok := obj.Member("resources"); ok {
		d.needAPIVersion = !t.Symbolic() && t.APIProfile == ""
		t.Resources = d.resources(m, nil, t.Symbolic(), 0)
	}
	if m, ok := obj.Member("outputs"); ok {
		t.Outputs = d.outputs(m)
	}
}

// SchemaScope returns the deployment scope a template $schema implies.
// Unrecognised schemas deploy to a resource group, as ARM assumes for the
// classic deploymentTemplate schema.
func SchemaScope(schema string) Scope {
	s := strings.ToLower(schema)
	switch {
	case strings.Contains(s, "subscriptiondeploymenttemplate"):
		return ScopeSubscription
	case strings.Contains(s, "managementgroupdeploymenttemplate"):
		return ScopeManagementGroup
	case strings.Contains(s, "tenantdeploymenttemplate"):
		return ScopeTenant
	}
	return ScopeResourceGroup
}

func (d *decoder) parameters(m value.Member) []*Parameter {
	o := d.obj(m, "parameters")
	if o == nil {
		return nil
	}
	out := make([]*Parameter, 0, o.Len())
	for _, pm := range o.Members() {
		p := &Parameter{Name: pm.Key, NamePos: pm.KeyPos, Pos: pm.Value.Pos()}
		po, ok := pm.Value.(*value.Object)
		if !ok {
			d.errorf(pm.Value.Pos(), "TPL010", "parameter '%s' must be an object with a \"type\", not %s", pm.Key, kindName(pm.Value))
			continue
		}
		d.typeSpec(&p.TypeSpec, pm, 0)
		if dv, ok := po.Get("defaultValue"); ok {
			p.DefaultValue = dv
		}
		out = append(out, p)
	}
	return out
}

func (d *decoder) variables(m value.Member) []*Variable {
	o := d.obj(m, "variables")
	if o == nil {
		return nil
	}
	var out []*Variable
	for _, vm := range o.Members() {
		if value.EqualFold(vm.Key, "copy") {
			arr, ok := vm.Value.(*value.Array)
			if !ok {
				d.errorf(vm.Value.Pos(), "TPL020", "\"copy\" in variables must be an array of {name, count, input}, not %s", kindName(vm.Value))
				continue
			}
			for _, e := range arr.Elems {
				c := d.copyLoop(e, "variable copy", true)
				if c == nil {
					continue
				}
				if c.Name == "" {
					d.errorf(e.Pos(), "TPL021", "a variable copy needs a \"name\": the variable it defines")
					continue
				}
				out = append(out, &Variable{Name: c.Name, NamePos: c.NamePos, Copy: c})
			}
			continue
		}
		out = append(out, &Variable{Name: vm.Key, NamePos: vm.KeyPos, Value: vm.Value})
	}
	return out
}

func (d *decoder) functions(m value.Member) []*Function {
	arr, ok := m.Value.(*value.Array)
	if !ok {
		d.errorf(m.Value.Pos(), "TPL030", "\"functions\" must be an array of namespaces, not %s", kindName(m.Value))
		return nil
	}
	var out []*Function
	for _, e := range arr.Elems {
		ns, ok := e.(*value.Object)
		if !ok {
			d.errorf(e.Pos(), "TPL031", "a function namespace must be an object with \"namespace\" and \"members\"")
			continue
		}
		nsName := ""
		if nm, ok := ns.Member("namespace"); ok {
			nsName, _ = d.str(nm, "namespace")
		}
		if nsName == "" {
			d.errorf(ns.At, "TPL032", "a function namespace needs a \"namespace\" name")
		}
		mm, ok := ns.Member("members")
		if !ok {
			continue
		}
		members := d.obj(mm, "members")
		if members == nil {
			continue
		}
		for _, fm := range members.Members() {
			fo, ok := fm.Value.(*value.Object)
			if !ok {
				d.errorf(fm.Value.Pos(), "TPL033", "function '%s.%s' must be an object with \"parameters\" and \"output\"", nsName, fm.Key)
				continue
			}
			fn := &Function{Namespace: nsName, Name: fm.Key, Pos: fm.KeyPos}
			if pm, ok := fo.Member("parameters"); ok {
				if pa, ok := pm.Value.(*value.Array); ok {
					for _, pe := range pa.Elems {
						po, ok := pe.(*value.Object)
						if !ok {
							d.errorf(pe.Pos(), "TPL034", "a function parameter must be an object with \"name\" and \"type\"")
							continue
						}
						fp := &FunctionParameter{Pos: po.At}
						if nm, ok := po.Member("name"); ok {
							fp.Name, _ = d.str(nm, "name")
						}
						d.typeSpec(&fp.TypeSpec, value.Member{Key: fp.Name, Value: po}, 0)
						fn.Parameters = append(fn.Parameters, fp)
					}
				} else {
					d.errorf(pm.Value.Pos(), "TPL034", "the parameters of function '%s.%s' must be an array", nsName, fm.Key)
				}
			}
			om, ok := fo.Member("output")
			if !ok {
				d.errorf(fm.KeyPos, "TPL035", "function '%s.%s' has no \"output\"; add {\"type\": ..., \"value\": ...}", nsName, fm.Key)
			} else if oo, ok := om.Value.(*value.Object); ok {
				fn.Output = &TypeSpec{}
				d.typeSpec(fn.Output, om, 0)
				fn.OutputValue, _ = oo.Get("value")
				if fn.OutputValue == nil {
					d.errorf(om.KeyPos, "TPL035", "the output of function '%s.%s' has no \"value\"", nsName, fm.Key)
				}
			} else {
				d.errorf(om.Value.Pos(), "TPL035", "the output of function '%s.%s' must be an object", nsName, fm.Key)
			}
			out = append(out, fn)
		}
	}
	return out
}

func (d *decoder) outputs(m value.Member) []*Output {
	o := d.obj(m, "outputs")
	if o == nil {
		return nil
	}
	var out []*Output
	for _, om := range o.Members() {
		oo, ok := om.Value.(*value.Object)
		if !ok {
			d.errorf(om.Value.Pos(), "TPL060", "output '%s' must be an object with \"type\" and \"value\", not %s", om.Key, kindName(om.Value))
			continue
		}
		op := &Output{Name: om.Key, NamePos: om.KeyPos, Pos: oo.At}
		d.typeSpec(&op.TypeSpec, om, 0)
		op.Value, _ = oo.Get("value")
		op.Condition, _ = oo.Get("condition")
		if cv, ok := oo.Get("copy"); ok {
			op.Copy = d.copyLoop(cv, "output copy", true)
		}
		if op.Value == nil && op.Copy == nil {
			d.errorf(om.KeyPos, "TPL061", "output '%s' has no \"value\"", om.Key)
		}
		out = append(out, op)
	}
	return out
}

// copyLoop decodes a copy object. withInput says whether the loop is a
// variable, property or output copy (which has "input").
func (d *decoder) copyLoop(v value.Value, what string, withInput bool) *Copy {
	o, ok := v.(*value.Object)
	if !ok {
		d.errorf(v.Pos(), "TPL040", "a %s must be an object with \"name\" and \"count\", not %s", what, kindName(v))
		return nil
	}
	c := &Copy{Pos: o.At}
	for _, m := range o.Members() {
		switch strings.ToLower(m.Key) {
		case "name":
			c.Name, _ = d.str(m, "name")
			c.NamePos = m.Value.Pos()
		case "count":
			c.Count = m.Value
		case "mode":
			c.Mode, _ = d.str(m, "mode")
			if c.Mode != "" && !strings.EqualFold(c.Mode, "serial") && !strings.EqualFold(c.Mode, "parallel") {
				d.errorf(m.Value.Pos(), "TPL043", "copy mode '%s' is not valid; use \"serial\" or \"parallel\"", c.Mode)
			}
		case "batchsize":
			c.BatchSize = m.Value
		case "input":
			c.Input = m.Value
		}
	}
	if c.Count == nil {
		d.errorf(o.At, "TPL041", "the %s has no \"count\"; add the number of iterations", what)
	}
	if withInput && c.Input == nil && what != "output copy" {
		d.errorf(o.At, "TPL042", "the %s has no \"input\"; add the value to repeat", what)
	}
	if what == "output copy" && c.Input == nil {
		d.errorf(o.At, "TPL042", "the %s has no \"input\"; add the value to repeat", what)
	}
	return c
}

// str returns m's value as a string, reporting another type.
func (d *decoder) str(m value.Member, what string) (string, bool) {
	if s, ok := m.Value.(value.String); ok {
		return s.V, true
	}
	d.errorf(m.Value.Pos(), "TPL002", "\"%s\" must be a string, not %s", what, kindName(m.Value))
	return "", false
}

// obj returns m's value as an object, reporting another type. A null is
// accepted as absent.
func (d *decoder) obj(m value.Member, what string) *value.Object {
	switch v := m.Value.(type) {
	case *value.Object:
		return v
	case value.Null:
		return nil
	}
	d.errorf(m.Value.Pos(), "TPL003", "\"%s\" must be an object, not %s", what, kindName(m.Value))
	return nil
}

func posOf(v value.Value) source.Pos {
	if v == nil {
		return source.Pos{}
	}
	return v.Pos()
}

// kindName names a value's JSON type for messages.
func kindName(v value.Value) string {
	if v == nil {
		return "nothing"
	}
	switch v.Kind() {
	case value.KindNull:
		return "null"
	case value.KindBool:
		return "a boolean"
	case value.KindInt, value.KindFloat:
		return "a number"
	case value.KindString:
		return "a string"
	case value.KindArray:
		return "an array"
	case value.KindObject:
		return "an object"
	}
	return "a deployment-time value"
}
