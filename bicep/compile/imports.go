package compile

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
)

// Compile-time imports (import { a, b as c } from 'x.bicep' and
// import * as ns from 'x.bicep') are inlined: each imported type becomes
// a definition, each variable a variable and each function a member of
// __bicep, together with what they use in their own file. Symbols of a
// wildcard import are emitted as _ns.name (functions as _ns_name, since a
// function name cannot hold a dot).

// bindImport declares the names an import declaration brings in.
func (c *fileCompiler) bindImport(d *ast.ImportDecl) {
	if d.From == nil {
		return
	}
	rel, ok := d.From.Value()
	if !ok {
		c.errorf(d.From.Pos(), CodeBadModule, "the import path must be a string literal")
		return
	}
	if strings.Contains(rel, ":") {
		c.errorf(d.From.Pos(), CodeUnsupported, "imports from registries ('%s') are not supported by azrule yet; import from a local .bicep or .json file", rel)
		return
	}
	path := filepath.Join(c.dir, filepath.FromSlash(rel))
	lower := strings.ToLower(path)
	if strings.HasSuffix(lower, ".json") || strings.HasSuffix(lower, ".jsonc") {
		c.bindARMImport(d, rel, path)
		return
	}
	if !strings.HasSuffix(lower, ".bicep") {
		c.errorf(d.From.Pos(), CodeUnsupported, "imports from '%s' are not supported; import from a .bicep file or an ARM template (.json)", rel)
		return
	}
	from := c.b.importFile(path)
	if from == nil {
		c.errorf(d.From.Pos(), CodeModuleNotFound, "cannot read '%s' to import from it", rel)
		return
	}
	if from == c {
		c.errorf(d.From.Pos(), CodeModuleCycle, "a file cannot import from itself")
		return
	}
	c.noteImport(from.path)
	if d.Wildcard != nil {
		c.declare(d.Wildcard, &symbol{kind: symNamespace, decl: d, imp: &importInfo{from: from}})
		return
	}
	for _, s := range d.Symbols {
		name := importedName(s)
		if from.lookup(name) == nil {
			c.errorf(s.Name.Pos(), CodeUndefinedSymbol, "'%s' does not declare '%s'; check the name and that it is marked @export()", rel, name)
			continue
		}
		alias := importAlias(c, s, name)
		if alias == nil {
			continue
		}
		c.declare(alias, &symbol{kind: symImported, decl: d, imp: &importInfo{from: from, name: name}})
	}
}

// bindARMImport declares the names imported from an ARM template.
func (c *fileCompiler) bindARMImport(d *ast.ImportDecl, rel, path string) {
	a := c.armImportFile(path, d.From.Pos(), rel)
	if a == nil {
		return
	}
	c.noteImport(a.path)
	if d.Wildcard != nil {
		c.declare(d.Wildcard, &symbol{kind: symNamespace, decl: d, imp: &importInfo{arm: a}})
		c.armWildcards = append(c.armWildcards, a)
		return
	}
	for _, s := range d.Symbols {
		name := importedName(s)
		k, ok := a.exports[name]
		if !ok {
			c.errorf(s.Name.Pos(), CodeUndefinedSymbol, "'%s' does not export '%s'; check the name and that the template lists it as exported", rel, name)
			continue
		}
		alias := importAlias(c, s, name)
		if alias == nil {
			continue
		}
		if c.armAliases == nil {
			c.armAliases = map[*armImport]map[armKey]string{}
		}
		if c.armAliases[a] == nil {
			c.armAliases[a] = map[armKey]string{}
		}
		if _, dup := c.armAliases[a][k]; !dup {
			c.armAliases[a][k] = alias.Name
			c.armExplicit = append(c.armExplicit, armUse{a, k})
		}
		c.declare(alias, &symbol{kind: symImported, decl: d, imp: &importInfo{arm: a, name: name}})
	}
}

// importedName is the name an import item names in the file imported from.
func importedName(s *ast.ImportSymbol) string {
	switch n := s.Name.(type) {
	case *ast.Ident:
		return n.Name
	case *ast.StringLit:
		v, _ := n.Value()
		return v
	}
	return ""
}

// importAlias is the name an import item declares: its alias, or the
// imported name when that is an identifier; nil (reported) otherwise.
func importAlias(c *fileCompiler, s *ast.ImportSymbol, name string) *ast.Ident {
	if s.Alias != nil {
		return s.Alias
	}
	if id, ok := s.Name.(*ast.Ident); ok {
		return id
	}
	c.errorf(s.Name.Pos(), "BCP360", "the imported name '%s' is not an identifier; give it an alias with 'as'", name)
	return nil
}

// noteImport records a file imported from, for numbering.
func (c *fileCompiler) noteImport(path string) {
	if c.importIndex == nil {
		c.importIndex = map[string]int{}
	}
	key := cleanKey(path)
	if _, ok := c.importIndex[key]; !ok {
		c.importIndex[key] = len(c.importIndex) + 1
	}
}

// numberImports numbers the files imported from in the order of their
// paths relative to the importing file, the order in which Bicep numbers
// them (it sorts the symbols of the import closure by template and name).
func (c *fileCompiler) numberImports() {
	keys := make([]string, 0, len(c.importIndex))
	for k := range c.importIndex {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return c.relTo(keys[i]) < c.relTo(keys[j]) })
	for i, k := range keys {
		c.importIndex[k] = i + 1
	}
}

// importNumber is the number of a file imported from (assigning the next
// one to a file reached only through another import).
func (c *fileCompiler) importNumber(path string) int {
	c.noteImport(path)
	return c.importIndex[cleanKey(path)]
}

// relTo is path relative to the importing file's directory, with slashes:
// the sourceTemplate Bicep records for imported declarations.
func (c *fileCompiler) relTo(path string) string {
	rel, err := filepath.Rel(c.dir, path)
	if err != nil {
		rel = path
	}
	return filepath.ToSlash(rel)
}

func cleanKey(path string) string { return filepath.Clean(path) }

// finishImports runs after binding: it numbers the files imported from
// and copies in what Bicep copies whether it is used or not (every symbol
// imported by name from an ARM template, every export of a wildcard
// import of one).
func (c *fileCompiler) finishImports() {
	if len(c.importIndex) == 0 {
		return
	}
	c.numberImports()
	for _, u := range c.armExplicit {
		c.useARM(u.a, u.k)
	}
	for _, a := range c.armWildcards {
		for _, name := range a.exportNames {
			c.useARM(a, a.exports[name])
		}
	}
}

// importFile binds a file imported from, once per build.
func (b *builder) importFile(path string) *fileCompiler {
	key := filepath.Clean(path)
	if fc, ok := b.compiled[key]; ok {
		return fc
	}
	if fc, ok := b.imports[key]; ok {
		return fc
	}
	pf, err := b.parse(path)
	if err != nil {
		return nil
	}
	fc := b.newFileCompiler(pf, path, 0)
	if b.imports == nil {
		b.imports = map[string]*fileCompiler{}
	}
	b.imports[key] = fc
	fc.bind()
	fc.symbolic = true
	return fc
}

// importedRef lowers the use of an imported variable.
func (c *fileCompiler) importedRef(s *symbol, id *ast.Ident) aexpr {
	if a := s.imp.arm; a != nil {
		return c.armVarRef(a, s.imp.name, id)
	}
	src := s.imp.from.lookup(s.imp.name)
	if src == nil || src.kind != symVar {
		c.errorf(id.Pos(), CodeInvalidExpression, "the imported '%s' is not a variable", id.Name)
		return aNull{}
	}
	c.importVar(s.imp.from, s.imp.name, id.Name)
	return call("variables", aStr{id.Name})
}

// importedCall lowers a call of an imported function (member is set for
// ns.f(...)).
func (c *fileCompiler) importedCall(s *symbol, member string, args []aexpr, e *ast.CallExpr) aexpr {
	name, alias := s.imp.name, s.name
	if a := s.imp.arm; a != nil {
		if member != "" {
			name = member
		}
		k, ok := a.exports[name]
		if !ok || k.kind != armFunc {
			c.errorf(e.Pos(), CodeUndefinedFunction, "'%s' is not a function exported by the imported template", name)
			return aNull{}
		}
		return call("__bicep."+c.useARM(a, k), args...)
	}
	if member != "" {
		name, alias = member, "_"+s.name+"_"+member
	}
	src := s.imp.from.lookup(name)
	if src == nil || src.kind != symFunc {
		c.errorf(e.Pos(), CodeUndefinedFunction, "'%s' is not a function exported by the imported file", name)
		return aNull{}
	}
	s.imp.from.checkArity(src, e)
	c.importFunc(s.imp.from, name, alias)
	return call("__bicep."+alias, args...)
}

// namespaceMember lowers ns.x for a wildcard import.
func (c *fileCompiler) namespaceMember(s *symbol, name string, id *ast.Ident) aexpr {
	if a := s.imp.arm; a != nil {
		return c.armVarRef(a, name, id)
	}
	src := s.imp.from.lookup(name)
	if src == nil || src.kind != symVar {
		c.errorf(id.Pos(), CodeUndefinedSymbol, "the imported file declares no variable '%s'", name)
		return aNull{}
	}
	alias := c.closureName(s.imp.from, name)
	c.importVar(s.imp.from, name, alias)
	return call("variables", aStr{alias})
}

// typeRefName returns the definitions key a type name refers to,
// importing the type when needed.
func (c *fileCompiler) typeRefName(s *symbol, id *ast.Ident) string {
	if s.kind == symImported {
		if a := s.imp.arm; a != nil {
			return c.armTypeRef(a, s.imp.name, id)
		}
		c.importType(s.imp.from, s.imp.name, s.name)
	}
	return s.name
}

// armVarRef lowers the use of a variable exported by an ARM template.
func (c *fileCompiler) armVarRef(a *armImport, name string, id *ast.Ident) aexpr {
	k, ok := a.exports[name]
	if !ok || k.kind != armVar {
		c.errorf(id.Pos(), CodeUndefinedSymbol, "the imported template exports no variable '%s'", name)
		return aNull{}
	}
	return call("variables", aStr{c.useARM(a, k)})
}

// armTypeRef returns the definitions key of a type exported by an ARM
// template, importing it.
func (c *fileCompiler) armTypeRef(a *armImport, name string, id *ast.Ident) string {
	k, ok := a.exports[name]
	if !ok || k.kind != armType {
		c.errorf(id.Pos(), CodeUndefinedSymbol, "the imported template exports no type '%s'", name)
		return name
	}
	return c.useARM(a, k)
}

// importVar emits variable name of from as alias, with the variables,
// functions and types it uses.
func (c *fileCompiler) importVar(from *fileCompiler, name, alias string) {
	if c.impVars[alias] {
		return
	}
	c.impVars[alias] = true
	s := from.lookup(name)
	d, ok := s.decl.(*ast.VarDecl)
	if !ok {
		return
	}
	c.importUses(from, d.Value)
	l := &lctx{c: from}
	var v value.Value
	if _, loop := d.Value.(*ast.ForExpr); loop {
		v = exprValue(l.lower(d.Value), d.Value.Pos())
	} else {
		v = l.value(d.Value)
	}
	if c.extraVars == nil {
		c.extraVars = value.NewObject(c.file.Pos())
	}
	c.extraVars.SetMember(value.Member{Key: alias, KeyPos: d.Name.Pos(), Value: v})
}

// importFunc emits function name of from as alias.
func (c *fileCompiler) importFunc(from *fileCompiler, name, alias string) {
	if c.impFuncs[alias] {
		return
	}
	c.impFuncs[alias] = true
	d, ok := from.lookup(name).decl.(*ast.FuncDecl)
	if !ok || d.Lambda == nil {
		return
	}
	c.importUses(from, d.Lambda)
	f := from.function(d)
	if c.extraFuncs == nil {
		c.extraFuncs = value.NewObject(c.file.Pos())
	}
	c.extraFuncs.SetMember(value.Member{Key: alias, KeyPos: d.Name.Pos(), Value: f})
}

// importType emits type name of from as alias.
func (c *fileCompiler) importType(from *fileCompiler, name, alias string) {
	if c.impTypes[alias] {
		return
	}
	c.impTypes[alias] = true
	s := from.lookup(name)
	if s == nil {
		return
	}
	if s.kind == symImported {
		// Re-exported import: follow it to its source.
		c.importType(s.imp.from, s.imp.name, alias)
		return
	}
	d, ok := s.decl.(*ast.TypeDecl)
	if !ok {
		return
	}
	c.importUses(from, d.Type)
	spec := from.typeSpec(d.Type, 0)
	spec.At = d.Pos()
	from.typeDecorators(spec, d.Decorators)
	imp := value.NewObject(d.Pos())
	imp.Set("sourceTemplate", str(c.relTo(from.path), d.Pos()))
	md := meta(spec, d.Pos())
	md.Delete("__bicep_export!")
	md.Set("__bicep_imported_from!", imp)
	if c.extraDefs == nil {
		c.extraDefs = value.NewObject(c.file.Pos())
	}
	c.extraDefs.SetMember(value.Member{Key: alias, KeyPos: d.Name.Pos(), Value: spec})
}

// closureName is the name Bicep gives a symbol that an import brings in
// without naming it (a wildcard member, or what an imported symbol uses):
// _<n>.<name>, n numbering the files imported from.
func (c *fileCompiler) closureName(from *fileCompiler, name string) string {
	return "_" + itoa(c.importNumber(from.path)) + "." + name
}

// importUses imports what a declaration of from refers to by name. The
// references inside the copied declaration keep the names of from; the
// symbols they name are emitted under the same names.
func (c *fileCompiler) importUses(from *fileCompiler, n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if s := from.lookup(n.Name); s != nil && s.kind == symVar && !from.inlined(s) {
				c.importVar(from, n.Name, n.Name)
			}
		case *ast.CallExpr:
			if n.Recv == nil && n.Name != nil {
				if s := from.lookup(n.Name.Name); s != nil && s.kind == symFunc {
					c.importFunc(from, n.Name.Name, n.Name.Name)
				}
			}
		case *ast.TypeRef:
			if s := from.lookup(n.Name.Name); s != nil && (s.kind == symType || s.kind == symImported) {
				c.importType(from, n.Name.Name, n.Name.Name)
			}
		}
		return true
	})
}
