package compile

import (
	"path/filepath"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

// symKind tells what a top-level name declares.
type symKind uint8

const (
	symParam symKind = iota + 1
	symVar
	symResource
	symModule
	symOutput
	symType
	symFunc
	symNamespace // import * as ns
	symImported  // one symbol of import { x }
)

// symbol is a declared name of a file.
type symbol struct {
	kind symKind
	name string
	decl ast.Decl
	res  *resourceInfo // resources and modules (nested resources too)
	// inline is set for a variable whose value needs deployment-time
	// functions (reference(), list*()): ARM forbids those in variables,
	// so Bicep writes the value at each use instead.
	inline   bool
	inlining bool // cycle guard while deciding inline
	// imp is the source of an imported symbol or namespace.
	imp *importInfo
}

// importInfo is where an imported symbol comes from.
type importInfo struct {
	from *fileCompiler
	arm  *armImport // set instead of from for an ARM template
	name string     // the symbol's name in from; "" for a namespace
}

// bicepUse is one symbol of a .bicep file imported from.
type bicepUse struct {
	from *fileCompiler
	name string
}

// armUse is one symbol of an imported ARM template.
type armUse struct {
	a *armImport
	k armKey
}

// resourceInfo is a resource or module declaration, resolved.
type resourceInfo struct {
	sym      string
	decl     ast.Decl // *ast.ResourceDecl or *ast.ModuleDecl
	module   bool
	typ      string // full type: Microsoft.Network/virtualNetworks/subnets
	api      string
	existing bool
	body     *ast.ObjectLit
	cond     ast.Expr     // if (cond), or a loop filter
	loop     *ast.ForExpr // resource or module loop
	parent   *resourceInfo
	// parentExpr is the parent: property (a resource reference, possibly
	// indexed), nil for nested declarations (parent set directly).
	parentExpr ast.Expr
	nested     bool // declared inside its parent's body
	scope      ast.Expr
	path       string // module path as written
	// extension is the alias of the extension a non-Azure resource
	// belongs to (http, kubernetes, microsoftGraph), "" for Azure ones.
	extension string
	// azPrefix is set for a type written az:Type@version.
	azPrefix bool
	modFile  *fileCompiler
	// specID is the template spec version id of a ts: module, which
	// Bicep links (templateLink.id) instead of embedding.
	specID  string
	modJSON *value.Object // a .json or registry module's template
}

// prop returns the value of a top-level property of the resource body.
func (r *resourceInfo) prop(name string) ast.Expr {
	return objProp(r.body, name)
}

// objProp returns the value of property name in o, or nil.
func objProp(o *ast.ObjectLit, name string) ast.Expr {
	if o == nil {
		return nil
	}
	for _, it := range o.Items {
		if p, ok := it.(*ast.Property); ok {
			if k, ok := propKey(p); ok && k == name {
				return p.Value
			}
		}
	}
	return nil
}

// propKey returns a property's key when it is literal.
func propKey(p *ast.Property) (string, bool) {
	switch k := p.Key.(type) {
	case *ast.Ident:
		return k.Name, true
	case *ast.StringLit:
		return k.Value()
	}
	return "", false
}

// fileCompiler compiles one .bicep file.
type fileCompiler struct {
	b        *builder
	file     *ast.File
	src      *source.File
	path     string
	dir      string
	depth    int
	syms     map[string]*symbol
	order    []*symbol // declaration order
	res      []*resourceInfo
	scope    string // targetScope: resourceGroup, subscription, managementGroup, tenant
	symbolic bool
	// legacy is Options.Legacy.
	legacy bool
	// curRes is the resource whose body is being lowered: the resources
	// declared in its body and in its parents' bodies are in scope.
	curRes *resourceInfo
	out    *value.Object
	fxv    []value.Value // loaded contents hoisted to variables $fxv#i
	// fxvSlots number the hoisted load calls (see fxvIndex).
	fxvSlots map[*ast.CallExpr]int
	fxvCalls []*ast.CallExpr
	// emitted imports: definitions, variables and functions brought in by
	// import declarations, by emitted name.
	impTypes   map[string]bool
	impVars    map[string]bool
	impFuncs   map[string]bool
	extraDefs  *value.Object
	extraVars  *value.Object
	extraFuncs *value.Object
	bound      bool
	lastSpecID string // set by registryPath for a ts: reference
	// lastQualified is set by registryPath: the reference written in
	// full (aliases resolved), as Bicep identifies registry artifacts.
	lastQualified string
	nameNesting   int // see enter
	naming        map[*resourceInfo]int
	namingStack   []*resourceInfo
	nameCycle     bool // a name cycle was reported
	// unionMembers remembers the member types of each union type object,
	// for @discriminator.
	unionMembers map[*value.Object][]*value.Object
	// importIndex numbers the files imported from (by clean path), as
	// Bicep numbers them in closure names (_n.name).
	importIndex map[string]int
	// armAliases are the names that symbols of ARM templates are imported
	// by; armExplicit lists them in import order and armWildcards the
	// templates imported with *, all of which Bicep copies in.
	armAliases   map[*armImport]map[armKey]string
	armExplicit  []armUse
	armWildcards []*armImport
	// bicepAliases, bicepExplicit and bicepWildcards are the same for
	// imports from .bicep files.
	bicepAliases   map[*fileCompiler]map[string]string
	bicepExplicit  []bicepUse
	bicepWildcards []*fileCompiler
	// into is set while a declaration of this file is lowered to be
	// copied into an importing file: references to this file's symbols
	// take the names they have there.
	into *fileCompiler
	// chasing counts imports followed to their source (see useBicep).
	chasing int
	// extraCopies are copy variables brought in by imports.
	extraCopies []value.Value
	// params is set for a .bicepparam file.
	params bool
}

// compileFile compiles pf, the file at path. Files are compiled once per
// build; a file that is being compiled is a module cycle.
func (b *builder) compileFile(pf *ast.File, path string, depth int) *fileCompiler {
	key := filepath.Clean(path)
	if fc, ok := b.compiled[key]; ok && fc.out != nil {
		return fc
	}
	fc := b.newFileCompiler(pf, path, depth)
	b.compiled[key] = fc
	b.active = append(b.active, key)
	fc.bind()
	fc.emit()
	b.active = b.active[:len(b.active)-1]
	return fc
}

func (b *builder) newFileCompiler(pf *ast.File, path string, depth int) *fileCompiler {
	return &fileCompiler{b: b, file: pf, legacy: b.opts.Legacy, src: pf.File, path: path, dir: filepath.Dir(path), depth: depth,
		syms: map[string]*symbol{}, scope: "resourceGroup",
		impTypes: map[string]bool{}, impVars: map[string]bool{}, impFuncs: map[string]bool{},
		naming: map[*resourceInfo]int{}}
}

func (c *fileCompiler) errorf(at source.Pos, code, format string, args ...any) {
	c.b.errorf(at, code, format, args...)
}

// declare adds a symbol, reporting a duplicate name.
func (c *fileCompiler) declare(name *ast.Ident, s *symbol) {
	if name == nil || name.Name == "" {
		return
	}
	s.name = name.Name
	if _, dup := c.syms[name.Name]; dup {
		c.errorf(name.Pos(), CodeDuplicateSymbol, "the name '%s' is declared more than once; rename one of the declarations", name.Name)
		return
	}
	c.syms[name.Name] = s
	c.order = append(c.order, s)
}

// bind collects the declarations of the file, once.
func (c *fileCompiler) bind() {
	if c.bound {
		return
	}
	c.bound = true
	for _, d := range c.file.Decls {
		switch d := d.(type) {
		case *ast.TargetScopeDecl:
			if s, ok := d.Value.(*ast.StringLit); ok {
				if v, ok := s.Value(); ok {
					c.scope = v
				}
			}
		case *ast.ParamDecl:
			c.declare(d.Name, &symbol{kind: symParam, decl: d})
		case *ast.ParamAssign:
			c.declare(d.Name, &symbol{kind: symParam, decl: d})
		case *ast.VarDecl:
			c.declare(d.Name, &symbol{kind: symVar, decl: d})
		case *ast.TypeDecl:
			c.declare(d.Name, &symbol{kind: symType, decl: d})
		case *ast.FuncDecl:
			c.declare(d.Name, &symbol{kind: symFunc, decl: d})
		case *ast.OutputDecl:
			// Outputs share the namespace of nothing else in Bicep.
		case *ast.ResourceDecl:
			c.bindResource(d, nil)
		case *ast.ModuleDecl:
			api := c.b.opts.DeploymentsAPIVersion
			if api == "" {
				api = deploymentsAPI
			}
			r := &resourceInfo{decl: d, module: true, typ: "Microsoft.Resources/deployments", api: api}
			if d.Path != nil {
				r.path, _ = d.Path.Value()
			}
			c.setBody(r, d.Value)
			c.declare(d.Name, &symbol{kind: symModule, decl: d, res: r})
			if d.Name != nil {
				r.sym = d.Name.Name
			}
			c.res = append(c.res, r)
		case *ast.ImportDecl:
			c.bindImport(d)
		}
	}
	c.finishImports()
}

// deploymentsAPI is the apiVersion Bicep writes for module deployments.
const deploymentsAPI = "2025-04-01"

// bindResource declares a resource and, recursively, the resources
// declared in its body.
func (c *fileCompiler) bindResource(d *ast.ResourceDecl, parent *resourceInfo) *resourceInfo {
	r := &resourceInfo{decl: d, existing: d.Existing, parent: parent, nested: parent != nil}
	if d.Name != nil {
		r.sym = d.Name.Name
	}
	ts := ""
	if d.TypeString != nil {
		ts, _ = d.TypeString.Value()
	}
	if len(ts) > 3 && strings.EqualFold(ts[:3], "az:") {
		// az:Type@version names the Azure extension explicitly; Bicep
		// writes the type without the prefix and "extension": "az".
		ts, r.azPrefix = ts[3:], true
	}
	typ, api, _ := strings.Cut(ts, "@")
	r.typ, r.api = typ, api
	if ext := c.extensionOf(typ, api); ext != "" && parent == nil && !r.azPrefix {
		// Extension types keep their version in the type, as written.
		r.extension, r.typ, r.api = ext, ts, ""
	}
	if parent != nil {
		// A nested declaration names its type relative to the parent's
		// unless it is written in full.
		if !strings.Contains(typ, "/") || !strings.Contains(typ, ".") {
			r.typ = parent.typ + "/" + typ
		}
		if r.api == "" {
			r.api = parent.api
		}
	}
	if parent != nil && parent.extension != "" {
		// A child of an extension resource: Parent/child@version.
		pt, pv, _ := strings.Cut(parent.typ, "@")
		ct, cv, _ := strings.Cut(ts, "@")
		if cv == "" {
			cv = pv
		}
		r.extension, r.typ, r.api = parent.extension, pt+"/"+ct+"@"+cv, ""
	}
	c.setBody(r, d.Value)
	if parent == nil {
		if pe := r.prop("parent"); pe != nil {
			r.parentExpr = pe
		}
		c.declare(d.Name, &symbol{kind: symResource, decl: d, res: r})
	}
	c.res = append(c.res, r)
	if r.body != nil {
		for _, it := range r.body.Items {
			if nd, ok := it.(*ast.ResourceDecl); ok {
				c.bindResource(nd, r)
			}
		}
	}
	return r
}

// setBody unwraps a resource or module value: {...}, if (c) {...},
// [for ...: {...}] or [for ...: if (c) {...}].
func (c *fileCompiler) setBody(r *resourceInfo, v ast.Expr) {
	if f, ok := v.(*ast.ForExpr); ok {
		r.loop = f
		v = f.Body
	}
	if i, ok := v.(*ast.IfExpr); ok {
		r.cond = i.Cond
		v = i.Body
	}
	if o, ok := v.(*ast.ObjectLit); ok {
		r.body = o
	}
	if r.body != nil {
		r.scope = objProp(r.body, "scope")
	}
}

// lookupNested finds a resource declared directly in r's body.
func (c *fileCompiler) lookupNested(r *resourceInfo, name string) *resourceInfo {
	for _, x := range c.res {
		if x.parent == r && x.nested && x.sym == name {
			return x
		}
	}
	return nil
}

// rootParent resolves r's parent, following parent: properties.
func (c *fileCompiler) parentOf(r *resourceInfo) (*resourceInfo, ast.Expr) {
	if r.parent != nil {
		return r.parent, nil
	}
	if r.parentExpr == nil {
		return nil, nil
	}
	base, idx := c.resourceSymbolOf(r.parentExpr)
	if base != nil {
		// A parent: property gives the child its full type when written
		// relative.
		return base, idx
	}
	return nil, nil
}

// resourceSymbolOf returns the resource a reference expression names
// (sym, sym[i], parent::child) and its index expression, if any.
func (c *fileCompiler) resourceSymbolOf(e ast.Expr) (*resourceInfo, ast.Expr) {
	switch e := e.(type) {
	case *ast.Ident:
		if s := c.lookup(e.Name); s != nil && s.res != nil {
			return s.res, nil
		}
	case *ast.IndexExpr:
		if r, idx := c.resourceSymbolOf(e.X); r != nil && idx == nil && r.loop != nil {
			return r, e.Index
		}
	case *ast.ResourceAccess:
		if p, _ := c.resourceSymbolOf(e.X); p != nil && e.Name != nil {
			return c.lookupNested(p, e.Name.Name), nil
		}
	case *ast.ParenExpr:
		return c.resourceSymbolOf(e.X)
	case *ast.NonNullExpr:
		return c.resourceSymbolOf(e.X)
	}
	return nil, nil
}

// extensionOf returns the extension a resource type belongs to: the only
// non-az extension of the file for a type without a provider namespace,
// a Microsoft Graph extension for Microsoft.Graph types; "" otherwise.
func (c *fileCompiler) extensionOf(typ, version string) string {
	var exts []string
	specs := map[string]string{} // name -> registry reference, when known
	for _, d := range c.file.Decls {
		e, ok := d.(*ast.ExtensionDecl)
		if !ok {
			continue
		}
		name, spec := "", ""
		switch x := e.Spec.(type) {
		case *ast.Ident:
			name = x.Name
		case *ast.StringLit:
			spec, _ = x.Value()
		}
		if e.Alias != nil {
			name = e.Alias.Name
		}
		if name != "" && name != "az" {
			exts = append(exts, name)
			specs[name] = spec
		}
	}
	if len(exts) == 0 {
		return ""
	}
	ns, _, _ := strings.Cut(typ, "/")
	if strings.EqualFold(ns, "Microsoft.Graph") {
		return c.graphExtension(exts, specs, version)
	}
	if !strings.Contains(ns, ".") {
		return exts[0]
	}
	return ""
}

// graphExtension picks the Microsoft Graph extension a type version
// (beta, v1.0) belongs to: the one published for that version (its
// reference, written or from bicepconfig.json's extensions, has
// /<version>:), else the one whose name says it, else the first Graph one.
func (c *fileCompiler) graphExtension(exts []string, specs map[string]string, version string) string {
	var graph []string
	for _, e := range exts {
		if strings.Contains(strings.ToLower(e), "graph") || strings.Contains(strings.ToLower(specs[e]), "graph") {
			graph = append(graph, e)
		}
	}
	if len(graph) == 0 {
		return exts[0]
	}
	v := strings.ToLower(version)
	if v != "" {
		var cfg map[string]string
		for _, e := range graph {
			spec := specs[e]
			if spec == "" {
				if cfg == nil {
					cfg = c.config().extensions
				}
				spec = cfg[e]
			}
			if strings.Contains(strings.ToLower(spec), "/"+v+":") {
				return e
			}
		}
		short := strings.NewReplacer(".", "", "_", "").Replace(v)
		for _, e := range graph {
			if strings.Contains(strings.NewReplacer(".", "", "_", "").Replace(strings.ToLower(e)), short) {
				return e
			}
		}
	}
	return graph[0]
}
