// Package expr parses the ARM template expression language: the text
// between the brackets of a string such as "[concat('a', parameters('b'))]".
//
// The grammar is small: string literals in single quotes (” escapes a
// quote), integer literals (optionally negative), function calls with an
// optional namespace (ns.fn(...)), property access (.name), indexing
// ([expr]), and the bare words true, false and null, which ARM tolerates.
// There are no operators. In EBNF:
//
//	template   = "[" expr "]" .
//	expr       = primary { "." name | "[" expr "]" } .
//	primary    = string | integer | "true" | "false" | "null" | call .
//	call       = [ name "." ] name "(" [ expr { "," expr } ] ")" .
//	string     = "'" { char | "''" } "'" .
//	integer    = [ "-" | "+" ] digit { digit } .
//	name       = letter { letter | digit | "_" | "$" | "-" } .
//
// White space may appear between tokens.
//
// Every node records byte offsets relative to the text given to Parse, so
// a parsed tree does not depend on where the text was found and can be
// cached by text and shared between goroutines: the tree is immutable.
package expr

// Node is a node of the expression tree.
type Node interface {
	// Pos is the byte offset of the node's first character in the text.
	Pos() int
	// End is the byte offset just past the node's last character.
	End() int
}

// String is a string literal. Value has the ” escapes resolved.
type String struct {
	Off, EndOff int
	Value       string
}

// Int is an integer literal.
type Int struct {
	Off, EndOff int
	Value       int64
}

// Bool is a bare true or false.
type Bool struct {
	Off, EndOff int
	Value       bool
}

// Null is a bare null.
type Null struct {
	Off, EndOff int
}

// Call is a function call: Name(Args...), or Namespace.Name(Args...) for a
// user-defined function.
type Call struct {
	Off       int // of the namespace or name
	Namespace string
	Name      string
	NameOff   int // of Name
	Args      []Node
	Rparen    int // offset of ')'
}

// Property is X.Name.
type Property struct {
	X       Node
	Dot     int // offset of '.'
	Name    string
	NameOff int
}

// Index is X[Index].
type Index struct {
	X      Node
	Lbrack int
	Index  Node
	Rbrack int
}

// Pos implements Node.
func (n *String) Pos() int { return n.Off }

// End implements Node.
func (n *String) End() int { return n.EndOff }

// Pos implements Node.
func (n *Int) Pos() int { return n.Off }

// End implements Node.
func (n *Int) End() int { return n.EndOff }

// Pos implements Node.
func (n *Bool) Pos() int { return n.Off }

// End implements Node.
func (n *Bool) End() int { return n.EndOff }

// Pos implements Node.
func (n *Null) Pos() int { return n.Off }

// End implements Node.
func (n *Null) End() int { return n.EndOff }

// Pos implements Node.
func (n *Call) Pos() int { return n.Off }

// End implements Node.
func (n *Call) End() int { return n.Rparen + 1 }

// FullName is "Namespace.Name", or Name when there is no namespace.
func (n *Call) FullName() string {
	if n.Namespace == "" {
		return n.Name
	}
	return n.Namespace + "." + n.Name
}

// Pos implements Node.
func (n *Property) Pos() int { return n.X.Pos() }

// End implements Node.
func (n *Property) End() int { return n.NameOff + len(n.Name) }

// Pos implements Node.
func (n *Index) Pos() int { return n.X.Pos() }

// End implements Node.
func (n *Index) End() int { return n.Rbrack + 1 }
