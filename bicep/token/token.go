// Package token defines the lexical tokens of the Bicep language and the
// operator precedence table the parser uses.
//
// The token set follows the Bicep compiler's lexer: strings are split into
// pieces around interpolation holes ('a${ is a left piece, }b${ a middle
// piece, }c' a right piece), and newlines are tokens because Bicep is
// newline sensitive.
package token

import "github.com/azrule/azrule/source"

// Kind is the kind of a token.
type Kind uint8

// The token kinds.
const (
	Illegal Kind = iota // a character sequence that is not a token (BCP001)
	EOF
	NewLine

	Identifier
	Integer
	StringComplete  // 'abc'
	StringLeft      // 'abc${
	StringMiddle    // }abc${
	StringRight     // }abc'
	MultilineString // '''abc''' or $'''abc''' (no holes)
	MultilineLeft   // $'''abc${ (k dollars open a hole in a $...$''' string)
	MultilineMiddle // }abc${
	MultilineRight  // }abc'''

	True
	False
	Null

	LBrace      // {
	RBrace      // }
	LParen      // (
	RParen      // )
	LBrack      // [
	RBrack      // ]
	At          // @
	Comma       // ,
	Dot         // .
	Ellipsis    // ...
	Question    // ?
	Coalesce    // ??
	Colon       // :
	DoubleColon // ::
	Semicolon   // ;
	Assign      // =
	Arrow       // =>
	Pipe        // |
	Hat         // ^

	// Operators. Keep them together: IsOperator relies on the range.
	Plus         // +
	Minus        // -
	Asterisk     // *
	Slash        // /
	Percent      // %
	Not          // !
	Equal        // ==
	NotEqual     // !=
	EqualI       // =~
	NotEqualI    // !~
	Less         // <
	LessEqual    // <=
	Greater      // >
	GreaterEqual // >=
	And          // &&
	Or           // ||
	kindCount
)

var kindNames = [...]string{
	Illegal:         "illegal token",
	EOF:             "end of file",
	NewLine:         "new line",
	Identifier:      "identifier",
	Integer:         "integer",
	StringComplete:  "string",
	StringLeft:      "string",
	StringMiddle:    "string",
	StringRight:     "string",
	MultilineString: "multi-line string",
	MultilineLeft:   "multi-line string",
	MultilineMiddle: "multi-line string",
	MultilineRight:  "multi-line string",
	True:            "true",
	False:           "false",
	Null:            "null",
	LBrace:          "{",
	RBrace:          "}",
	LParen:          "(",
	RParen:          ")",
	LBrack:          "[",
	RBrack:          "]",
	At:              "@",
	Comma:           ",",
	Dot:             ".",
	Ellipsis:        "...",
	Question:        "?",
	Coalesce:        "??",
	Colon:           ":",
	DoubleColon:     "::",
	Semicolon:       ";",
	Assign:          "=",
	Arrow:           "=>",
	Pipe:            "|",
	Hat:             "^",
	Plus:            "+",
	Minus:           "-",
	Asterisk:        "*",
	Slash:           "/",
	Percent:         "%",
	Not:             "!",
	Equal:           "==",
	NotEqual:        "!=",
	EqualI:          "=~",
	NotEqualI:       "!~",
	Less:            "<",
	LessEqual:       "<=",
	Greater:         ">",
	GreaterEqual:    ">=",
	And:             "&&",
	Or:              "||",
}

// String returns the source text of punctuation and operator kinds and a
// short description of the others.
func (k Kind) String() string {
	if k < kindCount {
		return kindNames[k]
	}
	return "unknown token"
}

// IsString reports whether k is one of the single-line string pieces.
func (k Kind) IsString() bool { return k >= StringComplete && k <= StringRight }

// Token is one lexical token. Pos is its first byte and End the byte after
// it; Text is the source text (for strings, including quotes and the
// interpolation delimiters).
type Token struct {
	Kind Kind
	Pos  source.Pos
	End  source.Pos
	Text string
}

// Binary operator precedences, highest binds tightest. They match the Bicep
// compiler: all binary operators are left-associative; the ternary ?: binds
// loosest and is right-associative.
const (
	PrecLowest         = 0
	PrecCoalesce       = 30
	PrecOr             = 40
	PrecAnd            = 50
	PrecEquality       = 70
	PrecRelational     = 80
	PrecAdditive       = 90
	PrecMultiplicative = 100
)

// Precedence returns the binary operator precedence of k, or -1 when k is
// not a binary operator.
func (k Kind) Precedence() int {
	switch k {
	case Asterisk, Slash, Percent:
		return PrecMultiplicative
	case Plus, Minus:
		return PrecAdditive
	case Less, LessEqual, Greater, GreaterEqual:
		return PrecRelational
	case Equal, NotEqual, EqualI, NotEqualI:
		return PrecEquality
	case And:
		return PrecAnd
	case Or:
		return PrecOr
	case Coalesce:
		return PrecCoalesce
	}
	return -1
}

// IsUnary reports whether k can start a unary operation (! and -).
func (k Kind) IsUnary() bool { return k == Not || k == Minus }

// Declaration keywords. They are identifiers to the lexer; the parser treats
// them as keywords where a declaration may start.
var declarationKeywords = map[string]bool{
	"metadata": true, "targetScope": true, "import": true, "extension": true,
	"provider": true, "param": true, "var": true, "resource": true,
	"output": true, "module": true, "type": true, "func": true, "test": true,
	"assert": true, "using": true, "extends": true, "extensionConfig": true,
}

// IsDeclarationKeyword reports whether s starts a declaration.
func IsDeclarationKeyword(s string) bool { return declarationKeywords[s] }

// MaxIdentifierLength is the longest identifier Bicep accepts (BCP024).
const MaxIdentifierLength = 255
