package compile

import (
	"os"
	"path/filepath"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

// ParamsFile is a .bicepparam file lowered to ARM values: each parameter
// value and variable is a literal or an expression string "[...]" that
// refers to variables('x') and parameters('y') of the same file. Package
// bicep/params evaluates them.
type ParamsFile struct {
	// Using is the template path as written ("" for using none or when
	// missing); UsingPath is it joined to the file's directory.
	Using     string
	UsingPath string
	UsingPos  source.Pos
	UsingNone bool
	// Params are the parameter assignments in order.
	Params []*ParamAssign
	// Variables are the file's variables, by name, with those that
	// imports copied in (under the names Bicep gives them).
	Variables *value.Object
	// Functions are the user-defined functions that imports copied in,
	// by name in the __bicep namespace (each an ARM function object with
	// parameters and output).
	Functions *value.Object
	// Errors are the semantic errors found while lowering.
	Errors source.ErrorList
}

// ParamAssign is one param name = value.
type ParamAssign struct {
	Name    string
	NamePos source.Pos
	// Value is the lowered value; nil when KeyVault is set.
	Value value.Value
	// KeyVault is set for az.getSecret(subscription, resourceGroup,
	// vault, secret[, version]): a Key Vault reference, whose arguments
	// are lowered values too.
	KeyVault *KeyVaultRef
}

// KeyVaultRef is a Key Vault secret reference of a parameter file.
type KeyVaultRef struct {
	Subscription, ResourceGroup, Vault, Secret, Version value.Value
	At                                                  source.Pos
}

// LowerParams lowers a parsed .bicepparam file whose path on disk is path.
func LowerParams(pf *ast.File, path string, opts Options) *ParamsFile {
	b := newBuilder(opts)
	out := b.lowerParams(pf, path, 0)
	out.Errors = b.capped()
	return out
}

// maxExtends caps chains of extends declarations.
const maxExtends = 16

func (b *builder) lowerParams(pf *ast.File, path string, depth int) *ParamsFile {
	c := b.newFileCompiler(pf, path, 0)
	c.params = true
	c.bind()
	out := &ParamsFile{Variables: value.NewObject(pf.Pos()), Functions: value.NewObject(pf.Pos())}
	c.useAllImports()
	l := &lctx{c: c}
	var base *ast.ExtendsDecl
	for _, d := range pf.Decls {
		switch d := d.(type) {
		case *ast.UsingDecl:
			out.UsingPos = d.Pos()
			out.UsingNone = d.None
			if d.Path != nil {
				out.Using, _ = d.Path.Value()
				if out.Using != "" {
					out.UsingPath = filepath.Join(c.dir, filepath.FromSlash(out.Using))
				}
			}
		case *ast.VarDecl:
			if d.Name != nil {
				out.Variables.SetMember(value.Member{Key: d.Name.Name, KeyPos: d.Name.Pos(), Value: exprValue(l.lower(d.Value), d.Value.Pos())})
			}
		case *ast.ParamAssign:
			if d.Name == nil {
				continue
			}
			p := &ParamAssign{Name: d.Name.Name, NamePos: d.Name.Pos()}
			if kv := c.keyVaultRef(d.Value, l); kv != nil {
				p.KeyVault = kv
			} else {
				p.Value = l.paramValue(d.Value)
			}
			out.Params = append(out.Params, p)
		case *ast.ExtendsDecl:
			base = d
		}
	}
	if c.extraVars != nil {
		for _, m := range sortedImports(c.extraVars) {
			out.Variables.SetMember(m)
		}
	}
	if c.extraFuncs != nil {
		for _, m := range sortedImports(c.extraFuncs) {
			out.Functions.SetMember(m)
		}
	}
	if len(c.extraCopies) > 0 {
		out.Variables = withCopies(out.Variables, c.extraCopies)
	}
	if base != nil {
		c.extend(out, base, depth)
	}
	if len(c.fxv) > 0 {
		for i, v := range c.loadedContents() {
			out.Variables.Set("$fxv#"+itoa(i), v)
		}
	}
	return out
}

// extend adds the assignments and variables of the base parameter file
// that out does not make itself.
func (c *fileCompiler) extend(out *ParamsFile, d *ast.ExtendsDecl, depth int) {
	if d.Path == nil {
		return
	}
	rel, ok := d.Path.Value()
	if !ok || rel == "" {
		c.errorf(d.Path.Pos(), CodeBadModule, "the extends path must be a string literal")
		return
	}
	if depth >= maxExtends {
		c.errorf(d.Path.Pos(), CodeModuleCycle, "extends chains are longer than %d files, or loop", maxExtends)
		return
	}
	path := filepath.Join(c.dir, filepath.FromSlash(rel))
	pf, err := c.b.parse(path)
	if err != nil {
		c.errorf(d.Path.Pos(), CodeModuleNotFound, "cannot read the base parameter file '%s': %v", rel, errText(err))
		return
	}
	baseOut := c.b.lowerParams(pf, path, depth+1)
	have := map[string]bool{}
	for _, p := range out.Params {
		have[p.Name] = true
	}
	for _, p := range baseOut.Params {
		if !have[p.Name] {
			out.Params = append(out.Params, p)
		}
	}
	for _, m := range baseOut.Variables.Members() {
		if !out.Variables.Has(m.Key) {
			out.Variables.SetMember(m)
		}
	}
	for _, m := range baseOut.Functions.Members() {
		if !out.Functions.Has(m.Key) {
			out.Functions.SetMember(m)
		}
	}
}

// paramValue lowers a parameter value: JSON where it is written as
// literals, one expression elsewhere (for-expressions become map()).
func (l *lctx) paramValue(e ast.Expr) value.Value {
	switch e := e.(type) {
	case *ast.ObjectLit:
		if hasSpread(e.Items) {
			break
		}
		o := value.NewObject(e.Pos())
		for _, it := range e.Items {
			if p, ok := it.(*ast.Property); ok {
				key, lit := propKey(p)
				if !lit {
					if s, ok := exprValue(l.key(p.Key), p.Key.Pos()).(value.String); ok {
						key = s.V
					}
				}
				o.SetMember(value.Member{Key: key, KeyPos: p.Key.Pos(), Value: l.paramValue(p.Value)})
			}
		}
		return o
	case *ast.ArrayLit:
		if hasSpreadExpr(e.Items) {
			break
		}
		a := value.NewArray(e.Pos())
		for _, it := range e.Items {
			a.Elems = append(a.Elems, l.paramValue(it))
		}
		return a
	case *ast.ParenExpr:
		return value.WithPos(l.paramValue(e.X), e.Pos())
	}
	return exprValue(l.lower(e), e.Pos())
}

// keyVaultRef recognises az.getSecret(...) as a parameter value.
func (c *fileCompiler) keyVaultRef(e ast.Expr, l *lctx) *KeyVaultRef {
	ce, ok := e.(*ast.CallExpr)
	if !ok || ce.Name == nil || ce.Name.Name != "getSecret" || (ce.Recv != nil && !isSysNamespace(c, ce.Recv)) {
		return nil
	}
	if len(ce.Args) < 4 || len(ce.Args) > 5 {
		c.errorf(ce.Pos(), CodeWrongArgCount, "getSecret() takes 4 or 5 arguments (subscription id, resource group, vault, secret[, version]), not %d", len(ce.Args))
		return &KeyVaultRef{At: ce.Pos()}
	}
	v := func(i int) value.Value { return exprValue(l.lower(ce.Args[i]), ce.Args[i].Pos()) }
	kv := &KeyVaultRef{Subscription: v(0), ResourceGroup: v(1), Vault: v(2), Secret: v(3), At: ce.Pos()}
	if len(ce.Args) == 5 {
		kv.Version = v(4)
	}
	return kv
}

// readEnv lowers readEnvironmentVariable(name[, default]) to the value
// of the environment variable when the file is compiled.
func (l *lctx) readEnv(e *ast.CallExpr) aexpr {
	c := l.c
	if len(e.Args) < 1 || len(e.Args) > 2 {
		c.errorf(e.Pos(), CodeWrongArgCount, "readEnvironmentVariable() takes 1 or 2 arguments, not %d", len(e.Args))
		return aNull{}
	}
	name, ok := c.literalArg(e, 0, "readEnvironmentVariable")
	if !ok {
		return aNull{}
	}
	get := c.b.opts.LookupEnv
	if get == nil {
		get = os.LookupEnv
	}
	if v, ok := get(name); ok {
		return aStr{v}
	}
	if len(e.Args) == 2 {
		return l.lower(e.Args[1])
	}
	c.errorf(e.Pos(), "BCP338", "the environment variable '%s' is not set and readEnvironmentVariable() has no default; set it or add a default value", name)
	return aNull{}
}
