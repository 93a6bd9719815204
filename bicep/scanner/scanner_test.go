package scanner

import (
	"fmt"
	"strings"
	"testing"

	"github.com/azrule/azrule/bicep/token"
	"github.com/azrule/azrule/source"
)

// scanAll renders the tokens of src as kind:text pairs (NL for new lines).
func scanAll(src string) (string, *Scanner) {
	s := New(source.NewFile("t.bicep", []byte(src)))
	var out []string
	for i := 0; i < 10000; i++ {
		t := s.Scan()
		if t.Kind == token.EOF {
			break
		}
		switch t.Kind {
		case token.NewLine:
			out = append(out, "NL")
		case token.Identifier, token.Integer:
			out = append(out, t.Text)
		default:
			out = append(out, fmt.Sprintf("%s%q", short[t.Kind], t.Text))
		}
	}
	return strings.Join(out, " "), s
}

var short = map[token.Kind]string{
	token.StringComplete: "S", token.StringLeft: "SL", token.StringMiddle: "SM", token.StringRight: "SR",
	token.MultilineString: "M", token.MultilineLeft: "ML", token.MultilineMiddle: "MM", token.MultilineRight: "MR",
	token.Illegal: "ILLEGAL",
}

func TestScan(t *testing.T) {
	tests := []struct{ src, want string }{
		{"param x string", "param x string"},
		{"a\r\nb\n\nc", `a NL b NL c`},
		{"a // c\nb /* d\ne */ c", "a NL b c"},
		{"{}()[]@,.:;=?|^", `"{" "}" "(" ")" "[" "]" "@" "," "." ":" ";" "=" "?" "|" "^"`},
		{"... ?? :: => == != =~ !~ <= >= && || < > + - * / % !", `"..." "??" "::" "=>" "==" "!=" "=~" "!~" "<=" ">=" "&&" "||" "<" ">" "+" "-" "*" "/" "%" "!"`},
		{"a.?b a[?0] a[^1] a!", `a "." "?" b a "[" "?" 0 "]" a "[" "^" 1 "]" a "!"`},
		{"true false null", `"true" "false" "null"`},
		{"12345678901234567890123", "12345678901234567890123"},
		{"'abc'", `S"'abc'"`},
		{`'it\'s'`, `S"'it\\'s'"`},
		{"'a${b}c${d}e'", `SL"'a${" b SM"}c${" d SR"}e'"`},
		{"'${ {a: 1}.a }'", `SL"'${" "{" a ":" 1 "}" "." a SR"}'"`},
		{"'${'${x}'}'", `SL"'${" SL"'${" x SR"}'" SR"}'"`},
		{"'$notahole ${x}'", `SL"'$notahole ${" x SR"}'"`},
		{"'''a\n'b'\n'''", `M"'''a\n'b'\n'''"`},
		{"'''a''''", `M"'''a''''"`},
		{"$'''a${b}c'''", `ML"$'''a${" b MR"}c'''"`},
		{"$$'''${a}$${b}'''", `ML"$$'''${a}$${" b MR"}'''"`},
		{"x $ y", `x ILLEGAL"$" y`},
		{"\uFEFFparam", "param"},
		{"é", `ILLEGAL"é"`},
	}
	for _, tt := range tests {
		got, _ := scanAll(tt.src)
		if got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestScanErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"'abc", "1:1 BCP003"},
		{"'abc\nx", "1:1 BCP004"},
		{`'a\q'`, "1:3 BCP006"},
		{`'a\u{110000}'`, "1:3 BCP006"},
		{`'a\u41'`, "1:3 BCP006"},
		{`'a\`, "1:3 BCP005"},
		{"'''abc", "1:1 BCP140"},
		{"/* abc", "1:1 BCP002"},
		{"\"x\"", "1:1 BCP103|1:3 BCP103"},
		{"a & b", "1:3 BCP001"},
		{"'${a\nb'", "1:5 BCP004|2:2 BCP003"},
		{"#disable-next-line\n", "1:19 BCP226"},
		{"#disable-next-line   \n", "1:22 BCP226"},
		{strings.Repeat("a", 256), "1:1 BCP024"},
	}
	for _, tt := range tests {
		_, s := scanAll(tt.src)
		var got []string
		for _, e := range s.Errors {
			p := e.Pos.Position()
			got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Column, e.Code))
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q: got %q want %q", tt.src, got, tt.want)
		}
	}
}

func TestStringValue(t *testing.T) {
	tests := []struct {
		kind      token.Kind
		text, val string
		ok        bool
	}{
		{token.StringComplete, `'a\n\r\t\\\'\$b'`, "a\n\r\t\\'$b", true},
		{token.StringComplete, `'\u{1F600}\u{41}'`, "\U0001F600A", true},
		{token.StringComplete, `'\u{0000000041}'`, "A", true},
		// A surrogate pair written as two escapes is one character; a
		// lone surrogate cannot be UTF-8 and becomes U+FFFD.
		{token.StringComplete, `'\u{D801}\u{DC37}'`, "\U00010437", true},
		{token.StringComplete, `'\u{D801}x'`, "\uFFFDx", true},
		{token.StringComplete, `'\u{DC37}\u{D801}'`, "\uFFFD\uFFFD", true},
		{token.StringLeft, `'pre${`, "pre", true},
		{token.StringMiddle, `}mid${`, "mid", true},
		{token.StringRight, `}post'`, "post", true},
		{token.StringComplete, `'bad\q'`, "", false},
		{token.StringComplete, `'open`, "", false},
	}
	for _, tt := range tests {
		v, ok := StringValue(tt.kind, tt.text)
		if v != tt.val || ok != tt.ok {
			t.Errorf("%s: got %q,%v want %q,%v", tt.text, v, ok, tt.val, tt.ok)
		}
	}
	ml := []struct {
		kind    token.Kind
		text    string
		dollars int
		val     string
	}{
		{token.MultilineString, "'''\r\nabc\n'''", 0, "abc\n"},
		{token.MultilineString, "'''\nabc'''", 0, "abc"},
		// CRLF line ends inside the value are kept; only the line break
		// after the opening quotes is dropped (\r, \n or \r\n, as
		// Bicep's lexer strips it).
		{token.MultilineString, "'''\r\na\r\nb\r\n'''", 0, "a\r\nb\r\n"},
		{token.MultilineString, "'''\ra'''", 0, "a"},
		{token.MultilineString, "'''\n\r\na'''", 0, "\r\na"},
		{token.MultilineLeft, "$'''\r\nx\r\n${", 1, "x\r\n"},
		{token.MultilineMiddle, "}\r\ny${", 1, "\r\ny"},
		{token.MultilineRight, "}\r\nz\r\n'''", 1, "\r\nz\r\n"},
		{token.MultilineString, "''''''", 0, ""},
		{token.MultilineString, "'''a''''", 0, "a'"},
		{token.MultilineLeft, "$$'''\nx$${", 2, "x"},
		{token.MultilineMiddle, "}y$${", 2, "y"},
		{token.MultilineRight, "}z'''", 2, "z"},
	}
	for _, tt := range ml {
		v, ok := MultilineValue(tt.kind, tt.text, tt.dollars)
		if v != tt.val || !ok {
			t.Errorf("%q: got %q,%v want %q", tt.text, v, ok, tt.val)
		}
	}
}

// TestPositions checks that token positions cover their text exactly.
func TestTokenPositions(t *testing.T) {
	src := "var x = 'a${b}'\n  // c\n  y"
	s := New(source.NewFile("t.bicep", []byte(src)))
	for {
		tok := s.Scan()
		if src[tok.Pos.Offset:tok.End.Offset] != tok.Text {
			t.Errorf("%v: span %q != text %q", tok.Kind, src[tok.Pos.Offset:tok.End.Offset], tok.Text)
		}
		if tok.Kind == token.EOF {
			if tok.Pos.Offset != len(src) {
				t.Errorf("EOF at %d", tok.Pos.Offset)
			}
			break
		}
		if tok.Text == "y" && tok.Pos.Position().String() != "t.bicep:3:3" {
			t.Errorf("y at %s", tok.Pos.Position())
		}
	}
}
