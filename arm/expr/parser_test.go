package expr

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"[concat('a', 'b')]", "concat('a', 'b')"},
		{"[ concat ( 'a' ,\n'b' ) ]", "concat('a', 'b')"},
		{"['it''s']", "'it''s'"},
		{"['']", "''"},
		{"[-12]", "-12"},
		{"[+3]", "3"},
		{"[add(1,-1)]", "add(1, -1)"},
		{"[true]", "true"},
		{"[FALSE]", "false"},
		{"[null]", "null"},
		{"[utcNow()]", "utcNow()"},
		{"[parameters('p').a.b]", "parameters('p').a.b"},
		{"[parameters('p')['a'][0].c]", "parameters('p')['a'][0].c"},
		{"[reference('x').outputs.my-output.value]", "reference('x').outputs.my-output.value"},
		{"[ns.fn(1, 'x')]", "ns.fn(1, 'x')"},
		{"[ns.fn(1).prop]", "ns.fn(1).prop"},
		{"[f(g(h()))[0]]", "f(g(h()))[0]"},
		{"[résumé('x')]", "résumé('x')"},
		{"[concat('[', ']')]", "concat('[', ']')"},
	}
	for _, tc := range cases {
		n, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := Format(n); got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
		// Formatting is canonical: it parses back to the same text.
		n2, err := ParseExpr(Format(n))
		if err != nil || Format(n2) != Format(n) {
			t.Errorf("round trip of %q: %v %v", tc.in, Format(n2), err)
		}
	}
}

func TestParseOffsets(t *testing.T) {
	n, err := Parse("[concat('a', parameters('b').c[1])]")
	if err != nil {
		t.Fatal(err)
	}
	c := n.(*Call)
	if c.Pos() != 1 || c.NameOff != 1 || c.End() != 34 {
		t.Errorf("call at %d..%d (name %d), want 1..34", c.Pos(), c.End(), c.NameOff)
	}
	s := c.Args[0].(*String)
	if s.Pos() != 8 || s.End() != 11 {
		t.Errorf("string at %d..%d, want 8..11", s.Pos(), s.End())
	}
	idx := c.Args[1].(*Index)
	if idx.Pos() != 13 || idx.Lbrack != 30 || idx.End() != 33 {
		t.Errorf("index at %d (lbrack %d) .. %d", idx.Pos(), idx.Lbrack, idx.End())
	}
	p := idx.X.(*Property)
	if p.Dot != 28 || p.NameOff != 29 || p.End() != 30 {
		t.Errorf("property dot %d name %d end %d", p.Dot, p.NameOff, p.End())
	}
	ns, err := Parse("[a.b(1)]")
	if err != nil {
		t.Fatal(err)
	}
	if c := ns.(*Call); c.Namespace != "a" || c.Name != "b" || c.Off != 1 || c.NameOff != 3 {
		t.Errorf("namespaced call: %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		in  string
		off int
		msg string
	}{
		{"[]", 1, "the expression is empty"},
		{"[   ]", 1, "the expression is empty"},
		{"plain", 0, "must be enclosed in '[' and ']'"},
		{"[concat('a']", 11, "expected ',' or ')' in the arguments of 'concat'"},
		{"[concat('a' 'b')]", 12, "expected ',' or ')'"},
		{"[concat('abc)]", 8, "unterminated string literal"},
		{"[concat]", 7, "expected '(' after the function name 'concat'"},
		{"[foo bar]", 5, "expected '(' after the function name 'foo'"},
		{"[f(1,)]", 5, "expected a function call, string or number, found ')'"},
		{"[f(,1)]", 3, "expected a function call, string or number, found ','"},
		{"[f() g()]", 5, "unexpected 'g' after the end of the expression"},
		{"[f().]", 5, "expected a property name after '.'"},
		{"[f().1]", 5, "expected a property name after '.', found number 1"},
		{"[f()[]]", 5, "expected an index or property name"},
		{"[f()[0]", 6, "expected ']' to close the index"},
		{"[f(1.5)]", 3, "no decimal literals"},
		{"[f(-)]", 3, "'-' must be followed by digits"},
		{"[f(#)]", 3, "unexpected character '#'"},
		{"[f(99999999999999999999)]", 3, "does not fit in 64 bits"},
		{"[f(\"x\")]", 3, "unexpected character '\"'"},
		{"[(1)]", 1, "expected a function call, string or number, found '('"},
	}
	for _, tc := range cases {
		_, err := Parse(tc.in)
		if err == nil {
			t.Errorf("Parse(%q): no error, want %q", tc.in, tc.msg)
			continue
		}
		if err.Offset != tc.off || !strings.Contains(err.Msg, tc.msg) {
			t.Errorf("Parse(%q): error at %d %q, want at %d containing %q", tc.in, err.Offset, err.Msg, tc.off, tc.msg)
		}
	}
}

func TestParseDepthLimit(t *testing.T) {
	deep := "[" + strings.Repeat("f(", MaxDepth+5) + strings.Repeat(")", MaxDepth+5) + "]"
	_, err := Parse(deep)
	if err == nil || !strings.Contains(err.Msg, "nested more than 256 levels") {
		t.Fatalf("deep nesting: %v", err)
	}
	ok := "[" + strings.Repeat("f(", MaxDepth-1) + strings.Repeat(")", MaxDepth-1) + "]"
	if _, err := Parse(ok); err != nil {
		t.Fatalf("nesting of %d: %v", MaxDepth-1, err)
	}
	idx := "[f()" + strings.Repeat("[f()", MaxDepth+1) + strings.Repeat("]", MaxDepth+1) + "]"
	if _, err := Parse(idx); err == nil {
		t.Fatal("deep index nesting accepted")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"[concat('a', parameters('b'))]",
		"[parameters('p').a['b'][0]]",
		"[ns.fn(1, -2, 'it''s', true, null)]",
		"[if(equals(1, 1), createArray(1, 2), createObject('a', 1))]",
		"[map(range(0, 3), lambda('i', add(lambdaVariables('i'), 1)))]",
		"[f(",
		"['unterminated]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			if err.Offset < 0 || err.Offset > len(s) {
				t.Fatalf("error offset %d outside [0,%d]", err.Offset, len(s))
			}
			return
		}
		if n.Pos() < 0 || n.End() > len(s) || n.Pos() > n.End() {
			t.Fatalf("node span %d..%d outside the text of length %d", n.Pos(), n.End(), len(s))
		}
		// What Format prints must parse to the same tree.
		text := Format(n)
		n2, err := ParseExpr(text)
		if err != nil {
			t.Fatalf("Format(%q) = %q does not parse: %v", s, text, err)
		}
		if Format(n2) != text {
			t.Fatalf("round trip of %q changed %q to %q", s, text, Format(n2))
		}
	})
}

func TestWalk(t *testing.T) {
	n, err := Parse("[concat(parameters('a'), variables('b')[0].c, if(true, 'x', ns.f(1)))]")
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	Walk(n, func(n Node) bool {
		if c, ok := n.(*Call); ok {
			calls = append(calls, c.FullName())
		}
		return true
	})
	if got := strings.Join(calls, " "); got != "concat parameters variables if ns.f" {
		t.Errorf("calls in source order: %s", got)
	}
	count := 0
	Walk(n, func(Node) bool { count++; return false })
	if count != 1 {
		t.Errorf("returning false must stop the descent; visited %d nodes", count)
	}
}
