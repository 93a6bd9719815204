package eval

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// The resource functions. The *ResourceId functions accept Unknown
// arguments and build a partial id ("/subscriptions/.../storageAccounts/
// {{parameters('name')}}"), so rules that look at ids still see the known
// parts.
func init() {
	Register(&Func{Name: "resourceId", MinArgs: 2, MaxArgs: -1, AcceptsUnknown: true, Call: fnResourceID})
	Register(&Func{Name: "subscriptionResourceId", MinArgs: 2, MaxArgs: -1, AcceptsUnknown: true, Call: fnSubscriptionResourceID})
	Register(&Func{Name: "tenantResourceId", MinArgs: 2, MaxArgs: -1, AcceptsUnknown: true, Call: fnTenantResourceID})
	Register(&Func{Name: "managementGroupResourceId", MinArgs: 2, MaxArgs: -1, AcceptsUnknown: true, Call: fnManagementGroupResourceID})
	Register(&Func{Name: "extensionResourceId", MinArgs: 3, MaxArgs: -1, AcceptsUnknown: true, Call: fnExtensionResourceID})
	Register(&Func{Name: "reference", MinArgs: 1, MaxArgs: 3, AcceptsUnknown: true, Call: fnReference})
	Register(&Func{Name: "references", MinArgs: 1, MaxArgs: 2, Call: fnReferences})
	Register(&Func{Name: "pickZones", MinArgs: 3, MaxArgs: 5, Call: fnPickZones})
	Register(&Func{Name: "providers", MinArgs: 1, MaxArgs: 2, Call: func(c *Call) (value.Value, error) {
		for i := range c.Args {
			if _, err := c.String(i); err != nil {
				return nil, err
			}
		}
		return unknownCall(c.Name, c.Args, value.Unknown{Origin: "providers() reads the resource provider registry at deployment time"}, c.At), nil
	}})
}

// idArgs checks that every argument is a string or an Unknown and finds
// the resource type: among the first maxPrefix+1 arguments, a known string
// such as 'Microsoft.Storage/storageAccounts' (it has a '/' and does not
// start with one, unlike a subscription id written as
// '/subscriptions/...') followed by as many names as its segments need.
// When no candidate fits the name count, the first candidate is chosen so
// that the error speaks about it.
func idArgs(c *Call, maxPrefix int) (typeAt int, err error) {
	for i, a := range c.Args {
		switch a.(type) {
		case value.String, value.Unknown:
		default:
			return 0, c.ArgErrorf(i, "argument %d must be a string, not %s", i+1, value.TypeName(a))
		}
	}
	first := -1
	for i := 0; i < len(c.Args) && i <= maxPrefix; i++ {
		s, ok := c.Args[i].(value.String)
		if !ok || !strings.Contains(s.V, "/") || strings.HasPrefix(s.V, "/") {
			continue
		}
		if first < 0 {
			first = i
		}
		if namesFit(s.V, c.Args[i+1:]) {
			return i, nil
		}
	}
	if first >= 0 {
		return first, nil
	}
	for i, a := range c.Args {
		if s, ok := a.(value.String); ok && strings.Contains(s.V, "/") && !strings.HasPrefix(s.V, "/") {
			return 0, c.ArgErrorf(i, "the resource type '%s' must be one of the first %d arguments", s.V, maxPrefix+1)
		}
	}
	return 0, c.Errorf("no resource type among the arguments: write the type as 'Namespace/type', e.g. 'Microsoft.Storage/storageAccounts'")
}

// namesFit reports whether names supply the resource names typ needs,
// one per segment after the namespace, or written together ('vnet/snet').
func namesFit(typ string, names []value.Value) bool {
	want := len(strings.Split(strings.Trim(typ, "/"), "/")) - 1
	if len(names) == want {
		return true
	}
	n := 0
	for _, v := range names {
		if s, ok := v.(value.String); ok {
			n += strings.Count(s.V, "/") + 1
		} else {
			n++
		}
	}
	return n == want
}

// typedPath appends "/providers/ns/t1/n1/t2/n2..." for the type at
// c.Args[t] and the names after it.
func typedPath(c *Call, parts []value.Value, t int) ([]value.Value, error) {
	typ := c.Args[t].(value.String).V
	segs := strings.Split(strings.Trim(typ, "/"), "/")
	if len(segs) < 2 {
		return nil, c.ArgErrorf(t, "the resource type '%s' must be written as 'Namespace/type'", typ)
	}
	names := c.Args[t+1:]
	want := len(segs) - 1
	if len(names) != want {
		// Names written together ('vnet/subnet') are accepted when they
		// add up to the number the type needs.
		var split []value.Value
		for _, n := range names {
			if s, ok := n.(value.String); ok {
				for _, p := range strings.Split(s.V, "/") {
					split = append(split, value.String{V: p, At: s.At})
				}
				continue
			}
			split = append(split, n)
		}
		if len(split) != want {
			return nil, c.Errorf("the resource type '%s' needs %s, but %s given", typ, countNoun(want, "resource name"), countVerb(len(names), "was", "were"))
		}
		names = split
	}
	parts = append(parts, str("/providers/"+segs[0]))
	for i, n := range names {
		parts = append(parts, str("/"+segs[i+1]+"/"), n)
	}
	return parts, nil
}

// joinID returns the concatenation of parts: a String, or an Unknown with
// the known parts kept literally.
func joinID(c *Call, parts []value.Value) value.Value {
	if u, ok := firstUnknownArg(parts); ok {
		return value.Unknown{Origin: u.Origin, Text: clip(concatText(parts)), At: c.At}
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.(value.String).V)
	}
	return value.String{V: b.String(), At: c.At}
}

// resourceId([subscriptionId], [resourceGroupName], type, names...). At
// resource group scope the id is under the deployment's resource group; at
// subscription scope it is a subscription-level id unless a resource group
// is given; at management group and tenant scope it is a tenant-level id,
// as ARM documents.
func fnResourceID(c *Call) (value.Value, error) {
	t, err := idArgs(c, 2)
	if err != nil {
		return nil, err
	}
	ctx := c.context()
	var parts []value.Value
	sub := str(ctx.SubscriptionID())
	switch t {
	case 2:
		parts = append(parts, str("/subscriptions/"), c.Args[0], str("/resourceGroups/"), c.Args[1])
	case 1:
		parts = append(parts, str("/subscriptions/"), sub, str("/resourceGroups/"), c.Args[0])
	default:
		switch ctx.Scope {
		case ScopeSubscription:
			parts = append(parts, str("/subscriptions/"), sub)
		case ScopeManagementGroup, ScopeTenant:
		default:
			parts = append(parts, str("/subscriptions/"), sub, str("/resourceGroups/"+ctx.ResourceGroupName()))
		}
	}
	parts, err = typedPath(c, parts, t)
	if err != nil {
		return nil, err
	}
	return joinID(c, parts), nil
}

// subscriptionResourceId([subscriptionId], type, names...).
func fnSubscriptionResourceID(c *Call) (value.Value, error) {
	t, err := idArgs(c, 1)
	if err != nil {
		return nil, err
	}
	var sub value.Value = str(c.context().SubscriptionID())
	if t == 1 {
		sub = c.Args[0]
	}
	parts, err := typedPath(c, []value.Value{str("/subscriptions/"), sub}, t)
	if err != nil {
		return nil, err
	}
	return joinID(c, parts), nil
}

// tenantResourceId(type, names...).
func fnTenantResourceID(c *Call) (value.Value, error) {
	t, err := idArgs(c, 0)
	if err != nil {
		return nil, err
	}
	parts, err := typedPath(c, nil, t)
	if err != nil {
		return nil, err
	}
	return joinID(c, parts), nil
}

// managementGroupResourceId([managementGroupName], type, names...).
func fnManagementGroupResourceID(c *Call) (value.Value, error) {
	t, err := idArgs(c, 1)
	if err != nil {
		return nil, err
	}
	var mg value.Value = str(c.context().ManagementGroupName())
	if t == 1 {
		mg = c.Args[0]
	}
	parts, err := typedPath(c, []value.Value{str("/providers/Microsoft.Management/managementGroups/"), mg}, t)
	if err != nil {
		return nil, err
	}
	return joinID(c, parts), nil
}

// extensionResourceId(resourceId, type, names...).
func fnExtensionResourceID(c *Call) (value.Value, error) {
	if s, ok := c.Args[0].(value.String); ok && strings.Contains(s.V, "/") && !strings.HasPrefix(s.V, "/") {
		return nil, c.ArgErrorf(0, "the first argument must be the id of the resource the extension applies to, starting with '/', not '%s'", s.V)
	}
	base := c.Args[0]
	if s, ok := base.(value.String); ok {
		base = value.String{V: strings.TrimSuffix(s.V, "/"), At: s.At}
	}
	saved := c.Args
	c.Args = c.Args[1:]
	t, err := idArgs(c, 0)
	if err == nil {
		var parts []value.Value
		parts, err = typedPath(c, []value.Value{base}, t)
		c.Args = saved
		if err == nil {
			return joinID(c, parts), nil
		}
	}
	c.Args = saved
	return nil, err
}

// reference(resourceNameOrId, [apiVersion], ['Full']) asks Env: a
// resource of the same deployment gives its evaluated body; any other
// gives an Unknown.
func fnReference(c *Call) (value.Value, error) {
	target := c.Args[0]
	switch target.(type) {
	case value.String, value.Unknown:
	default:
		return nil, c.ArgErrorf(0, "argument 1 must be a resource name, id or symbolic name (a string), not %s", value.TypeName(target))
	}
	api := ""
	if len(c.Args) > 1 {
		switch v := c.Args[1].(type) {
		case value.String:
			api = v.V
		case value.Unknown:
		default:
			return nil, c.ArgErrorf(1, "argument 2 must be an API version (a string), not %s", value.TypeName(v))
		}
	}
	full := false
	if len(c.Args) > 2 {
		switch v := c.Args[2].(type) {
		case value.String:
			if !strings.EqualFold(v.V, "Full") {
				return nil, c.ArgErrorf(2, "argument 3 must be 'Full', not '%s'", v.V)
			}
			full = true
		case value.Unknown:
			full = true
		default:
			return nil, c.ArgErrorf(2, "argument 3 must be 'Full', not %s", value.TypeName(v))
		}
	}
	if vw, ok := c.Env.(Viewer); ok && c.ev != nil {
		v, ok, err := vw.ReferenceView(target, api, full, c.At)
		if err != nil {
			return nil, err
		}
		if ok {
			return c.ev.markView(v), nil
		}
	}
	return c.Env.Reference(target, api, full, c.At)
}

// references(symbolicName, [mode]) asks Env for a collection.
func fnReferences(c *Call) (value.Value, error) {
	sym, err := c.String(0)
	if err != nil {
		return nil, err
	}
	mode := ""
	if len(c.Args) > 1 {
		if mode, err = c.String(1); err != nil {
			return nil, err
		}
	}
	if vw, ok := c.Env.(Viewer); ok && c.ev != nil {
		views, ok, err := vw.ReferencesView(sym, mode, c.At)
		if err != nil {
			return nil, err
		}
		if ok {
			out := &value.Array{At: c.At, Elems: make([]value.Value, len(views))}
			for i, v := range views {
				out.Elems[i] = c.ev.markView(v)
			}
			return out, nil
		}
	}
	return c.Env.References(sym, mode, c.At)
}

// fnPickZones(providerNamespace, resourceType, location, [numberOfZones],
// [offset]) answers without asking Azure: every location is taken to have
// zones '1', '2' and '3' for every resource type. The answer is
// deterministic, and it makes a template that asks for zones get them, as
// it would in the regions most templates target.
func fnPickZones(c *Call) (value.Value, error) {
	for i := 0; i < 3; i++ {
		if _, err := c.String(i); err != nil {
			return nil, err
		}
	}
	n, off := int64(1), int64(0)
	var err error
	if len(c.Args) > 3 {
		if n, err = c.Int(3); err != nil {
			return nil, err
		}
	}
	if len(c.Args) > 4 {
		if off, err = c.Int(4); err != nil {
			return nil, err
		}
	}
	if n < 0 || off < 0 {
		return nil, c.Errorf("numberOfZones and offset must not be negative")
	}
	zones := value.NewArray(c.At)
	for i := off; i < 3 && int64(len(zones.Elems)) < n; i++ {
		zones.Elems = append(zones.Elems, value.String{V: itoa(int(i + 1)), At: c.At})
	}
	return zones, nil
}
