package expand

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Reference implements eval.Env with the body of ReferenceView.
func (d *deployment) Reference(target value.Value, apiVersion string, full bool, at source.Pos) (value.Value, error) {
	v, ok, err := d.ReferenceView(target, apiVersion, full, at)
	if err != nil || !ok {
		if err == nil {
			return d.BaseEnv.Reference(target, apiVersion, full, at)
		}
		return nil, err
	}
	return v.Body, nil
}

// ReferenceView implements eval.Viewer. The target is a symbolic name
// (languageVersion 2.0, with "[i]" for one instance of a collection), a
// resource id, or a resource name, looked up in this deployment and then
// in the deployments it is nested in. A resource of the deployment gives
// its evaluated properties (all of it with 'Full'), in which a member
// only Azure adds reads as Unknown; a nested deployment gives its outputs
// as {name: {type, value}}, complete; ok is false for anything else.
func (d *deployment) ReferenceView(target value.Value, apiVersion string, full bool, at source.Pos) (eval.View, bool, error) {
	if d.section != "" {
		return eval.View{}, false, source.Errorf(at, "reference() cannot be used in %s: ARM resolves it only in resource properties and outputs, once resources are deployed", d.section)
	}
	s, ok := target.(value.String)
	if !ok {
		return eval.View{}, false, nil
	}
	owner, in, err := d.find(s.V, at)
	if err != nil || in == nil {
		return eval.View{}, false, err
	}
	if owner != d && in.state != done && (in.state == evaluating || owner.dependsOnDeployment(in, d)) {
		// A deployment that runs before Azure deploys the resource (the
		// resource uses its outputs, or depends on it) reads the state
		// the resource had before.
		return eval.View{Body: value.NewUnknown("reference('"+s.V+"') reads the resource as it was before this deployment, known at deployment time",
			"reference('"+s.V+"')", at)}, true, nil
	}
	body, err := owner.view(in, full, s.V, at)
	if err != nil {
		return eval.View{}, false, err
	}
	v := eval.View{Body: body, Target: s.V}
	if in.nested != nil {
		v.Complete = []string{"outputs"}
		if full {
			v.Complete = []string{"properties.outputs"}
		}
	}
	return v, true, nil
}

// CheckList implements eval.ListChecker. ARM documents list*() as
// unavailable in parameters and copy counts, which are resolved before
// any resource is deployed; elsewhere (variables included) a call is a
// deployment-time value, not an error.
func (d *deployment) CheckList(name string, at source.Pos) error {
	switch d.section {
	case sectionParameterDefault, sectionCopyCount:
		return source.Errorf(at, "%s() cannot be used in %s: ARM resolves it only once resources are deployed", name, d.section)
	}
	return nil
}

// References implements eval.Env with the bodies of ReferencesView.
func (d *deployment) References(symbol string, mode string, at source.Pos) (value.Value, error) {
	views, ok, err := d.ReferencesView(symbol, mode, at)
	if err != nil {
		return nil, err
	}
	if !ok {
		return d.BaseEnv.References(symbol, mode, at)
	}
	out := &value.Array{At: at}
	for _, v := range views {
		out.Elems = append(out.Elems, v.Body)
	}
	return out, nil
}

// ReferencesView implements eval.Viewer: the deployed instances of a
// resource or module collection, each as reference() would give it.
func (d *deployment) ReferencesView(symbol string, mode string, at source.Pos) ([]eval.View, bool, error) {
	if d.section != "" {
		return nil, false, source.Errorf(at, "references() cannot be used in %s: ARM resolves it only in resource properties and outputs, once resources are deployed", d.section)
	}
	dc := d.bySymbol[strings.ToLower(symbol)]
	if dc == nil {
		return nil, false, nil
	}
	d.enumerate(dc)
	full := strings.EqualFold(mode, "Full")
	var out []eval.View
	for i, in := range dc.insts {
		if !in.deployed && !in.existing {
			continue
		}
		body, err := d.view(in, full, in.symbol, at)
		if err != nil {
			return nil, false, err
		}
		v := eval.View{Body: body, Target: symbol + "[" + strconv.Itoa(i) + "]"}
		if in.nested != nil {
			v.Complete = []string{"outputs"}
			if full {
				v.Complete = []string{"properties.outputs"}
			}
		}
		out = append(out, v)
	}
	return out, true, nil
}

// find looks target up in d and then in the deployments d is nested in;
// an id is also looked up in the nested deployments that have already
// run (a resource a module deployed).
func (d *deployment) find(target string, at source.Pos) (*deployment, *instance, error) {
	root := d
	for dep := d; dep != nil; dep = dep.parent {
		in, err := dep.findLocal(target, at)
		if err != nil || in != nil {
			return dep, in, err
		}
		root = dep
	}
	if strings.HasPrefix(target, "/") {
		if dep, in := root.findNested(strings.ToLower(target), 0); in != nil {
			return dep, in, nil
		}
	}
	return nil, nil, nil
}

// findNested looks an id up in the deployments nested in d that have run.
func (d *deployment) findNested(key string, depth int) (*deployment, *instance) {
	if depth > MaxNestedDepth {
		return nil, nil
	}
	for _, dc := range d.decls {
		for _, in := range dc.insts {
			if in.nested == nil || in.state != done {
				continue
			}
			if found, ok := in.nested.byID[key]; ok && found.deployed && !found.existing {
				return in.nested, found
			}
			if dep, found := in.nested.findNested(key, depth+1); found != nil {
				return dep, found
			}
		}
	}
	return nil, nil
}

func (d *deployment) findLocal(target string, at source.Pos) (*instance, error) {
	if d.t.Symbolic() {
		if in, err, ok := d.findSymbol(target, at); ok {
			return in, err
		}
	}
	if strings.HasPrefix(target, "/") {
		d.enumerateAll()
		return d.byID[strings.ToLower(target)], nil
	}
	d.enumerateAll()
	var found *instance
	for _, in := range d.insts {
		if in.existing || !strings.EqualFold(in.name, target) {
			continue
		}
		if in.deployed {
			return in, nil
		}
		if found == nil {
			found = in
		}
	}
	return found, nil
}

// findSymbol resolves "sym" or "sym[i]"; ok is false when target names
// no symbol.
func (d *deployment) findSymbol(target string, at source.Pos) (*instance, error, bool) {
	base, index := target, int64(-1)
	if strings.HasSuffix(target, "]") {
		if i := strings.LastIndexByte(target, '['); i > 0 {
			if n, err := strconv.ParseInt(target[i+1:len(target)-1], 10, 64); err == nil {
				base, index = target[:i], n
			}
		}
	}
	dc := d.bySymbol[strings.ToLower(base)]
	if dc == nil {
		return nil, nil, false
	}
	d.enumerate(dc)
	if index < 0 {
		if dc.r.Copy != nil {
			return nil, source.Errorf(at, "'%s' is a resource collection; use references('%s') or name one instance as '%s[index]'", base, base, base), true
		}
		if len(dc.insts) == 0 {
			return nil, nil, true
		}
		return dc.insts[0], nil, true
	}
	if index >= int64(len(dc.insts)) {
		return nil, source.Errorf(at, "'%s' has %d instances; index %d is out of range", base, len(dc.insts), index), true
	}
	return dc.insts[index], nil, true
}

// enumerateAll enumerates every declaration not already being enumerated,
// so that ids and names can be looked up.
func (d *deployment) enumerateAll() {
	for _, dc := range d.decls {
		d.enumerate(dc)
	}
}

// view is what reference() shows of an instance of d.
func (d *deployment) view(in *instance, full bool, target string, at source.Pos) (value.Value, error) {
	if in.existing || !in.deployed {
		why := "an existing resource, read at deployment time"
		if !in.deployed {
			why = "a resource whose condition is false, which is not deployed"
		}
		return value.NewUnknown("reference('"+target+"') is "+why, "reference('"+target+"')", at), nil
	}
	switch in.state {
	case evaluating:
		return nil, source.Errorf(at, "reference('%s') is used while that resource is being evaluated: the resource depends on itself", target)
	case pending:
		d.evalInstance(in)
	}
	if in.body == nil {
		return value.NewUnknown("reference('"+target+"') could not be evaluated", "reference('"+target+"')", at), nil
	}
	props, _ := in.body.Get("properties")
	if in.nested != nil {
		po, _ := props.(*value.Object)
		var np *value.Object
		if po != nil {
			np = po.Clone()
			np.Delete("template")
		} else {
			np = value.NewObject(in.body.At)
		}
		np.Set("outputs", in.nested.outputsForParent)
		np.Set("provisioningState", value.String{V: "Succeeded"})
		props = np
	}
	if full {
		b := in.body.Clone()
		// The 'Full' object names the resource's id "resourceId".
		if id, ok := b.Get("id"); ok {
			b.Set("resourceId", id)
		}
		if props != nil {
			b.Set("properties", props)
		}
		return b, nil
	}
	if props == nil {
		return value.NewObject(in.body.At), nil
	}
	return props, nil
}
