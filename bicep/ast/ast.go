// Package ast declares the syntax tree of a Bicep or .bicepparam file.
//
// Every node knows its first byte (Pos) and the byte after its last one
// (End) as source.Pos values. Expressions (Expr) and type expressions
// (TypeExpr) are separate families, as in Bicep, except literals, which
// are both. The parser never leaves a required child nil: a missing part is
// a *BadExpr or *BadType, and a missing name is an *Ident with an empty
// Name; optional parts (a default value, an alias) are nil when absent.
package ast

import (
	"github.com/azrule/azrule/bicep/scanner"
	"github.com/azrule/azrule/bicep/token"
	"github.com/azrule/azrule/source"
)

// Node is any node of the tree.
type Node interface {
	Pos() source.Pos // first byte of the node
	End() source.Pos // byte just after the node
}

// Expr is a value expression.
type Expr interface {
	Node
	exprNode()
}

// TypeExpr is a type expression (after param x, in type x = ..., ...).
type TypeExpr interface {
	Node
	typeNode()
}

// Decl is a top-level declaration.
type Decl interface {
	Node
	Head() *DeclHead
}

// ObjectItem is an element of an object literal: *Property, *Spread or,
// in a resource body, a nested *ResourceDecl.
type ObjectItem interface {
	Node
	objectItem()
}

// File is a parsed file.
type File struct {
	File *source.File
	// Params is true for a .bicepparam file.
	Params bool
	Decls  []Decl
	// Comments and Directives are every comment and suppression directive
	// (#disable-next-line, #disable-diagnostics, #restore-diagnostics), in
	// source order.
	Comments   []*scanner.Comment
	Directives []*scanner.Directive
	EOF        source.Pos
}

// Pos is the start of the file.
func (f *File) Pos() source.Pos { return f.File.Pos(0) }

// End is the end of the file.
func (f *File) End() source.Pos { return f.EOF }

// ---------------------------------------------------------------------------
// Names and literals

// Ident is a name. Name is empty when the name was missing (the parser has
// reported an error at NamePos).
type Ident struct {
	NamePos source.Pos
	Name    string
}

// IntLit is an integer literal. Text is kept as written, so integers of any
// size survive; Value holds it when it fits in a uint64 (Overflow is false).
type IntLit struct {
	ValuePos source.Pos
	Text     string
	Value    uint64
	Overflow bool
}

// BoolLit is true or false.
type BoolLit struct {
	ValuePos source.Pos
	Value    bool
}

// NullLit is null.
type NullLit struct {
	ValuePos source.Pos
}

// StringLit is a string, possibly interpolated: Parts has one more element
// than Exprs and the value is Parts[0] + Exprs[0] + Parts[1] + ... Parts
// are decoded (escapes applied). PartPos[i] is where the raw text of
// Parts[i] starts (after the opening ' or }). A triple-quoted string has Multiline
// set, one part and no expressions.
type StringLit struct {
	From, To  source.Pos
	Parts     []string
	PartPos   []source.Pos
	Exprs     []Expr
	Multiline bool
}

// Value returns the string's value when it has no interpolation.
func (s *StringLit) Value() (string, bool) {
	if len(s.Exprs) != 0 || len(s.Parts) != 1 {
		return "", false
	}
	return s.Parts[0], true
}

// ---------------------------------------------------------------------------
// Composite expressions

// ArrayLit is [a, b] or a multi-line array. Items may include *Spread.
type ArrayLit struct {
	Lbrack, Rbrack source.Pos
	Items          []Expr
}

// ObjectLit is {k: v} or a multi-line object.
type ObjectLit struct {
	Lbrace, Rbrace source.Pos
	Items          []ObjectItem
}

// Property is key: value in an object. Key is an *Ident or a *StringLit
// (which may be interpolated).
type Property struct {
	Key   Expr
	Colon source.Pos
	Value Expr
}

// Spread is ...x in an array or object.
type Spread struct {
	Ellipsis source.Pos
	X        Expr
}

// UnaryExpr is !x or -x.
type UnaryExpr struct {
	OpPos source.Pos
	Op    token.Kind
	X     Expr
}

// BinaryExpr is x op y.
type BinaryExpr struct {
	X     Expr
	OpPos source.Pos
	Op    token.Kind
	Y     Expr
}

// TernaryExpr is cond ? then : else.
type TernaryExpr struct {
	Cond, Then, Else Expr
	Question, Colon  source.Pos
}

// ParenExpr is (x).
type ParenExpr struct {
	Lparen, Rparen source.Pos
	X              Expr
}

// PropertyAccess is x.name, or x.?name when Safe.
type PropertyAccess struct {
	X    Expr
	Dot  source.Pos
	Safe bool
	Name *Ident
}

// IndexExpr is x[i]; x[?i] when Safe; x[^i] (from the end) when FromEnd.
type IndexExpr struct {
	X              Expr
	Lbrack, Rbrack source.Pos
	Safe, FromEnd  bool
	Index          Expr
}

// ResourceAccess is parent::child.
type ResourceAccess struct {
	X    Expr
	Name *Ident
}

// NonNullExpr is the postfix non-null assertion x!.
type NonNullExpr struct {
	X    Expr
	Bang source.Pos
}

// CallExpr is name(args) or, with Recv, recv.name(args) (a namespaced
// call such as sys.concat(...) or az.resourceGroup(), or a method call on a
// resource such as kv.getSecret('x')).
type CallExpr struct {
	Recv           Expr
	Name           *Ident
	Lparen, Rparen source.Pos
	Args           []Expr
}

// LambdaParam is one parameter of a lambda; Type is set only in func
// declarations.
type LambdaParam struct {
	Name *Ident
	Type TypeExpr
}

// Lambda is x => body, (x, y) => body, or in a func declaration the typed
// form (x int, y string) string => body. Lparen is invalid for x => body.
type Lambda struct {
	Lparen, Rparen source.Pos
	Params         []*LambdaParam
	ReturnType     TypeExpr
	Arrow          source.Pos
	Body           Expr
}

// ForExpr is [for item in iterable: body] or [for (item, index) in
// iterable: body]. Index is nil in the first form. In a resource or module
// loop the body may be an *IfExpr (a filter).
type ForExpr struct {
	Lbrack, Rbrack source.Pos
	Item           *Ident
	Index          *Ident
	Iterable       Expr
	Body           Expr
}

// IfExpr is the condition of a resource or module: if (cond) { body }.
type IfExpr struct {
	If   source.Pos
	Cond Expr
	Body Expr // an *ObjectLit, or *BadExpr
}

// BadExpr stands for an expression that could not be parsed.
type BadExpr struct {
	From, To source.Pos
}

// ---------------------------------------------------------------------------
// Type expressions

// TypeRef names a type: string, myType, or (with TypeProperty) sys.int.
type TypeRef struct {
	Name *Ident
}

// TypeProperty is x.name in a type: a namespaced type or a property type.
type TypeProperty struct {
	X    TypeExpr
	Dot  source.Pos
	Name *Ident
}

// TypeCall is a parameterized type such as resourceInput<'T@v'>.properties
// (the TypeCall is resourceInput<'T@v'>), or with Recv sys.resource<...>.
type TypeCall struct {
	Recv   TypeExpr
	Name   *Ident
	Lt, Gt source.Pos
	Args   []TypeExpr
}

// TypeIndex is x[0] in a type (a tuple element).
type TypeIndex struct {
	X              TypeExpr
	Lbrack, Rbrack source.Pos
	Index          Expr
}

// TypeItems is x[*], the element type of an array type.
type TypeItems struct {
	X              TypeExpr
	Lbrack, Rbrack source.Pos
}

// TypeAdditional is x.*, the additional-properties type of an object type.
type TypeAdditional struct {
	X         TypeExpr
	Dot, Star source.Pos
}

// ArrayType is elem[].
type ArrayType struct {
	Elem           TypeExpr
	Lbrack, Rbrack source.Pos
}

// NullableType is x?.
type NullableType struct {
	X        TypeExpr
	Question source.Pos
}

// NonNullType is x!.
type NonNullType struct {
	X    TypeExpr
	Bang source.Pos
}

// UnionType is a | b | c. From is the leading | when written.
type UnionType struct {
	From    source.Pos
	Members []TypeExpr
}

// ObjectType is { name: type ... }.
type ObjectType struct {
	Lbrace, Rbrace source.Pos
	Props          []*ObjectTypeProperty
}

// ObjectTypeProperty is one property of an object type. For *: type (the
// additional-properties type) Key is nil and Star is set.
type ObjectTypeProperty struct {
	Decorators []*Decorator
	Key        Expr // *Ident or *StringLit; nil for *
	Star       source.Pos
	Colon      source.Pos
	Value      TypeExpr
}

// TupleType is [type, type].
type TupleType struct {
	Lbrack, Rbrack source.Pos
	Items          []*TupleItem
}

// TupleItem is one element of a tuple type.
type TupleItem struct {
	Decorators []*Decorator
	Type       TypeExpr
}

// UnaryType is -10 or !true used as a literal type.
type UnaryType struct {
	OpPos source.Pos
	Op    token.Kind
	X     TypeExpr
}

// ParenType is (type).
type ParenType struct {
	Lparen, Rparen source.Pos
	X              TypeExpr
}

// ResourceType is resource 'Type@version' as a parameter or output type.
// TypeString is nil for an output declared just as resource.
type ResourceType struct {
	Keyword    source.Pos
	TypeString *StringLit
}

// BadType stands for a type expression that could not be parsed.
type BadType struct {
	From, To source.Pos
}

// ---------------------------------------------------------------------------
// Declarations

// Decorator is @expr before a declaration, an object type property or a
// tuple item. X is an *Ident, a *CallExpr or a *PropertyAccess chain.
type Decorator struct {
	At source.Pos
	X  Expr
}

// Name returns the decorator's name and namespace ("" when none):
// @sys.description('x') gives ("sys", "description").
func (d *Decorator) Name() (namespace, name string) {
	switch x := d.X.(type) {
	case *Ident:
		return "", x.Name
	case *CallExpr:
		if r, ok := x.Recv.(*Ident); ok {
			return r.Name, x.Name.Name
		}
		return "", x.Name.Name
	case *PropertyAccess:
		if r, ok := x.X.(*Ident); ok {
			return r.Name, x.Name.Name
		}
	}
	return "", ""
}

// Args returns the decorator's call arguments, or nil.
func (d *Decorator) Args() []Expr {
	if c, ok := d.X.(*CallExpr); ok {
		return c.Args
	}
	return nil
}

// DeclHead holds what every declaration has: its decorators, where its
// keyword is, and where it ends.
type DeclHead struct {
	Decorators []*Decorator
	Keyword    source.Pos
	To         source.Pos
}

// Head returns h itself; it lets code reach the common fields of any Decl.
func (h *DeclHead) Head() *DeclHead { return h }

// Pos is the first decorator or else the keyword.
func (h *DeclHead) Pos() source.Pos {
	if len(h.Decorators) > 0 {
		return h.Decorators[0].At
	}
	return h.Keyword
}

// End is the byte after the declaration's last token.
func (h *DeclHead) End() source.Pos { return h.To }

// Decorator returns the first decorator with the given name, namespace
// ignored, or nil.
func (h *DeclHead) Decorator(name string) *Decorator {
	for _, d := range h.Decorators {
		if _, n := d.Name(); n == name {
			return d
		}
	}
	return nil
}

// TargetScopeDecl is targetScope = value.
type TargetScopeDecl struct {
	DeclHead
	Value Expr
}

// MetadataDecl is metadata name = value.
type MetadataDecl struct {
	DeclHead
	Name  *Ident
	Value Expr
}

// ParamDecl is param name type [= default] in a .bicep file.
type ParamDecl struct {
	DeclHead
	Name    *Ident
	Type    TypeExpr
	Default Expr // nil when there is no default
}

// ParamAssign is param name = value in a .bicepparam file.
type ParamAssign struct {
	DeclHead
	Name  *Ident
	Value Expr
}

// VarDecl is var name [type] = value.
type VarDecl struct {
	DeclHead
	Name  *Ident
	Type  TypeExpr // nil when untyped
	Value Expr
}

// TypeDecl is type name = type.
type TypeDecl struct {
	DeclHead
	Name *Ident
	Type TypeExpr
}

// FuncDecl is func name(params) returnType => body.
type FuncDecl struct {
	DeclHead
	Name   *Ident
	Lambda *Lambda
}

// ResourceDecl is resource name 'Type@version' [existing] = body, where
// body is an *ObjectLit, an *IfExpr or a *ForExpr. It is also an object
// item when nested in its parent's body.
type ResourceDecl struct {
	DeclHead
	Name        *Ident
	TypeString  *StringLit
	Existing    bool
	ExistingPos source.Pos
	Value       Expr
}

// ModuleDecl is module name 'path' = body (an *ObjectLit, *IfExpr or
// *ForExpr). Path may be a local path or a br:, br/alias:, ts: or
// ts/alias: reference.
type ModuleDecl struct {
	DeclHead
	Name  *Ident
	Path  *StringLit
	Value Expr
}

// TestDecl is test name 'path' = { ... } (experimental test framework).
type TestDecl struct {
	DeclHead
	Name  *Ident
	Path  *StringLit
	Value Expr
}

// OutputDecl is output name type = value.
type OutputDecl struct {
	DeclHead
	Name  *Ident
	Type  TypeExpr
	Value Expr
}

// ImportSymbol is one item of import { a, b as c }. Name is an *Ident or
// a *StringLit (for names that are not identifiers, which then need an
// alias).
type ImportSymbol struct {
	Name  Expr
	Alias *Ident
}

// ImportDecl is import { a, b as c } from 'path' or import * as ns from
// 'path'. Wildcard is the namespace alias of the second form.
type ImportDecl struct {
	DeclHead
	Symbols  []*ImportSymbol
	Wildcard *Ident
	From     *StringLit
}

// ExtensionDecl is extension spec [with {config}] [as alias]. Spec is an
// *Ident (az, kubernetes) or a *StringLit ('br:...:1.0'). KeywordText is
// "extension", or the older "provider" or "import" spelling.
type ExtensionDecl struct {
	DeclHead
	KeywordText string
	Spec        Expr
	Config      Expr // an *ObjectLit or nil
	Alias       *Ident
}

// ExtensionConfigDecl is extensionConfig name with { ... } in a
// .bicepparam file.
type ExtensionConfigDecl struct {
	DeclHead
	Name   *Ident
	Config Expr
}

// AssertDecl is assert name = condition (experimental).
type AssertDecl struct {
	DeclHead
	Name  *Ident
	Value Expr
}

// UsingDecl is using 'path' [with {config}] or using none, in a
// .bicepparam file.
type UsingDecl struct {
	DeclHead
	Path   *StringLit // nil for using none
	None   bool
	Config Expr // an *ObjectLit or nil
}

// ExtendsDecl is extends 'base.bicepparam'.
type ExtendsDecl struct {
	DeclHead
	Path *StringLit
}

// BadDecl stands for a declaration that could not be parsed, including
// decorators with no declaration after them.
type BadDecl struct {
	DeclHead
}
