package ast

import "github.com/azrule/azrule/source"

// Pos and End of every node. Ends are computed from children, which the
// parser never leaves nil where they are required.

func (x *Ident) Pos() source.Pos { return x.NamePos }
func (x *Ident) End() source.Pos { return x.NamePos.Add(len(x.Name)) }

func (x *IntLit) Pos() source.Pos { return x.ValuePos }
func (x *IntLit) End() source.Pos { return x.ValuePos.Add(len(x.Text)) }

func (x *BoolLit) Pos() source.Pos { return x.ValuePos }
func (x *BoolLit) End() source.Pos {
	if x.Value {
		return x.ValuePos.Add(4)
	}
	return x.ValuePos.Add(5)
}

func (x *NullLit) Pos() source.Pos   { return x.ValuePos }
func (x *NullLit) End() source.Pos   { return x.ValuePos.Add(4) }
func (x *StringLit) Pos() source.Pos { return x.From }
func (x *StringLit) End() source.Pos { return x.To }

func (x *ArrayLit) Pos() source.Pos  { return x.Lbrack }
func (x *ArrayLit) End() source.Pos  { return x.Rbrack.Add(1) }
func (x *ObjectLit) Pos() source.Pos { return x.Lbrace }
func (x *ObjectLit) End() source.Pos { return x.Rbrace.Add(1) }
func (x *Property) Pos() source.Pos  { return x.Key.Pos() }
func (x *Property) End() source.Pos  { return x.Value.End() }
func (x *Spread) Pos() source.Pos    { return x.Ellipsis }
func (x *Spread) End() source.Pos    { return x.X.End() }

func (x *UnaryExpr) Pos() source.Pos      { return x.OpPos }
func (x *UnaryExpr) End() source.Pos      { return x.X.End() }
func (x *BinaryExpr) Pos() source.Pos     { return x.X.Pos() }
func (x *BinaryExpr) End() source.Pos     { return x.Y.End() }
func (x *TernaryExpr) Pos() source.Pos    { return x.Cond.Pos() }
func (x *TernaryExpr) End() source.Pos    { return x.Else.End() }
func (x *ParenExpr) Pos() source.Pos      { return x.Lparen }
func (x *ParenExpr) End() source.Pos      { return x.Rparen.Add(1) }
func (x *PropertyAccess) Pos() source.Pos { return x.X.Pos() }
func (x *PropertyAccess) End() source.Pos { return x.Name.End() }
func (x *IndexExpr) Pos() source.Pos      { return x.X.Pos() }
func (x *IndexExpr) End() source.Pos      { return x.Rbrack.Add(1) }
func (x *ResourceAccess) Pos() source.Pos { return x.X.Pos() }
func (x *ResourceAccess) End() source.Pos { return x.Name.End() }
func (x *NonNullExpr) Pos() source.Pos    { return x.X.Pos() }
func (x *NonNullExpr) End() source.Pos    { return x.Bang.Add(1) }

func (x *CallExpr) Pos() source.Pos {
	if x.Recv != nil {
		return x.Recv.Pos()
	}
	return x.Name.Pos()
}
func (x *CallExpr) End() source.Pos { return x.Rparen.Add(1) }

func (x *LambdaParam) Pos() source.Pos { return x.Name.Pos() }
func (x *LambdaParam) End() source.Pos {
	if x.Type != nil {
		return x.Type.End()
	}
	return x.Name.End()
}

func (x *Lambda) Pos() source.Pos {
	if x.Lparen.IsValid() {
		return x.Lparen
	}
	if len(x.Params) > 0 {
		return x.Params[0].Pos()
	}
	return x.Arrow
}
func (x *Lambda) End() source.Pos { return x.Body.End() }

func (x *ForExpr) Pos() source.Pos { return x.Lbrack }
func (x *ForExpr) End() source.Pos { return x.Rbrack.Add(1) }
func (x *IfExpr) Pos() source.Pos  { return x.If }
func (x *IfExpr) End() source.Pos  { return x.Body.End() }
func (x *BadExpr) Pos() source.Pos { return x.From }
func (x *BadExpr) End() source.Pos { return x.To }

func (x *TypeRef) Pos() source.Pos        { return x.Name.Pos() }
func (x *TypeRef) End() source.Pos        { return x.Name.End() }
func (x *TypeProperty) Pos() source.Pos   { return x.X.Pos() }
func (x *TypeProperty) End() source.Pos   { return x.Name.End() }
func (x *TypeIndex) Pos() source.Pos      { return x.X.Pos() }
func (x *TypeIndex) End() source.Pos      { return x.Rbrack.Add(1) }
func (x *TypeItems) Pos() source.Pos      { return x.X.Pos() }
func (x *TypeItems) End() source.Pos      { return x.Rbrack.Add(1) }
func (x *TypeAdditional) Pos() source.Pos { return x.X.Pos() }
func (x *TypeAdditional) End() source.Pos { return x.Star.Add(1) }
func (x *ArrayType) Pos() source.Pos      { return x.Elem.Pos() }
func (x *ArrayType) End() source.Pos      { return x.Rbrack.Add(1) }
func (x *NullableType) Pos() source.Pos   { return x.X.Pos() }
func (x *NullableType) End() source.Pos   { return x.Question.Add(1) }
func (x *NonNullType) Pos() source.Pos    { return x.X.Pos() }
func (x *NonNullType) End() source.Pos    { return x.Bang.Add(1) }

func (x *TypeCall) Pos() source.Pos {
	if x.Recv != nil {
		return x.Recv.Pos()
	}
	return x.Name.Pos()
}
func (x *TypeCall) End() source.Pos { return x.Gt.Add(1) }

func (x *UnionType) Pos() source.Pos {
	if x.From.IsValid() {
		return x.From
	}
	return x.Members[0].Pos()
}
func (x *UnionType) End() source.Pos { return x.Members[len(x.Members)-1].End() }

func (x *ObjectType) Pos() source.Pos { return x.Lbrace }
func (x *ObjectType) End() source.Pos { return x.Rbrace.Add(1) }

func (x *ObjectTypeProperty) Pos() source.Pos {
	switch {
	case len(x.Decorators) > 0:
		return x.Decorators[0].At
	case x.Key != nil:
		return x.Key.Pos()
	}
	return x.Star
}
func (x *ObjectTypeProperty) End() source.Pos { return x.Value.End() }

func (x *TupleType) Pos() source.Pos { return x.Lbrack }
func (x *TupleType) End() source.Pos { return x.Rbrack.Add(1) }
func (x *TupleItem) Pos() source.Pos {
	if len(x.Decorators) > 0 {
		return x.Decorators[0].At
	}
	return x.Type.Pos()
}
func (x *TupleItem) End() source.Pos { return x.Type.End() }

func (x *UnaryType) Pos() source.Pos { return x.OpPos }
func (x *UnaryType) End() source.Pos { return x.X.End() }
func (x *ParenType) Pos() source.Pos { return x.Lparen }
func (x *ParenType) End() source.Pos { return x.Rparen.Add(1) }

func (x *ResourceType) Pos() source.Pos { return x.Keyword }
func (x *ResourceType) End() source.Pos {
	if x.TypeString != nil {
		return x.TypeString.End()
	}
	return x.Keyword.Add(len("resource"))
}

func (x *BadType) Pos() source.Pos { return x.From }
func (x *BadType) End() source.Pos { return x.To }

func (x *Decorator) Pos() source.Pos { return x.At }
func (x *Decorator) End() source.Pos { return x.X.End() }

func (x *ImportSymbol) Pos() source.Pos { return x.Name.Pos() }
func (x *ImportSymbol) End() source.Pos {
	if x.Alias != nil {
		return x.Alias.End()
	}
	return x.Name.End()
}

// Marker methods: which family each node belongs to.

func (*Ident) exprNode()          {}
func (*IntLit) exprNode()         {}
func (*BoolLit) exprNode()        {}
func (*NullLit) exprNode()        {}
func (*StringLit) exprNode()      {}
func (*ArrayLit) exprNode()       {}
func (*ObjectLit) exprNode()      {}
func (*Spread) exprNode()         {}
func (*UnaryExpr) exprNode()      {}
func (*BinaryExpr) exprNode()     {}
func (*TernaryExpr) exprNode()    {}
func (*ParenExpr) exprNode()      {}
func (*PropertyAccess) exprNode() {}
func (*IndexExpr) exprNode()      {}
func (*ResourceAccess) exprNode() {}
func (*NonNullExpr) exprNode()    {}
func (*CallExpr) exprNode()       {}
func (*Lambda) exprNode()         {}
func (*ForExpr) exprNode()        {}
func (*IfExpr) exprNode()         {}
func (*BadExpr) exprNode()        {}

func (*IntLit) typeNode()         {}
func (*BoolLit) typeNode()        {}
func (*NullLit) typeNode()        {}
func (*StringLit) typeNode()      {}
func (*TypeRef) typeNode()        {}
func (*TypeProperty) typeNode()   {}
func (*TypeCall) typeNode()       {}
func (*TypeIndex) typeNode()      {}
func (*TypeItems) typeNode()      {}
func (*TypeAdditional) typeNode() {}
func (*ArrayType) typeNode()      {}
func (*NullableType) typeNode()   {}
func (*NonNullType) typeNode()    {}
func (*UnionType) typeNode()      {}
func (*ObjectType) typeNode()     {}
func (*TupleType) typeNode()      {}
func (*UnaryType) typeNode()      {}
func (*ParenType) typeNode()      {}
func (*ResourceType) typeNode()   {}
func (*BadType) typeNode()        {}

func (*Property) objectItem()     {}
func (*Spread) objectItem()       {}
func (*ResourceDecl) objectItem() {}
