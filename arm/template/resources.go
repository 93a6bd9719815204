package template

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// resources decodes a "resources" member: an array of resource objects,
// or (languageVersion 2.0) an object whose keys are symbolic names.
func (d *decoder) resources(m value.Member, parent *Resource, symbolic bool, depth int) []*Resource {
	if depth > MaxChildDepth {
		d.errorf(m.KeyPos, "TPL070", "child resources are nested deeper than %d levels", MaxChildDepth)
		return nil
	}
	var out []*Resource
	switch v := m.Value.(type) {
	case *value.Array:
		out = make([]*Resource, 0, len(v.Elems))
		for _, e := range v.Elems {
			if r := d.resource("", e, parent, symbolic, depth); r != nil {
				out = append(out, r)
			}
		}
	case *value.Object:
		if !symbolic {
			d.errorf(v.At, "TPL071", "\"resources\" is an object of symbolic names, which needs \"languageVersion\": \"2.0\"; add it or make \"resources\" an array")
		}
		out = make([]*Resource, 0, v.Len())
		for _, rm := range v.Members() {
			if r := d.resource(rm.Key, rm.Value, parent, true, depth); r != nil {
				out = append(out, r)
			}
		}
	case value.Null:
	default:
		d.errorf(m.Value.Pos(), "TPL072", "\"resources\" must be an array of resources (or, with languageVersion 2.0, an object of symbolic names), not %s", kindName(m.Value))
	}
	return out
}

func (d *decoder) resource(symbol string, v value.Value, parent *Resource, symbolic bool, depth int) *Resource {
	o, ok := v.(*value.Object)
	if !ok {
		d.errorf(v.Pos(), "TPL073", "a resource must be an object with \"type\", \"apiVersion\" and \"name\", not %s", kindName(v))
		return nil
	}
	r := &Resource{Symbol: symbol, Parent: parent, Body: o, Pos: o.At}
	var children *value.Member
	for _, m := range o.Members() {
		switch strings.ToLower(m.Key) {
		case "type":
			r.Type, _ = d.str(m, "type")
			r.TypePos = m.Value.Pos()
		case "apiversion":
			r.APIVersion = m.Value
		case "name":
			r.Name = m.Value
		case "condition":
			r.Condition = m.Value
		case "scope":
			r.Scope = m.Value
		case "existing":
			if b, ok := m.Value.(value.Bool); ok {
				r.Existing = b.V
			} else {
				d.errorf(m.Value.Pos(), "TPL074", "\"existing\" must be true or false")
			}
		case "copy":
			r.Copy = d.copyLoop(m.Value, "resource copy", false)
			if r.Copy != nil && r.Copy.Name == "" {
				d.errorf(m.Value.Pos(), "TPL075", "a resource copy needs a \"name\" for copyIndex() and dependsOn")
			}
		case "dependson":
			switch dv := m.Value.(type) {
			case *value.Array:
				r.DependsOn = dv.Elems
			case value.Null:
			default:
				d.errorf(m.Value.Pos(), "TPL076", "\"dependsOn\" must be an array of resource names, ids or symbols")
			}
		case "resources":
			mm := m
			children = &mm
		}
	}
	if r.Type == "" {
		at := o.At
		if symbol != "" {
			d.errorf(at, "TPL077", "resource '%s' has no \"type\"; add the resource type, e.g. \"Microsoft.Storage/storageAccounts\"", symbol)
		} else {
			d.errorf(at, "TPL077", "resource has no \"type\"; add the resource type, e.g. \"Microsoft.Storage/storageAccounts\"")
		}
		return nil
	}
	// Extension resources of languageVersion 2.0 (e.g. "request@v1")
	// may have no name; Azure resources must have one.
	if r.Name == nil && !symbolic {
		d.errorf(o.At, "TPL078", "resource of type '%s' has no \"name\"", r.Type)
	}
	if r.APIVersion == nil && d.needAPIVersion {
		d.errorf(o.At, "TPL079", "resource of type '%s' has no \"apiVersion\"; add the API version to deploy it with, e.g. \"2023-01-01\"", r.Type)
	}
	if children != nil {
		r.Children = d.resources(*children, r, symbolic, depth+1)
	}
	return r
}
