package token

import "testing"

func TestKindStrings(t *testing.T) {
	for k := Kind(0); k < kindCount; k++ {
		if k.String() == "" {
			t.Errorf("kind %d has no name", k)
		}
	}
	if Kind(250).String() != "unknown token" {
		t.Error("out-of-range kind")
	}
}

// TestPrecedence pins Bicep's table: * / % > + - > comparisons >
// equality > && > || > ??, and non-operators are -1.
func TestPrecedence(t *testing.T) {
	order := [][]Kind{
		{Asterisk, Slash, Percent},
		{Plus, Minus},
		{Less, LessEqual, Greater, GreaterEqual},
		{Equal, NotEqual, EqualI, NotEqualI},
		{And},
		{Or},
		{Coalesce},
	}
	prev := 1 << 30
	for _, group := range order {
		p := group[0].Precedence()
		for _, k := range group {
			if k.Precedence() != p {
				t.Errorf("%s: precedence %d, want %d like %s", k, k.Precedence(), p, group[0])
			}
		}
		if p >= prev || p <= PrecLowest {
			t.Errorf("%s: precedence %d out of order", group[0], p)
		}
		prev = p
	}
	for _, k := range []Kind{Not, Question, Colon, Assign, Arrow, Pipe, Identifier} {
		if k.Precedence() != -1 {
			t.Errorf("%s is not a binary operator", k)
		}
	}
}

func TestDeclarationKeywords(t *testing.T) {
	for _, kw := range []string{"param", "var", "resource", "module", "output", "type", "func", "import", "extension", "metadata", "targetScope", "using"} {
		if !IsDeclarationKeyword(kw) {
			t.Errorf("%s is a declaration keyword", kw)
		}
	}
	for _, s := range []string{"if", "for", "existing", "name", ""} {
		if IsDeclarationKeyword(s) {
			t.Errorf("%q is not a declaration keyword", s)
		}
	}
}
