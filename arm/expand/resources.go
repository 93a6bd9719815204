package expand

import (
	"strconv"
	"strings"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// decl is one resource declaration and the instances it expands to.
type decl struct {
	r      *template.Resource
	parent *decl
	state  uint8
	insts  []*instance
}

// instance is one resource of a declaration: one copy iteration, for one
// instance of the declaring parent.
type instance struct {
	dc     *decl
	parent *instance
	index  int64 // copy index, -1 without copy
	loops  []loop
	symbol string

	typ, name, apiVersion, id string
	scope                     string // the evaluated "scope" property
	targetSub, targetRG       string // "subscriptionId" and "resourceGroup"

	deployed    bool
	condUnknown bool
	copyUnknown bool
	existing    bool

	state  uint8
	body   *value.Object
	errs   source.ErrorList
	nested *deployment
}

// skipKeys are the template-only members that are not part of the
// deployed resource.
var skipKeys = map[string]bool{
	"type": true, "name": true, "apiversion": true,
	"copy": true, "condition": true, "dependson": true, "comments": true,
	"resources": true, "existing": true,
}

// declare records the declarations in rs and their children.
func (d *deployment) declare(rs []*template.Resource, parent *decl) {
	for _, r := range rs {
		dc := &decl{r: r, parent: parent}
		d.decls = append(d.decls, dc)
		if r.Symbol != "" {
			d.bySymbol[strings.ToLower(r.Symbol)] = dc
		}
		d.declare(r.Children, dc)
	}
}

// enumerate expands a declaration into its instances: copy loops,
// conditions, names, types and ids. Bodies are evaluated later.
func (d *deployment) enumerate(dc *decl) {
	if dc.state != pending {
		return
	}
	dc.state = evaluating
	defer func() { dc.state = done }()
	if dc.parent == nil {
		d.instancesOf(dc, nil)
		return
	}
	d.enumerate(dc.parent)
	for _, pi := range dc.parent.insts {
		d.instancesOf(dc, pi)
	}
}

func (d *deployment) instancesOf(dc *decl, pi *instance) {
	var base []loop
	if pi != nil {
		base = pi.loops
	}
	r := dc.r
	if r.Copy == nil {
		d.newInstance(dc, pi, -1, base)
		return
	}
	var n int64
	var u *value.Unknown
	ok := false
	d.withSink(&d.errs, base, func() {
		d.inSection(sectionCopyCount, func() {
			n, u, ok = copyCount(d, r.Copy.Count, "resource copy '"+r.Copy.Name+"'", d.sink)
		})
	})
	if !ok {
		if u != nil && !isErrorUnknown(*u) {
			// The number of instances is only known at deployment: one
			// instance (copyIndex() 0) stands for them, so rules still
			// see the resource and can say what it depends on.
			loops := append(base[:len(base):len(base)], loop{name: r.Copy.Name, index: 0})
			if d.newInstance(dc, pi, 0, loops) {
				dc.insts[len(dc.insts)-1].copyUnknown = true
			}
		}
		return
	}
	for i := int64(0); i < n; i++ {
		loops := append(base[:len(base):len(base)], loop{name: r.Copy.Name, index: i})
		if !d.newInstance(dc, pi, i, loops) {
			return
		}
	}
}

// newInstance creates and registers one instance; false means the
// resource budget is spent.
func (d *deployment) newInstance(dc *decl, pi *instance, index int64, loops []loop) bool {
	d.x.instances++
	if d.x.instances > MaxResources {
		if d.x.instances == MaxResources+1 {
			d.errs.Add(dc.r.Pos, "the deployment expands to more than %d resources; azrule stops expanding here", MaxResources)
		}
		return false
	}
	r := dc.r
	in := &instance{dc: dc, parent: pi, index: index, loops: loops, existing: r.Existing, deployed: true}
	if r.Symbol != "" {
		in.symbol = r.Symbol
		if index >= 0 {
			in.symbol += "[" + strconv.FormatInt(index, 10) + "]"
		}
	}
	// A parent's condition does not cascade to the children declared
	// inside it: ARM documents that each needs its own condition.
	d.withSink(&in.errs, loops, func() {
		if r.Condition != nil && in.deployed {
			switch c := d.eval(r.Condition).(type) {
			case value.Bool:
				in.deployed = c.V
			case value.Unknown:
				in.condUnknown = true
			default:
				d.errorf(r.Condition.Pos(), "EXP010", "the condition must be true or false, not %s", value.TypeName(c))
			}
		}
		d.inSection("a resource's type, name or apiVersion", func() {
			in.typ = r.Type
			if eval.IsExpression(r.Type) {
				in.typ = d.evalName(value.String{V: r.Type, At: r.TypePos}, "type")
			}
			if r.Name != nil {
				in.name = d.evalName(r.Name, "name")
			}
			if r.APIVersion != nil {
				in.apiVersion = d.evalName(r.APIVersion, "apiVersion")
			}
		})
		if pi != nil && !strings.Contains(in.typ, "/") {
			in.typ = pi.typ + "/" + in.typ
			if r.Name != nil {
				in.name = pi.name + "/" + in.name
			}
		}
		if r.Scope != nil {
			in.scope = d.evalName(r.Scope, "scope")
		}
		if v, ok := r.Body.Get("subscriptionId"); ok {
			// ARM also accepts subscription().id here (CARML passes it).
			in.targetSub = strings.TrimPrefix(d.evalName(v, "subscriptionId"), "/subscriptions/")
		}
		if v, ok := r.Body.Get("resourceGroup"); ok {
			in.targetRG = d.evalName(v, "resourceGroup")
		}
		if in.name != "" {
			d.checkSegments(in, r)
			in.id = d.resourceID(in)
		}
	})
	dc.insts = append(dc.insts, in)
	d.insts = append(d.insts, in)
	for _, id := range [...]string{in.id, d.altID(in)} {
		if id == "" {
			continue
		}
		key := strings.ToLower(id)
		if prev, ok := d.byID[key]; !ok || (!prev.deployed && in.deployed) {
			d.byID[key] = in
		}
	}
	return true
}

// checkSegments reports a name whose segments do not match its type, as
// ARM does: "Microsoft.Network/virtualNetworks/subnets" needs
// "vnet/subnet". Names only known at deployment are not checked.
func (d *deployment) checkSegments(in *instance, r *template.Resource) {
	if strings.Contains(in.name, "{{") || strings.Contains(in.typ, "{{") || strings.Contains(in.typ, "@") {
		return
	}
	types := strings.Count(strings.Trim(in.typ, "/"), "/")
	names := strings.Count(in.name, "/") + 1
	if types == names {
		return
	}
	at := r.Pos
	if r.Name != nil {
		at = r.Name.Pos()
	}
	d.errorf(at, "EXP012", "the resource name '%s' has %s, but type '%s' needs %d; write one name per type after the namespace, separated by '/'",
		in.name, segments(names), in.typ, types)
}

func segments(n int) string {
	if n == 1 {
		return "1 segment"
	}
	return strconv.Itoa(n) + " segments"
}

// eval evaluates a template value in the current loops and sink.
func (d *deployment) eval(v value.Value) value.Value {
	return evalTree(d, v, d.sink, &d.loops, 0)
}

// evalName evaluates a value that must be a string (a name, type, api
// version, scope). An Unknown gives its placeholder text.
func (d *deployment) evalName(v value.Value, what string) string {
	switch s := d.eval(v).(type) {
	case value.String:
		return s.V
	case value.Unknown:
		return s.Text
	case value.Null:
		return ""
	default:
		d.errorf(v.Pos(), "EXP011", "the resource %s must be a string, not %s", what, value.TypeName(s))
	}
	return ""
}

// evalInstance evaluates the body of a deployed instance (once), and
// runs it when it is a nested deployment.
func (d *deployment) evalInstance(in *instance) {
	if in.state != pending {
		return
	}
	in.state = evaluating
	defer func() { in.state = done }()
	if !in.deployed || in.existing {
		return
	}
	d.withSink(&in.errs, in.loops, func() {
		d.inSection("", func() {
			in.body = d.buildBody(in)
			if oversized(in.body, MaxValueBytes) {
				d.errorf(in.dc.r.Pos, "EXP051", "resource '%s' is larger than ARM's 4 MB template limit once expanded; azrule keeps only its identity", in.name)
				b := value.NewObject(in.body.At)
				for _, k := range [...]string{"id", "type", "name", "apiVersion"} {
					if m, ok := in.body.Member(k); ok {
						b.SetMember(m)
					}
				}
				in.body = b
			}
			d.checkDependsOn(in)
		})
	})
	if in.dc.r.IsDeployment() || value.EqualFold(in.typ, "Microsoft.Resources/deployments") {
		d.runNested(in)
	}
}

// buildBody is the resource as ARM deploys it.
func (d *deployment) buildBody(in *instance) *value.Object {
	r := in.dc.r
	body := value.NewObject(r.Body.At)
	body.Set("id", value.String{V: in.id, At: r.Pos})
	body.Set("type", value.String{V: in.typ, At: r.TypePos})
	if r.Name != nil {
		body.Set("name", value.String{V: in.name, At: r.Name.Pos()})
	}
	if r.APIVersion != nil {
		body.Set("apiVersion", value.String{V: in.apiVersion, At: r.APIVersion.Pos()})
	}
	deployment := value.EqualFold(in.typ, "Microsoft.Resources/deployments")
	for _, m := range r.Body.Members() {
		key := strings.ToLower(m.Key)
		if skipKeys[key] {
			continue
		}
		var v value.Value
		switch {
		case key == "scope":
			v = value.String{V: in.scope, At: m.Value.Pos()}
		case deployment && key == "properties":
			v = d.deploymentProperties(m.Value)
		default:
			v = d.eval(m.Value)
		}
		body.SetMember(value.Member{Key: m.Key, KeyPos: m.KeyPos, Value: v})
	}
	return body
}

// deploymentProperties evaluates the properties of a nested deployment,
// keeping the inner template as written: its expressions belong to the
// nested deployment, not to this one.
func (d *deployment) deploymentProperties(v value.Value) value.Value {
	o, ok := v.(*value.Object)
	if !ok {
		return d.eval(v)
	}
	out := value.NewObject(o.At)
	for _, m := range o.Members() {
		nv := m.Value
		if !value.EqualFold(m.Key, "template") {
			nv = d.eval(m.Value)
		} else if s, ok := m.Value.(value.String); ok {
			// A template loaded into a variable (loadJsonContent) is
			// an expression of this deployment; its content is not.
			nv = d.eval(s)
		}
		out.SetMember(value.Member{Key: m.Key, KeyPos: m.KeyPos, Value: nv})
	}
	return out
}

// collect appends the deployed resources of d, in declaration order, each
// nested deployment followed by its own resources.
func (d *deployment) collect(out []*Resource) []*Resource {
	for _, dc := range d.decls {
		for _, in := range dc.insts {
			if !in.deployed {
				continue // a resource that is not deployed is not evaluated by ARM either
			}
			if in.existing {
				d.x.res.Errors = append(d.x.res.Errors, in.errs...)
				continue
			}
			res := &Resource{
				ID: in.id, Type: in.typ, Name: in.name, APIVersion: in.apiVersion,
				Symbol: in.symbol, Body: in.body, Pos: in.dc.r.Pos, Errors: in.errs,
				Deployment: d.name, ConditionUnknown: in.condUnknown, CountUnknown: in.copyUnknown,
			}
			out = append(out, res)
			if in.nested != nil {
				out = in.nested.collect(out)
				d.x.res.Errors = append(d.x.res.Errors, in.nested.errs...)
			}
		}
	}
	return out
}
