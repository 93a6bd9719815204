package ast

import (
	"strings"
)

// Sprint renders node in a compact parenthesized form, for tests and
// debugging: operators are prefix, (+ 1 (* 2 3)); accessors are (. x name),
// (.? x name), ([] x i), ([?] x i), ([^] x i), (:: x name), (nonnull x);
// calls are (call f args...) or (call recv.f args...); strings are quoted
// with ' and interpolation is (str 'a' x 'b').
func Sprint(node Node) string {
	var b strings.Builder
	sprint(&b, node)
	return b.String()
}

func sprintList[T Node](b *strings.Builder, head string, xs []T) {
	b.WriteString("(" + head)
	for _, x := range xs {
		b.WriteByte(' ')
		sprint(b, x)
	}
	b.WriteByte(')')
}

func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s) + "'"
}

func name(id *Ident) string {
	if id == nil {
		return "<nil>"
	}
	if id.Name == "" {
		return "<missing>"
	}
	return id.Name
}

func sprint(b *strings.Builder, node Node) {
	w := func(parts ...any) {
		b.WriteByte('(')
		for i, p := range parts {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch p := p.(type) {
			case string:
				b.WriteString(p)
			case Node:
				sprint(b, p)
			}
		}
		b.WriteByte(')')
	}
	opt := func(n Node) any {
		if n == nil {
			return "_"
		}
		return n
	}
	switch n := node.(type) {
	case nil:
		b.WriteString("_")
	case *Ident:
		b.WriteString(name(n))
	case *IntLit:
		b.WriteString(n.Text)
	case *BoolLit:
		if n.Value {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case *NullLit:
		b.WriteString("null")
	case *StringLit:
		if len(n.Exprs) == 0 && len(n.Parts) == 1 {
			b.WriteString(quote(n.Parts[0]))
			return
		}
		b.WriteString("(str")
		for i, p := range n.Parts {
			b.WriteString(" " + quote(p))
			if i < len(n.Exprs) {
				b.WriteByte(' ')
				sprint(b, n.Exprs[i])
			}
		}
		b.WriteByte(')')
	case *ArrayLit:
		b.WriteByte('[')
		for i, x := range n.Items {
			if i > 0 {
				b.WriteByte(' ')
			}
			sprint(b, x)
		}
		b.WriteByte(']')
	case *ObjectLit:
		b.WriteByte('{')
		for i, x := range n.Items {
			if i > 0 {
				b.WriteByte(' ')
			}
			sprint(b, x)
		}
		b.WriteByte('}')
	case *Property:
		sprint(b, n.Key)
		b.WriteByte(':')
		sprint(b, n.Value)
	case *Spread:
		w("...", n.X)
	case *UnaryExpr:
		w(n.Op.String(), n.X)
	case *BinaryExpr:
		w(n.Op.String(), n.X, n.Y)
	case *TernaryExpr:
		w("?:", n.Cond, n.Then, n.Else)
	case *ParenExpr:
		w("paren", n.X)
	case *PropertyAccess:
		op := "."
		if n.Safe {
			op = ".?"
		}
		w(op, n.X, name(n.Name))
	case *IndexExpr:
		op := "["
		if n.Safe {
			op += "?"
		}
		if n.FromEnd {
			op += "^"
		}
		w(op+"]", n.X, n.Index)
	case *ResourceAccess:
		w("::", n.X, name(n.Name))
	case *NonNullExpr:
		w("nonnull", n.X)
	case *CallExpr:
		head := name(n.Name)
		if n.Recv != nil {
			head = Sprint(n.Recv) + "." + head
		}
		sprintList(b, "call "+head, n.Args)
	case *Lambda:
		b.WriteString("(=> (")
		for i, p := range n.Params {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(name(p.Name))
			if p.Type != nil {
				b.WriteByte(':')
				sprint(b, p.Type)
			}
		}
		b.WriteString(")")
		if n.ReturnType != nil {
			b.WriteByte(' ')
			sprint(b, n.ReturnType)
		}
		b.WriteByte(' ')
		sprint(b, n.Body)
		b.WriteByte(')')
	case *ForExpr:
		idx := "_"
		if n.Index != nil {
			idx = name(n.Index)
		}
		w("for", name(n.Item), idx, n.Iterable, n.Body)
	case *IfExpr:
		w("if", n.Cond, n.Body)
	case *BadExpr:
		b.WriteString("<bad>")
	case *TypeRef:
		b.WriteString(name(n.Name))
	case *TypeProperty:
		w(".", n.X, name(n.Name))
	case *TypeCall:
		head := name(n.Name)
		if n.Recv != nil {
			head = Sprint(n.Recv) + "." + head
		}
		sprintList(b, "<> "+head, n.Args)
	case *TypeIndex:
		w("[]", n.X, n.Index)
	case *TypeItems:
		w("[*]", n.X)
	case *TypeAdditional:
		w(".*", n.X)
	case *ArrayType:
		w("array", n.Elem)
	case *NullableType:
		w("?", n.X)
	case *NonNullType:
		w("!", n.X)
	case *UnionType:
		sprintList(b, "|", n.Members)
	case *ObjectType:
		sprintList(b, "object", n.Props)
	case *ObjectTypeProperty:
		decorated(b, n.Decorators)
		if n.Key == nil {
			b.WriteString("*")
		} else {
			sprint(b, n.Key)
		}
		b.WriteByte(':')
		sprint(b, n.Value)
	case *TupleType:
		sprintList(b, "tuple", n.Items)
	case *TupleItem:
		decorated(b, n.Decorators)
		sprint(b, n.Type)
	case *UnaryType:
		w(n.Op.String(), n.X)
	case *ParenType:
		w("paren", n.X)
	case *ResourceType:
		w("resource", opt(strOrNil(n.TypeString)))
	case *BadType:
		b.WriteString("<badtype>")
	case *Decorator:
		b.WriteByte('@')
		sprint(b, n.X)
	case *ImportSymbol:
		sprint(b, n.Name)
		if n.Alias != nil {
			b.WriteString(" as " + name(n.Alias))
		}

	case *File:
		for i, d := range n.Decls {
			if i > 0 {
				b.WriteByte('\n')
			}
			sprint(b, d)
		}
	case *TargetScopeDecl:
		decorated(b, n.Decorators)
		w("targetScope", n.Value)
	case *MetadataDecl:
		decorated(b, n.Decorators)
		w("metadata", name(n.Name), n.Value)
	case *ParamDecl:
		decorated(b, n.Decorators)
		w("param", name(n.Name), n.Type, opt(n.Default))
	case *ParamAssign:
		decorated(b, n.Decorators)
		w("param", name(n.Name), "=", n.Value)
	case *VarDecl:
		decorated(b, n.Decorators)
		w("var", name(n.Name), opt(n.Type), n.Value)
	case *TypeDecl:
		decorated(b, n.Decorators)
		w("type", name(n.Name), n.Type)
	case *FuncDecl:
		decorated(b, n.Decorators)
		w("func", name(n.Name), n.Lambda)
	case *ResourceDecl:
		decorated(b, n.Decorators)
		kw := "resource"
		if n.Existing {
			kw += " existing"
		}
		w(kw, name(n.Name), opt(strOrNil(n.TypeString)), n.Value)
	case *ModuleDecl:
		decorated(b, n.Decorators)
		w("module", name(n.Name), opt(strOrNil(n.Path)), n.Value)
	case *TestDecl:
		decorated(b, n.Decorators)
		w("test", name(n.Name), opt(strOrNil(n.Path)), n.Value)
	case *OutputDecl:
		decorated(b, n.Decorators)
		w("output", name(n.Name), n.Type, n.Value)
	case *ImportDecl:
		decorated(b, n.Decorators)
		if n.Wildcard != nil {
			w("import", "* as "+name(n.Wildcard), opt(strOrNil(n.From)))
			return
		}
		b.WriteString("(import {")
		for i, s := range n.Symbols {
			if i > 0 {
				b.WriteString(", ")
			}
			sprint(b, s)
		}
		b.WriteString("} ")
		if n.From != nil {
			sprint(b, n.From)
		} else {
			b.WriteString("_")
		}
		b.WriteByte(')')
	case *ExtensionDecl:
		decorated(b, n.Decorators)
		alias := "_"
		if n.Alias != nil {
			alias = name(n.Alias)
		}
		w(n.KeywordText, n.Spec, opt(n.Config), alias)
	case *ExtensionConfigDecl:
		decorated(b, n.Decorators)
		w("extensionConfig", name(n.Name), opt(n.Config))
	case *AssertDecl:
		decorated(b, n.Decorators)
		w("assert", name(n.Name), n.Value)
	case *UsingDecl:
		decorated(b, n.Decorators)
		if n.None {
			w("using", "none", opt(n.Config))
		} else {
			w("using", opt(strOrNil(n.Path)), opt(n.Config))
		}
	case *ExtendsDecl:
		decorated(b, n.Decorators)
		w("extends", opt(strOrNil(n.Path)))
	case *BadDecl:
		decorated(b, n.Decorators)
		b.WriteString("<baddecl>")
	default:
		b.WriteString("<?>")
	}
}

// strOrNil avoids a typed nil inside a Node interface.
func strOrNil(s *StringLit) Node {
	if s == nil {
		return nil
	}
	return s
}

func decorated(b *strings.Builder, ds []*Decorator) {
	for _, d := range ds {
		sprint(b, d)
		b.WriteByte(' ')
	}
}
