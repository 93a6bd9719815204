package compile

import (
	"path"
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// Template specs are published with their linked templates: the template
// spec version holds properties.mainTemplate and
// properties.linkedTemplates ([{path, template}]), and a deployment inside
// the main template names a linked one by templateLink.relativePath,
// relative to the template that links it. When a template spec is
// embedded for analysis (Options.InlineTemplateSpecs) there is no file to
// resolve those paths against, so the linked templates are embedded in
// their place.

// maxLinkedDepth caps linked templates embedded inside linked templates.
const maxLinkedDepth = 32

// linkedTemplates indexes properties.linkedTemplates by cleaned path,
// lower case.
func linkedTemplates(props *value.Object) map[string]*value.Object {
	v, ok := props.Get("linkedTemplates")
	arr, isArr := v.(*value.Array)
	if !ok || !isArr {
		return nil
	}
	out := map[string]*value.Object{}
	for _, e := range arr.Elems {
		eo, ok := e.(*value.Object)
		if !ok {
			continue
		}
		p := getStr(eo, "path")
		if t, ok := getObj(eo, "template"); ok && p != "" {
			out[strings.ToLower(path.Clean(p))] = t
		}
	}
	return out
}

// inlineLinked replaces, in the deployments of tpl (a template at path
// base inside the template spec), each literal templateLink.relativePath
// that names one of linked by that template, recursively.
func (c *fileCompiler) inlineLinked(tpl *value.Object, linked map[string]*value.Object, base string, depth int) {
	if len(linked) == 0 {
		return
	}
	if depth > maxLinkedDepth {
		c.errorf(tpl.Pos(), CodeTooDeep, "the template spec's linked templates nest deeper than %d levels", maxLinkedDepth)
		return
	}
	rs, _ := tpl.Get("resources")
	var list []value.Value
	switch rs := rs.(type) {
	case *value.Array:
		list = rs.Elems
	case *value.Object:
		for _, m := range rs.Members() {
			list = append(list, m.Value)
		}
	}
	for _, r := range list {
		ro, ok := r.(*value.Object)
		if !ok || !strings.EqualFold(getStr(ro, "type"), "Microsoft.Resources/deployments") {
			continue
		}
		props, ok := getObj(ro, "properties")
		if !ok {
			continue
		}
		if inner, ok := getObj(props, "template"); ok {
			c.inlineLinked(inner, linked, base, depth+1)
			continue
		}
		link, ok := getObj(props, "templateLink")
		if !ok {
			continue
		}
		rel := getStr(link, "relativePath")
		if rel == "" || strings.HasPrefix(rel, "[") {
			continue
		}
		p := path.Clean(path.Join(path.Dir(base), rel))
		t, ok := linked[strings.ToLower(p)]
		if !ok {
			continue
		}
		inner := value.DeepCopy(t).(*value.Object)
		props.Delete("templateLink")
		props.Set("template", inner)
		c.inlineLinked(inner, linked, p, depth+1)
	}
}
