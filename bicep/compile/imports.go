package compile

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
)

// Compile-time imports (import { a, b as c } from 'x.bicep' and
// import * as ns from 'x.bicep') are inlined as Bicep inlines them: each
// imported type becomes a definition, each variable a variable and each
// function a member of __bicep, together with what they use in their own
// file (the import closure). A symbol imported by name keeps the name it
// is imported as; every other symbol of the closure, wildcard members
// included, is _<n>.<name> (functions _<n>_<name>, since a function name
// cannot hold a dot), n numbering the files imported from in the order of
// their template identifiers. Declarations are lowered in their own file
// with references renamed to the importing file's names (see useBicep),
// so a helper cannot collide with a name of the importing file. Every
// symbol imported by name and every export of a wildcard import is
// copied, used or not, after the file's own declarations.

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
	if isRegistryRef(rel) {
		// A registry artifact is an ARM template in the local module
		// cache (what `bicep restore` wrote for it).
		path, err := c.registryPath(rel)
		if err != nil {
			c.errorf(d.From.Pos(), CodeRegistryNotCached, "%s", err.Error())
			return
		}
		qualified := c.lastQualified
		if a := c.armImportFile(path, d.From.Pos(), rel); a != nil {
			a.ref = qualified
		}
		c.bindARMImport(d, rel, path)
		return
	}
	if strings.Contains(rel, ":") {
		c.errorf(d.From.Pos(), CodeUnsupported, "the import path '%s' is neither a relative path nor a br: or ts: reference", rel)
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
		c.bicepWildcards = append(c.bicepWildcards, from)
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
		if c.bicepAliases == nil {
			c.bicepAliases = map[*fileCompiler]map[string]string{}
		}
		if c.bicepAliases[from] == nil {
			c.bicepAliases[from] = map[string]string{}
		}
		if prev, dup := c.bicepAliases[from][name]; !dup {
			c.bicepAliases[from][name] = alias.Name
			c.bicepExplicit = append(c.bicepExplicit, bicepUse{from, name})
		} else if prev != alias.Name {
			c.errorf(alias.Pos(), CodeImportedTwice, "'%s' is imported more than once, as '%s' and '%s'; import it under one name", name, prev, alias.Name)
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
		if len(a.ambiguous) > 0 {
			names := make([]string, 0, len(a.ambiguous))
			for n := range a.ambiguous {
				names = append(names, "'"+n+"'")
			}
			sort.Strings(names)
			c.errorf(d.From.Pos(), CodeAmbiguousWildcard, "'%s' cannot be imported with * because it exports more than one symbol named %s; import the others by name", rel, strings.Join(names, ", "))
			return
		}
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
		if a.ambiguous[name] {
			c.errorf(s.Name.Pos(), CodeAmbiguousExport, "'%s' exports more than one symbol named '%s' (a type, a variable or a function); rename one of them in the template", rel, name)
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
		if prev, dup := c.armAliases[a][k]; !dup {
			c.armAliases[a][k] = alias.Name
			c.armExplicit = append(c.armExplicit, armUse{a, k})
		} else if prev != alias.Name {
			c.errorf(alias.Pos(), CodeImportedTwice, "'%s' is imported more than once, as '%s' and '%s'; import it under one name", name, prev, alias.Name)
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
// template identifiers (path relative to the importing file, or registry
// reference), the order in which Bicep numbers them: it sorts the symbols
// of the import closure by template and name, as .NET sorts strings.
func (c *fileCompiler) numberImports() {
	keys := make([]string, 0, len(c.importIndex))
	for k := range c.importIndex {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return cultureLess(c.templateID(keys[i]), c.templateID(keys[j])) })
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

// templateID is how Bicep identifies a file imported from: its registry
// reference written in full, else its path relative to the importing
// file.
func (c *fileCompiler) templateID(path string) string {
	if a := c.b.armImports[cleanKey(path)]; a != nil && a.ref != "" {
		return a.ref
	}
	return c.relTo(path)
}

// isRegistryRef reports whether an import or module path names a
// registry artifact (br:, br/alias:, ts:, ts/alias:).
func isRegistryRef(p string) bool {
	for _, prefix := range []string{"br:", "br/", "ts:", "ts/"} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// finishImports runs after binding: it numbers the files imported from.
func (c *fileCompiler) finishImports() {
	if len(c.importIndex) > 0 {
		c.numberImports()
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
	t := c.target()
	if a := s.imp.arm; a != nil {
		return t.armVarRef(a, s.imp.name, id)
	}
	src := s.imp.from.lookup(s.imp.name)
	if src == nil || src.kind != symVar {
		c.errorf(id.Pos(), CodeInvalidExpression, "the imported '%s' is not a variable", id.Name)
		return aNull{}
	}
	return call("variables", aStr{t.useBicep(s.imp.from, s.imp.name)})
}

// importedCall lowers a call of an imported function (member is set for
// ns.f(...)).
func (c *fileCompiler) importedCall(s *symbol, member string, args []aexpr, e *ast.CallExpr) aexpr {
	t := c.target()
	name := s.imp.name
	if member != "" {
		name = member
	}
	if a := s.imp.arm; a != nil {
		k, ok := a.exports[name]
		if !ok || k.kind != armFunc {
			c.errorf(e.Pos(), CodeUndefinedFunction, "'%s' is not a function exported by the imported template", name)
			return aNull{}
		}
		return call("__bicep."+t.useARM(a, k), args...)
	}
	src := s.imp.from.lookup(name)
	if src == nil || src.kind != symFunc {
		c.errorf(e.Pos(), CodeUndefinedFunction, "'%s' is not a function exported by the imported file", name)
		return aNull{}
	}
	s.imp.from.checkArity(src, e)
	return call("__bicep."+t.useBicep(s.imp.from, name), args...)
}

// namespaceMember lowers ns.x for a wildcard import.
func (c *fileCompiler) namespaceMember(s *symbol, name string, id *ast.Ident) aexpr {
	t := c.target()
	if a := s.imp.arm; a != nil {
		return t.armVarRef(a, name, id)
	}
	src := s.imp.from.lookup(name)
	if src == nil || src.kind != symVar {
		c.errorf(id.Pos(), CodeUndefinedSymbol, "the imported file declares no variable '%s'", name)
		return aNull{}
	}
	return call("variables", aStr{t.useBicep(s.imp.from, name)})
}

// namespaceType returns the definitions key of ns.t for a wildcard
// import, importing the type.
func (c *fileCompiler) namespaceType(s *symbol, name string, id *ast.Ident) string {
	t := c.target()
	if s.imp.arm != nil {
		return t.armTypeRef(s.imp.arm, name, id)
	}
	return t.useBicep(s.imp.from, name)
}

// typeRefName returns the definitions key a type name refers to,
// importing the type when needed.
func (c *fileCompiler) typeRefName(s *symbol, id *ast.Ident) string {
	if s.kind == symImported {
		if a := s.imp.arm; a != nil {
			return c.target().armTypeRef(a, s.imp.name, id)
		}
		return c.target().useBicep(s.imp.from, s.imp.name)
	}
	return c.emittedName(s)
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

// target is the file that declarations being lowered are emitted into:
// the importing file while a declaration of this file is copied into it,
// else this file.
func (c *fileCompiler) target() *fileCompiler {
	if c.into != nil {
		return c.into
	}
	return c
}

// emittedName is the name that a variable, type or function declared in this
// file has where it is emitted: its own name, or, while it is copied into
// an importing file, the name it has there (which imports it).
func (c *fileCompiler) emittedName(s *symbol) string {
	if c.into == nil {
		return s.name
	}
	return c.into.useBicep(c, s.name)
}

// closureName is the name Bicep gives a symbol that an import brings in
// without naming it (a wildcard member, or what an imported symbol uses):
// _<n>.<name>, n numbering the files imported from.
func (c *fileCompiler) closureName(from *fileCompiler, name string) string {
	return "_" + itoa(c.importNumber(from.path)) + "." + name
}

// useBicep copies the variable, type or function name of from into c,
// with what it uses, and returns the name it has in c: the name it was
// imported by, else its closure name (functions _<n>_<name>, as a
// function name cannot hold a dot).
func (c *fileCompiler) useBicep(from *fileCompiler, name string) string {
	s := from.lookup(name)
	if s == nil {
		return name
	}
	if s.kind == symImported && s.imp != nil {
		// What from imports is copied from where it is declared.
		if s.imp.arm != nil {
			if k, ok := s.imp.arm.exports[s.imp.name]; ok {
				return c.useARM(s.imp.arm, k)
			}
			return name
		}
		if c.chasing >= MaxModuleDepth {
			c.errorf(s.decl.Pos(), CodeModuleCycle, "'%s' is imported through more than %d files, or through files that import from each other; import it from the file that declares it", name, MaxModuleDepth)
			return name
		}
		c.chasing++
		defer func() { c.chasing-- }()
		return c.useBicep(s.imp.from, s.imp.name)
	}
	alias, explicit := c.bicepAliases[from][name]
	renamed := ""
	if explicit && alias != name {
		renamed = name
	}
	if !explicit {
		alias = c.closureName(from, name)
		if s.kind == symFunc {
			alias = strings.Replace(alias, ".", "_", 1)
		}
	}
	var done map[string]bool
	switch s.kind {
	case symVar:
		done = c.impVars
	case symType:
		done = c.impTypes
	case symFunc:
		done = c.impFuncs
	default:
		return alias
	}
	if done[alias] {
		return alias
	}
	done[alias] = true
	// Lower the declaration in its own file, emitting into c.
	prev := from.into
	from.into = c
	defer func() { from.into = prev }()
	switch d := s.decl.(type) {
	case *ast.VarDecl:
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
	case *ast.TypeDecl:
		spec := from.typeSpec(d.Type, 0)
		spec.At = d.Pos()
		from.typeDecorators(spec, d.Decorators)
		markImported(spec, c.relTo(from.path), renamed)
		if c.extraDefs == nil {
			c.extraDefs = value.NewObject(c.file.Pos())
		}
		c.extraDefs.SetMember(value.Member{Key: alias, KeyPos: d.Name.Pos(), Value: spec})
	case *ast.FuncDecl:
		if d.Lambda == nil {
			return alias
		}
		f := from.function(d)
		markImported(f, c.relTo(from.path), renamed)
		if c.extraFuncs == nil {
			c.extraFuncs = value.NewObject(c.file.Pos())
		}
		c.extraFuncs.SetMember(value.Member{Key: alias, KeyPos: d.Name.Pos(), Value: f})
	}
	return alias
}

// useAllImports copies in what Bicep copies whether it is used or not:
// every symbol imported by name and every export of a wildcard import.
// It runs when the importing file is emitted (a file that is only
// imported from copies nothing of its own imports).
func (c *fileCompiler) useAllImports() {
	for _, u := range c.bicepExplicit {
		c.useBicep(u.from, u.name)
	}
	for _, from := range c.bicepWildcards {
		for _, s := range from.order {
			if isExported(s) {
				c.useBicep(from, s.name)
			}
		}
	}
	for _, u := range c.armExplicit {
		c.useARM(u.a, u.k)
	}
	for _, a := range c.armWildcards {
		for _, name := range a.exportNames {
			c.useARM(a, a.exports[name])
		}
	}
}

// isExported reports whether a variable, type or function declaration
// carries @export().
func isExported(s *symbol) bool {
	switch s.kind {
	case symVar, symType, symFunc:
	default:
		return false
	}
	d, ok := s.decl.(interface{ Head() *ast.DeclHead })
	return ok && d.Head().Decorator("export") != nil
}

// sortedImports returns the members of o (declarations copied in by
// imports) in the order Bicep writes them: after the file's own, sorted by
// name the way .NET sorts strings by default, where punctuation comes
// before digits and digits before letters, letters compare without case
// first and a lower-case letter comes before its upper case.
func sortedImports(o *value.Object) []value.Member {
	ms := append([]value.Member(nil), o.Members()...)
	sort.SliceStable(ms, func(i, j int) bool { return cultureLess(ms[i].Key, ms[j].Key) })
	return ms
}

func cultureLess(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	for i := 0; i < len(ra) && i < len(rb); i++ {
		ka, kb := collationKey(ra[i]), collationKey(rb[i])
		if ka != kb {
			return ka < kb
		}
	}
	if len(ra) != len(rb) {
		return len(ra) < len(rb)
	}
	// Equal but for case: lower case first.
	for i := range ra {
		if ra[i] != rb[i] {
			return ra[i] > rb[i]
		}
	}
	return false
}

// collationKey ranks a rune for cultureLess's first, case-blind level.
func collationKey(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return 0x10000 + int(r)
	case r >= 'a' && r <= 'z':
		return 0x20000 + int(r)
	case r >= 'A' && r <= 'Z':
		return 0x20000 + int(r-'A'+'a')
	case r < 0x80:
		return int(r)
	}
	return 0x30000 + int(r)
}
