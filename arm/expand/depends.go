package expand

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// checkDependsOn reports dependsOn entries that name nothing in the
// template, as ARM does before deploying ("the resource is not defined in
// the template"). An entry may be a symbolic name (languageVersion 2.0),
// a copy loop name, a resource id or a resource name; resources whose
// condition is false still count. Entries only known at deployment are
// not checked.
func (d *deployment) checkDependsOn(in *instance) {
	deps := in.dc.r.DependsOn
	if len(deps) == 0 {
		return
	}
	d.enumerateAll()
	for _, dep := range deps {
		v := d.eval(dep)
		s, ok := v.(value.String)
		if !ok {
			if _, unknown := v.(value.Unknown); !unknown {
				d.errorf(dep.Pos(), "EXP040", "a dependsOn entry must be a resource name, id or symbolic name, not %s", value.TypeName(v))
			}
			continue
		}
		if strings.Contains(s.V, "{{") || d.dependsOnTarget(s.V) {
			continue
		}
		d.errorf(dep.Pos(), "EXP041", "dependsOn names '%s', which is not a resource, copy loop or symbolic name of this template", s.V)
	}
}

func (d *deployment) dependsOnTarget(name string) bool {
	if _, ok := d.bySymbol[strings.ToLower(name)]; ok {
		return true
	}
	base := name
	if i := strings.LastIndexByte(name, '['); i > 0 && strings.HasSuffix(name, "]") {
		base = name[:i]
	}
	if _, ok := d.bySymbol[strings.ToLower(base)]; ok {
		return true
	}
	if _, ok := d.byID[strings.ToLower(name)]; ok {
		return true
	}
	for _, dc := range d.decls {
		if c := dc.r.Copy; c != nil && value.EqualFold(c.Name, name) {
			return true
		}
		for _, in := range dc.insts {
			if value.EqualFold(in.name, name) || strings.HasSuffix(strings.ToLower(in.id), "/"+strings.ToLower(strings.TrimPrefix(name, "/"))) {
				return true
			}
		}
	}
	return false
}

// checkDuplicates reports a resource deployed twice by the same template
// (two declarations, or a copy loop whose name does not vary), which ARM
// rejects. Ids only known at deployment are not compared.
func (d *deployment) checkDuplicates() {
	seen := map[string]*instance{}
	for _, dc := range d.decls {
		for _, in := range dc.insts {
			if !in.deployed || in.existing || in.condUnknown || in.copyUnknown || in.id == "" || strings.Contains(in.id, "{{") {
				continue
			}
			key := strings.ToLower(in.id)
			if first, dup := seen[key]; dup {
				at := in.dc.r.Pos
				if in.dc.r.Name != nil {
					at = in.dc.r.Name.Pos()
				}
				first := first.dc.r.Pos.Position()
				d.errorfTo(&in.errs, at, "EXP013", "resource '%s' is declared more than once in the template (first at line %d); give each a unique name", in.name, first.Line)
				continue
			}
			seen[key] = in
		}
	}
}

// ARM's template limits, checked per template as Azure does before
// deploying (Microsoft Learn, "ARM template best practices": 256
// parameters, 512 variables, 800 resources including copies, 64 outputs).
const (
	armMaxParameters = 256
	armMaxVariables  = 512
	armMaxResources  = 800 // after copy loops
	armMaxOutputs    = 64
)

// checkLimits reports a template over one of ARM's documented limits.
func (d *deployment) checkLimits() {
	t := d.t
	over := func(n, limit int, what string) {
		if n > limit {
			d.errorfTo(&d.errs, t.Pos, "EXP050", "the template has %d %s; ARM allows at most %d: split it into nested templates or modules", n, what, limit)
		}
	}
	over(len(t.Parameters), armMaxParameters, "parameters")
	over(len(t.Variables), armMaxVariables, "variables")
	over(len(t.Outputs), armMaxOutputs, "outputs")
	n := 0
	for _, dc := range d.decls {
		for _, in := range dc.insts {
			if in.deployed && !in.existing {
				n++
			}
		}
	}
	over(n, armMaxResources, "resources (copies included)")
}

// dependsOnDeployment reports whether in (a resource of d) names in its
// dependsOn the deployment resource of d that holds nested, a deployment
// nested in d at any depth: Azure then deploys in after nested has run.
func (d *deployment) dependsOnDeployment(in *instance, nested *deployment) bool {
	for nested != nil && nested.parent != d {
		nested = nested.parent
	}
	if nested == nil {
		return false
	}
	var holder *instance
	for _, dc := range d.decls {
		for _, di := range dc.insts {
			if di.nested == nested {
				holder = di
			}
		}
	}
	if holder == nil {
		return false
	}
	var ignored source.ErrorList // checkDependsOn reports them
	for _, dep := range in.dc.r.DependsOn {
		var v value.Value
		d.withSink(&ignored, in.loops, func() { v = d.eval(dep) })
		s, ok := v.(value.String)
		if !ok || s.V == "" {
			continue
		}
		name := strings.ToLower(s.V)
		switch {
		case name == strings.ToLower(holder.symbol), name == strings.ToLower(holder.id),
			value.EqualFold(holder.name, s.V),
			holder.dc.r.Copy != nil && value.EqualFold(holder.dc.r.Copy.Name, s.V),
			strings.HasSuffix(strings.ToLower(holder.id), "/"+strings.TrimPrefix(name, "/")):
			return true
		}
	}
	return false
}
