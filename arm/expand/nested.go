package expand

import (
	"strings"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// runNested deploys the template of a Microsoft.Resources/deployments
// instance: properties.template inline, or properties.templateLink.
// relativePath through Options.Resolve. With expressionEvaluationOptions
// scope "inner" (always for a linked template) the nested template has
// its own parameters, given by properties.parameters evaluated here; with
// "outer", ARM's default, it shares this deployment's parameters,
// variables and functions.
func (d *deployment) runNested(in *instance) {
	props, _ := in.body.Get("properties")
	po, ok := props.(*value.Object)
	if !ok {
		return
	}
	if d.depth+1 > MaxNestedDepth {
		d.addInstanceErr(in, po.At, "EXP030", "deployments are nested more than %d levels deep; azrule does not expand further", MaxNestedDepth)
		return
	}
	var tpl *template.Template
	linked := false
	if tv, ok := po.Get("template"); ok {
		to, ok := tv.(*value.Object)
		if !ok {
			d.addInstanceErr(in, tv.Pos(), "EXP031", "properties.template must be a template object, not %s", value.TypeName(tv))
			return
		}
		var errs source.ErrorList
		tpl, errs = template.DecodeObject(d.t.File, to)
		in.errs = append(in.errs, errs...)
		if tpl == nil {
			return
		}
	} else if lv, ok := po.Get("templateLink"); ok {
		tpl = d.linkedTemplate(in, lv)
		if tpl == nil {
			return
		}
		linked = true
	} else {
		return
	}

	inner := linked
	if eo, ok := po.Get("expressionEvaluationOptions"); ok {
		if eoo, ok := eo.(*value.Object); ok {
			if sc, ok := eoo.Get("scope"); ok {
				if s, ok := sc.(value.String); ok && strings.EqualFold(s.V, "inner") {
					inner = true
				}
			}
		}
	}
	ctx := d.nestedContext(in, tpl)
	supplied := map[string]value.Value{}
	names := map[string]string{}
	if pv, ok := po.Get("parameters"); ok {
		if pvo, ok := pv.(*value.Object); ok {
			for _, m := range pvo.Members() {
				supplied[strings.ToLower(m.Key)] = nestedParameterValue(m)
				names[strings.ToLower(m.Key)] = m.Key
			}
		}
	}
	var child *deployment
	if inner {
		child = newDeployment(d.x, tpl, ctx, in.name, d, nil, supplied, d.depth+1)
		child.suppliedNames = names
		child.checkUndeclared()
	} else {
		child = newDeployment(d.x, tpl, d.Ctx, in.name, d, d, supplied, d.depth+1)
		child.target = ctx
		child.outerLoops = in.loops
		child.suppliedNames = names
	}
	if linked {
		d.x.files = append(d.x.files, tpl.File.Name)
		defer func() { d.x.files = d.x.files[:len(d.x.files)-1] }()
	}
	in.nested = child
	child.run()
}

// nestedParameterValue is the value of one properties.parameters entry:
// {"value": v}, or a Key Vault {"reference": ...} read at deployment.
func nestedParameterValue(m value.Member) value.Value {
	o, ok := m.Value.(*value.Object)
	if !ok {
		return m.Value
	}
	if v, ok := o.Get("value"); ok {
		return v
	}
	if _, ok := o.Get("reference"); ok {
		return value.NewUnknown("parameter '"+m.Key+"' is read from Key Vault at deployment time", "keyVault("+m.Key+")", o.At)
	}
	return value.NewUnknown("parameter '"+m.Key+"' has no value", "parameters('"+m.Key+"')", o.At)
}

// linkedTemplate loads templateLink.relativePath and guards against
// cycles of templates linking each other.
func (d *deployment) linkedTemplate(in *instance, lv value.Value) *template.Template {
	lo, ok := lv.(*value.Object)
	if !ok {
		return nil
	}
	rp, ok := lo.Get("relativePath")
	if !ok {
		return nil // a uri or template spec id: outside the scanned files
	}
	rel, ok := rp.(value.String)
	if !ok {
		d.addInstanceErr(in, rp.Pos(), "EXP032", "templateLink.relativePath must be a string known before deployment, not %s", value.TypeName(rp))
		return nil
	}
	if d.x.opts.Resolve == nil {
		return nil
	}
	tpl, err := d.x.opts.Resolve(d.t.File, rel.V)
	if err != nil {
		d.addInstanceErr(in, rel.At, "EXP033", "linked template '%s' cannot be used: %v", rel.V, err)
		return nil
	}
	if tpl == nil || tpl.File == nil {
		return nil
	}
	for i, f := range d.x.files {
		if f == tpl.File.Name {
			chain := append(append([]string{}, d.x.files[i:]...), tpl.File.Name)
			d.addInstanceErr(in, rel.At, "EXP034", "linked templates form a cycle: %s", strings.Join(chain, " -> "))
			return nil
		}
	}
	return tpl
}

func (d *deployment) addInstanceErr(in *instance, at source.Pos, code, format string, args ...any) {
	e := source.Errorf(at, format, args...)
	e.Code = code
	in.errs = append(in.errs, e)
}

// nestedContext is the context of a nested deployment: retargeted by the
// deployment's subscriptionId, resourceGroup and scope, at the scope of
// the nested template's $schema, with deployment() naming the nested
// deployment.
func (d *deployment) nestedContext(in *instance, tpl *template.Template) *eval.Context {
	ctx := d.target
	override := func(key string, kv ...string) {
		o := value.NewObject(source.Pos{})
		for i := 0; i+1 < len(kv); i += 2 {
			o.Set(kv[i], value.String{V: kv[i+1]})
		}
		if c, err := ctx.WithOverrides(key, o); err == nil {
			ctx = c
		}
	}
	if in.scope != "" {
		segs := strings.Split(strings.Trim(in.scope, "/"), "/")
		for i := 0; i+1 < len(segs); i++ {
			switch strings.ToLower(segs[i]) {
			case "subscriptions":
				override(eval.KeySubscription, "subscriptionId", segs[i+1])
			case "resourcegroups":
				override(eval.KeyResourceGroup, "name", segs[i+1])
			case "managementgroups":
				override(eval.KeyManagementGroup, "name", segs[i+1])
			}
		}
	}
	if in.targetSub != "" {
		override(eval.KeySubscription, "subscriptionId", in.targetSub)
	}
	if in.targetRG != "" {
		override(eval.KeyResourceGroup, "name", in.targetRG)
	}
	ctx = ctx.WithScope(eval.Scope(tpl.Scope))
	kv := []string{"name", in.name}
	if loc, ok := in.body.Get("location"); ok {
		if s, ok := loc.(value.String); ok {
			kv = append(kv, "location", s.V)
		}
	}
	override(eval.KeyDeployment, kv...)
	return ctx
}
