package compile

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
)

// A module's extensionConfigs give the configuration of the extensions
// its template uses, by the alias (or name) the module declares them
// with. Bicep writes each configuration property as a parameter-like
// object, {"value": x} or {"keyVaultReference": {keyVault, secretName}},
// except where it is inherited from an extension of the calling file
// (k8s.config.kubeConfig, written as extensions('k8s').config.kubeConfig,
// which is already such an object). A condition between two properties
// moves out: if(c, createObject('value', a), b). A whole configuration
// that is not an object literal (k8s.config, or a condition between
// configurations) is written as the expression.

// extensionConfigs lowers a module's extensionConfigs property.
func (c *fileCompiler) extensionConfigs(e ast.Expr, l *lctx) value.Value {
	o, ok := unwrap(e).(*ast.ObjectLit)
	if !ok {
		return l.value(e)
	}
	out := value.NewObject(o.Pos())
	for _, it := range o.Items {
		p, ok := it.(*ast.Property)
		if !ok {
			continue
		}
		key, ok := propKey(p)
		if !ok {
			c.errorf(p.Key.Pos(), CodeInvalidExpression, "an extension configuration must be named by a literal alias")
			continue
		}
		var v value.Value
		if cfg, ok := unwrap(p.Value).(*ast.ObjectLit); ok {
			v = c.extensionConfig(cfg, l)
		} else {
			v = l.value(p.Value)
		}
		out.SetMember(value.Member{Key: key, KeyPos: p.Key.Pos(), Value: v})
	}
	return out
}

// extensionConfig lowers one extension's configuration object.
func (c *fileCompiler) extensionConfig(o *ast.ObjectLit, l *lctx) *value.Object {
	out := value.NewObject(o.Pos())
	for _, it := range o.Items {
		p, ok := it.(*ast.Property)
		if !ok {
			continue
		}
		key, ok := propKey(p)
		if !ok {
			c.errorf(p.Key.Pos(), CodeInvalidExpression, "an extension configuration property must have a literal name")
			continue
		}
		var v value.Value
		switch x := unwrap(p.Value).(type) {
		case *ast.TernaryExpr:
			v = exprValue(call("if", l.lower(x.Cond), c.configChoice(x.Then, l), c.configChoice(x.Else, l)), x.Pos())
		default:
			if c.inheritsConfig(x) {
				v = l.value(x)
			} else if ref := c.secretReference(x, l); ref != nil {
				w := value.NewObject(x.Pos())
				w.Set("keyVaultReference", ref)
				v = w
			} else {
				w := value.NewObject(x.Pos())
				w.Set("value", l.value(x))
				v = w
			}
		}
		out.SetMember(value.Member{Key: key, KeyPos: p.Key.Pos(), Value: v})
	}
	return out
}

// configChoice lowers one branch of a condition between configuration
// properties to the property object it selects.
func (c *fileCompiler) configChoice(e ast.Expr, l *lctx) aexpr {
	if c.inheritsConfig(e) {
		return l.lower(e)
	}
	return call("createObject", aStr{"value"}, l.lower(e))
}

// inheritsConfig reports whether e reads the configuration of one of the
// calling file's extensions (alias.config...).
func (c *fileCompiler) inheritsConfig(e ast.Expr) bool {
	base, steps := chain(unwrap(e))
	id, ok := base.(*ast.Ident)
	return ok && len(steps) > 0 && steps[0].name == "config" && c.lookup(id.Name) == nil && c.isExtensionAlias(id.Name)
}

// isExtensionAlias reports whether name is the alias (or, without one,
// the name) of an extension the file declares; az and sys are
// namespaces, not configurable extensions.
func (c *fileCompiler) isExtensionAlias(name string) bool {
	if name == "az" || name == "sys" {
		return false
	}
	for _, d := range c.file.Decls {
		e, ok := d.(*ast.ExtensionDecl)
		if !ok {
			continue
		}
		if e.Alias != nil {
			if e.Alias.Name == name {
				return true
			}
			continue
		}
		if id, ok := e.Spec.(*ast.Ident); ok && id.Name == name {
			return true
		}
	}
	return false
}

// declaresAz reports whether the file declares the Azure extension
// (extension az).
func (c *fileCompiler) declaresAz() bool {
	for _, d := range c.file.Decls {
		if e, ok := d.(*ast.ExtensionDecl); ok && e.Alias == nil {
			if id, ok := e.Spec.(*ast.Ident); ok && id.Name == "az" {
				return true
			}
		}
	}
	return false
}
