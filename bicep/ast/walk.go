package ast

// Visitor's Visit is called for each node Walk meets. If it returns a
// non-nil visitor w, Walk visits the node's children with w and then calls
// w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses the tree rooted at node in source order, in the style of
// go/ast.Walk. Decorators are visited before the declaration's other parts.
func Walk(v Visitor, node Node) {
	if v = v.Visit(node); v == nil {
		return
	}
	eachChild(node, func(c Node) { Walk(v, c) })
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(node Node) Visitor {
	if f(node) {
		return f
	}
	return nil
}

// Inspect calls f for each node of the tree rooted at node, in source
// order; when f returns false the node's children are skipped. After the
// children of a node, f is called with nil.
func Inspect(node Node, f func(Node) bool) { Walk(inspector(f), node) }

// Children returns the direct children of node in source order.
func Children(node Node) []Node {
	var out []Node
	eachChild(node, func(c Node) { out = append(out, c) })
	return out
}

func eachChild(node Node, f func(Node)) {
	e := func(x Expr) {
		if x != nil {
			f(x)
		}
	}
	t := func(x TypeExpr) {
		if x != nil {
			f(x)
		}
	}
	id := func(x *Ident) {
		if x != nil {
			f(x)
		}
	}
	str := func(x *StringLit) {
		if x != nil {
			f(x)
		}
	}
	decs := func(ds []*Decorator) {
		for _, d := range ds {
			f(d)
		}
	}
	switch n := node.(type) {
	case *File:
		for _, d := range n.Decls {
			f(d)
		}
	case *StringLit:
		for _, x := range n.Exprs {
			e(x)
		}
	case *ArrayLit:
		for _, x := range n.Items {
			e(x)
		}
	case *ObjectLit:
		for _, x := range n.Items {
			f(x)
		}
	case *Property:
		e(n.Key)
		e(n.Value)
	case *Spread:
		e(n.X)
	case *UnaryExpr:
		e(n.X)
	case *BinaryExpr:
		e(n.X)
		e(n.Y)
	case *TernaryExpr:
		e(n.Cond)
		e(n.Then)
		e(n.Else)
	case *ParenExpr:
		e(n.X)
	case *PropertyAccess:
		e(n.X)
		id(n.Name)
	case *IndexExpr:
		e(n.X)
		e(n.Index)
	case *ResourceAccess:
		e(n.X)
		id(n.Name)
	case *NonNullExpr:
		e(n.X)
	case *CallExpr:
		e(n.Recv)
		id(n.Name)
		for _, x := range n.Args {
			e(x)
		}
	case *LambdaParam:
		id(n.Name)
		t(n.Type)
	case *Lambda:
		for _, p := range n.Params {
			f(p)
		}
		t(n.ReturnType)
		e(n.Body)
	case *ForExpr:
		id(n.Item)
		id(n.Index)
		e(n.Iterable)
		e(n.Body)
	case *IfExpr:
		e(n.Cond)
		e(n.Body)
	case *TypeRef:
		id(n.Name)
	case *TypeProperty:
		t(n.X)
		id(n.Name)
	case *TypeCall:
		t(n.Recv)
		id(n.Name)
		for _, x := range n.Args {
			t(x)
		}
	case *TypeIndex:
		t(n.X)
		e(n.Index)
	case *TypeItems:
		t(n.X)
	case *TypeAdditional:
		t(n.X)
	case *ArrayType:
		t(n.Elem)
	case *NullableType:
		t(n.X)
	case *NonNullType:
		t(n.X)
	case *UnionType:
		for _, x := range n.Members {
			t(x)
		}
	case *ObjectType:
		for _, p := range n.Props {
			f(p)
		}
	case *ObjectTypeProperty:
		decs(n.Decorators)
		e(n.Key)
		t(n.Value)
	case *TupleType:
		for _, x := range n.Items {
			f(x)
		}
	case *TupleItem:
		decs(n.Decorators)
		t(n.Type)
	case *UnaryType:
		t(n.X)
	case *ParenType:
		t(n.X)
	case *ResourceType:
		str(n.TypeString)
	case *Decorator:
		e(n.X)
	case *ImportSymbol:
		e(n.Name)
		id(n.Alias)

	case *TargetScopeDecl:
		decs(n.Decorators)
		e(n.Value)
	case *MetadataDecl:
		decs(n.Decorators)
		id(n.Name)
		e(n.Value)
	case *ParamDecl:
		decs(n.Decorators)
		id(n.Name)
		t(n.Type)
		e(n.Default)
	case *ParamAssign:
		decs(n.Decorators)
		id(n.Name)
		e(n.Value)
	case *VarDecl:
		decs(n.Decorators)
		id(n.Name)
		t(n.Type)
		e(n.Value)
	case *TypeDecl:
		decs(n.Decorators)
		id(n.Name)
		t(n.Type)
	case *FuncDecl:
		decs(n.Decorators)
		id(n.Name)
		if n.Lambda != nil {
			f(n.Lambda)
		}
	case *ResourceDecl:
		decs(n.Decorators)
		id(n.Name)
		str(n.TypeString)
		e(n.Value)
	case *ModuleDecl:
		decs(n.Decorators)
		id(n.Name)
		str(n.Path)
		e(n.Value)
	case *TestDecl:
		decs(n.Decorators)
		id(n.Name)
		str(n.Path)
		e(n.Value)
	case *OutputDecl:
		decs(n.Decorators)
		id(n.Name)
		t(n.Type)
		e(n.Value)
	case *ImportDecl:
		decs(n.Decorators)
		for _, s := range n.Symbols {
			f(s)
		}
		id(n.Wildcard)
		str(n.From)
	case *ExtensionDecl:
		decs(n.Decorators)
		e(n.Spec)
		e(n.Config)
		id(n.Alias)
	case *ExtensionConfigDecl:
		decs(n.Decorators)
		id(n.Name)
		e(n.Config)
	case *AssertDecl:
		decs(n.Decorators)
		id(n.Name)
		e(n.Value)
	case *UsingDecl:
		decs(n.Decorators)
		str(n.Path)
		e(n.Config)
	case *ExtendsDecl:
		decs(n.Decorators)
		str(n.Path)
	case *BadDecl:
		decs(n.Decorators)
	}
}
