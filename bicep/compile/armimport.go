package compile

import (
	"sort"
	"strings"

	"github.com/azrule/azrule/arm/expr"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// Compile-time imports from ARM JSON templates (import {x} from 'a.json',
// import * as ns from 'a.json'). An ARM template exports what its
// metadata marks, the way the Bicep compiler writes exports when it builds
// a file with @export() declarations:
//
//   - a definition whose metadata has "__bicep_export!": true (a type);
//   - a variable named in metadata."__bicep_exported_variables!";
//   - a function whose metadata has "__bicep_export!": true, exported as
//     its name in the __bicep namespace and as ns.name in any other.
//
// An imported symbol is copied into the importing template with what it
// uses in its own template (variables, copy variables, types, functions).
// Names follow Bicep: a symbol imported by name keeps the name it is
// imported as; anything else is _<n>.<name> (functions _<n>_<name>, as a
// function name cannot hold a dot), n numbering the files imported from.
// Every copied expression is parsed and its references are renamed
// (variables('x'), copyIndex('x'), ns.f(...), "$ref": "#/definitions/t");
// a copy variable's count becomes length(range(0, count)), which is the
// form Bicep writes for the loop it reads the copy as.

// armSymKind tells which section of an ARM template a symbol lives in.
type armSymKind uint8

const (
	armType armSymKind = iota + 1
	armVar
	armFunc
)

// armKey names one symbol of an imported ARM template: a definitions key,
// a variable name (plain or copy) or a function as "namespace.name". ARM
// names are case-insensitive, so id is kept lower case.
type armKey struct {
	kind armSymKind
	id   string
}

// armImport is an ARM template imported from.
type armImport struct {
	path string
	// ref is the registry reference written in full for a template read
	// from the module cache, "" for a local file.
	ref  string
	file *source.File
	defs *value.Object
	vars *value.Object
	// copies are the copy variables, by lower-case name.
	copies map[string]*value.Object
	// funcs are the user-defined functions, by lower-case "ns.name".
	funcs map[string]armFunction
	// exports map the names Bicep sees to the symbols.
	exports     map[string]armKey
	exportNames []string // in template order
	// ambiguous are export names given to more than one symbol (a type
	// and a variable, say), which Bicep refuses to import.
	ambiguous map[string]bool
}

// armFunction is one user-defined function of an imported template.
type armFunction struct {
	ns, name string
	body     *value.Object
}

// maxARMRewriteDepth caps the nesting of values walked while renaming.
const maxARMRewriteDepth = 200

// armImportFile reads and indexes an ARM template imported from, once per
// build; nil when it cannot be read or is not a template.
func (c *fileCompiler) armImportFile(path string, at source.Pos, rel string) *armImport {
	key := cleanKey(path)
	if a, ok := c.b.armImports[key]; ok {
		return a
	}
	if c.b.armImports == nil {
		c.b.armImports = map[string]*armImport{}
	}
	c.b.armImports[key] = nil
	f, err := c.b.read(path)
	if err != nil {
		c.errorf(at, CodeModuleNotFound, "cannot read '%s' to import from it: %v", rel, errText(err))
		return nil
	}
	v, err := jsonc.Parse(f)
	if err != nil {
		c.errorf(at, CodeBadModule, "'%s' is not valid JSON: %v", rel, err)
		return nil
	}
	o, ok := v.(*value.Object)
	if !ok {
		c.errorf(at, CodeBadModule, "'%s' is not an ARM template object", rel)
		return nil
	}
	// A template spec in the module cache is the template spec version:
	// the template is its properties.mainTemplate.
	if !o.Has("$schema") {
		if po, ok := getObj(o, "properties"); ok {
			if mo, ok := getObj(po, "mainTemplate"); ok {
				o = mo
			}
		}
	}
	a := &armImport{path: path, file: f, copies: map[string]*value.Object{},
		funcs: map[string]armFunction{}, exports: map[string]armKey{}}
	a.defs, _ = getObj(o, "definitions")
	a.vars, _ = getObj(o, "variables")
	if a.vars != nil {
		if cp, ok := a.vars.Get("copy"); ok {
			if arr, ok := cp.(*value.Array); ok {
				for _, e := range arr.Elems {
					if eo, ok := e.(*value.Object); ok {
						if n := getStr(eo, "name"); n != "" {
							a.copies[strings.ToLower(n)] = eo
						}
					}
				}
			}
		}
	}
	if fs, ok := o.Get("functions"); ok {
		if arr, ok := fs.(*value.Array); ok {
			for _, e := range arr.Elems {
				ns, ok := e.(*value.Object)
				if !ok {
					continue
				}
				nsName := getStr(ns, "namespace")
				members, _ := getObj(ns, "members")
				if nsName == "" || members == nil {
					continue
				}
				for _, m := range members.Members() {
					body, ok := m.Value.(*value.Object)
					if !ok {
						continue
					}
					a.funcs[strings.ToLower(nsName+"."+m.Key)] = armFunction{ns: nsName, name: m.Key, body: body}
				}
			}
		}
	}
	a.collectExports(o)
	c.b.armImports[key] = a
	return a
}

// collectExports reads what the template marks as exported.
func (a *armImport) collectExports(o *value.Object) {
	add := func(name string, k armKey) {
		if _, dup := a.exports[name]; dup {
			if a.ambiguous == nil {
				a.ambiguous = map[string]bool{}
			}
			a.ambiguous[name] = true
			return
		}
		a.exports[name] = k
		a.exportNames = append(a.exportNames, name)
	}
	if a.defs != nil {
		for _, m := range a.defs.Members() {
			if d, ok := m.Value.(*value.Object); ok && exported(d) {
				add(m.Key, armKey{armType, strings.ToLower(m.Key)})
			}
		}
	}
	if md, ok := getObj(o, "metadata"); ok {
		if ev, ok := md.Get("__bicep_exported_variables!"); ok {
			if arr, ok := ev.(*value.Array); ok {
				for _, e := range arr.Elems {
					if eo, ok := e.(*value.Object); ok {
						if n := getStr(eo, "name"); n != "" {
							add(n, armKey{armVar, strings.ToLower(n)})
						}
					}
				}
			}
		}
	}
	for _, name := range a.functionOrder() {
		f := a.funcs[name]
		if !exported(f.body) {
			continue
		}
		export := f.ns + "." + f.name
		if strings.EqualFold(f.ns, "__bicep") {
			export = f.name
		}
		add(export, armKey{armFunc, name})
	}
}

// functionOrder lists the function keys sorted, for a stable order (the
// index is a map).
func (a *armImport) functionOrder() []string {
	keys := make([]string, 0, len(a.funcs))
	for k := range a.funcs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// exported reports whether a definition or function carries
// metadata."__bicep_export!": true.
func exported(o *value.Object) bool {
	md, ok := getObj(o, "metadata")
	if !ok {
		return false
	}
	v, ok := md.Get("__bicep_export!")
	b, isBool := v.(value.Bool)
	return ok && isBool && b.V
}

// getObj returns member key of o when it is an object.
func getObj(o *value.Object, key string) (*value.Object, bool) {
	v, ok := o.Get(key)
	if !ok {
		return nil, false
	}
	vo, ok := v.(*value.Object)
	return vo, ok
}

// has reports whether the template declares the symbol.
func (a *armImport) has(k armKey) bool {
	switch k.kind {
	case armType:
		return a.defs != nil && a.defs.Has(k.id)
	case armVar:
		if a.copies[k.id] != nil {
			return true
		}
		return a.vars != nil && !strings.EqualFold(k.id, "copy") && a.vars.Has(k.id)
	case armFunc:
		_, ok := a.funcs[k.id]
		return ok
	}
	return false
}

// armName is the name symbol k of a gets in the importing template: the
// alias it was imported by name as, else its closure name.
func (c *fileCompiler) armName(a *armImport, k armKey) string {
	if n, ok := c.armAliases[a][k]; ok {
		return n
	}
	orig := k.id
	switch k.kind {
	case armType:
		orig = a.originalKey(a.defs, k.id)
	case armVar:
		if e := a.copies[k.id]; e != nil {
			orig = getStr(e, "name")
		} else {
			orig = a.originalKey(a.vars, k.id)
		}
	case armFunc:
		if f, ok := a.funcs[k.id]; ok {
			orig = f.name
			if !strings.EqualFold(f.ns, "__bicep") {
				orig = f.ns + "_" + f.name
			}
		}
	}
	n := c.importNumber(a.path)
	if k.kind == armFunc {
		return "_" + itoa(n) + "_" + orig
	}
	return "_" + itoa(n) + "." + orig
}

// armRenamed returns original when symbol k was imported by name under
// another name, else "".
func (c *fileCompiler) armRenamed(a *armImport, k armKey, original string) string {
	if n, ok := c.armAliases[a][k]; ok && n != original {
		return original
	}
	return ""
}

// originalKey returns the key of o that matches lower-case id, as written.
func (a *armImport) originalKey(o *value.Object, id string) string {
	if o != nil {
		for _, m := range o.Members() {
			if strings.EqualFold(m.Key, id) {
				return m.Key
			}
		}
	}
	return id
}

// useARM copies symbol k of a into the importing template, with what it
// uses, and returns the name it has there.
func (c *fileCompiler) useARM(a *armImport, k armKey) string {
	name := c.armName(a, k)
	switch k.kind {
	case armType:
		if c.impTypes[name] {
			return name
		}
		c.impTypes[name] = true
		d, ok := a.defs.Get(k.id)
		if !ok {
			return name
		}
		v := c.rewriteARM(a, d, 0, nil, false)
		if o, ok := v.(*value.Object); ok {
			markImported(o, c.templateID(a.path), c.armRenamed(a, k, a.originalKey(a.defs, k.id)))
		}
		if c.extraDefs == nil {
			c.extraDefs = value.NewObject(c.file.Pos())
		}
		c.extraDefs.SetMember(value.Member{Key: name, KeyPos: d.Pos(), Value: v})
	case armVar:
		if c.impVars[name] {
			return name
		}
		c.impVars[name] = true
		if e := a.copies[k.id]; e != nil {
			c.extraCopies = append(c.extraCopies, c.armCopyVariable(a, e, name))
			return name
		}
		v, ok := a.vars.Get(k.id)
		if !ok {
			return name
		}
		v = c.rewriteARM(a, v, 0, nil, true)
		if c.extraVars == nil {
			c.extraVars = value.NewObject(c.file.Pos())
		}
		c.extraVars.SetMember(value.Member{Key: name, KeyPos: v.Pos(), Value: v})
	case armFunc:
		if c.impFuncs[name] {
			return name
		}
		c.impFuncs[name] = true
		f, ok := a.funcs[k.id]
		if !ok {
			return name
		}
		v := c.rewriteARM(a, f.body, 0, nil, false)
		if o, ok := v.(*value.Object); ok {
			if out, ok := getObj(o, "output"); ok {
				if ov, ok := out.Get("value"); ok {
					out.Set("value", c.rewriteARM(a, ov, 0, nil, true))
				}
			}
			markImported(o, c.templateID(a.path), c.armRenamed(a, k, f.name))
		}
		if c.extraFuncs == nil {
			c.extraFuncs = value.NewObject(c.file.Pos())
		}
		c.extraFuncs.SetMember(value.Member{Key: name, KeyPos: f.body.Pos(), Value: v})
	}
	return name
}

// armCopyVariable rewrites a copy variable entry under its new name.
func (c *fileCompiler) armCopyVariable(a *armImport, e *value.Object, name string) *value.Object {
	loop := map[string]string{strings.ToLower(getStr(e, "name")): name}
	out := value.NewObject(e.Pos())
	out.Set("name", str(name, e.Pos()))
	if cnt, ok := e.Get("count"); ok {
		n := c.rewriteARM(a, cnt, 0, loop, true)
		var inner aexpr
		switch n := n.(type) {
		case value.Int:
			inner = intExpr(int(n.V))
		case value.String:
			if x, ok := exprText(n.V); ok {
				inner = aRaw{x}
			}
		}
		if inner != nil {
			out.Set("count", str("["+render(call("length", call("range", intExpr(0), inner)))+"]", cnt.Pos()))
		} else {
			out.Set("count", n)
		}
	}
	if in, ok := e.Get("input"); ok {
		out.Set("input", c.rewriteARM(a, in, 0, loop, true))
	}
	return out
}

// exprText returns the text between the brackets of an expression string.
func exprText(s string) (string, bool) {
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' && !strings.HasPrefix(s, "[[") {
		return s[1 : len(s)-1], true
	}
	return "", false
}

// markImported drops the export flag of a copied declaration and records
// the template it came from, as Bicep does, with the name it has there
// when it was imported by name under another one (original is "" else).
func markImported(o *value.Object, rel, original string) {
	md, ok := getObj(o, "metadata")
	if !ok {
		md = value.NewObject(o.Pos())
		o.Set("metadata", md)
	}
	md.Delete("__bicep_export!")
	imp := value.NewObject(o.Pos())
	imp.Set("sourceTemplate", str(rel, o.Pos()))
	if original != "" {
		imp.Set("originalIdentifier", str(original, o.Pos()))
	}
	md.Set("__bicep_imported_from!", imp)
}

// rewriteARM copies v, renaming references to the names the symbols get
// in the importing template and importing each symbol it names: with
// exprs set, the references of its expressions (a variable's value, a
// function's output); without, its type references ("$ref", in a type or
// a function's parameter and output types), whose strings are literal
// (a description that looks like an expression stays as written). loop
// maps the copy loops in scope (lower-case name) to their new names.
func (c *fileCompiler) rewriteARM(a *armImport, v value.Value, depth int, loop map[string]string, exprs bool) value.Value {
	if depth > maxARMRewriteDepth {
		c.errorf(v.Pos(), CodeTooDeep, "the imported value nests deeper than %d levels", maxARMRewriteDepth)
		return value.Null{At: v.Pos()}
	}
	switch v := v.(type) {
	case value.String:
		x, ok := exprText(v.V)
		if !ok || !exprs {
			return v
		}
		n, err := expr.ParseExpr(x)
		if err != nil {
			c.errorf(v.Pos(), CodeInvalidExpression, "the imported expression '%s' does not parse: %s", v.V, err.Msg)
			return v
		}
		return value.String{V: "[" + expr.Format(c.renameARM(a, n, loop)) + "]", At: v.At}
	case *value.Array:
		out := value.NewArray(v.At)
		for _, e := range v.Elems {
			out.Elems = append(out.Elems, c.rewriteARM(a, e, depth+1, loop, exprs))
		}
		return out
	case *value.Object:
		out := value.NewObject(v.At)
		for _, m := range v.Members() {
			nv := m.Value
			if !exprs && strings.EqualFold(m.Key, "$ref") {
				if s, ok := nv.(value.String); ok && strings.HasPrefix(s.V, "#/definitions/") {
					rest := strings.TrimPrefix(s.V, "#/definitions/")
					head, tail, _ := strings.Cut(rest, "/")
					k := armKey{armType, strings.ToLower(head)}
					if a.has(k) {
						ref := "#/definitions/" + c.useARM(a, k)
						if tail != "" {
							ref += "/" + tail
						}
						nv = value.String{V: ref, At: s.At}
					}
				}
			} else {
				nv = c.rewriteARM(a, nv, depth+1, loop, exprs)
			}
			out.SetMember(value.Member{Key: m.Key, KeyPos: m.KeyPos, Value: nv})
		}
		return out
	}
	return v
}

// renameARM returns n with its references renamed; unchanged subtrees
// are shared (the tree is immutable).
func (c *fileCompiler) renameARM(a *armImport, n expr.Node, loop map[string]string) expr.Node {
	switch n := n.(type) {
	case *expr.Call:
		args := make([]expr.Node, len(n.Args))
		for i, x := range n.Args {
			args[i] = c.renameARM(a, x, loop)
		}
		out := *n
		out.Args = args
		if n.Namespace != "" {
			k := armKey{armFunc, strings.ToLower(n.Namespace + "." + n.Name)}
			if a.has(k) {
				out.Namespace, out.Name = "__bicep", c.useARM(a, k)
			}
			return &out
		}
		if len(args) > 0 {
			if s, ok := args[0].(*expr.String); ok {
				switch strings.ToLower(n.Name) {
				case "variables":
					k := armKey{armVar, strings.ToLower(s.Value)}
					if a.has(k) {
						args[0] = &expr.String{Off: s.Off, EndOff: s.EndOff, Value: c.useARM(a, k)}
					}
				case "copyindex":
					if nn, ok := loop[strings.ToLower(s.Value)]; ok {
						args[0] = &expr.String{Off: s.Off, EndOff: s.EndOff, Value: nn}
					}
				}
			}
		}
		return &out
	case *expr.Property:
		out := *n
		out.X = c.renameARM(a, n.X, loop)
		return &out
	case *expr.Index:
		out := *n
		out.X = c.renameARM(a, n.X, loop)
		out.Index = c.renameARM(a, n.Index, loop)
		return &out
	}
	return n
}
