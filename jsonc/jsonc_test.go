package jsonc

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

func parse(t *testing.T, src string) value.Value {
	t.Helper()
	v, err := Parse(source.NewFile("t.json", []byte(src)))
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return v
}

func TestParseValues(t *testing.T) {
	tests := []struct {
		src  string
		want string // compact JSON re-encoding
	}{
		{`null`, `null`},
		{`true`, `true`},
		{` false `, `false`},
		{`0`, `0`},
		{`-12`, `-12`},
		{`9223372036854775807`, `9223372036854775807`},
		{`9223372036854775808`, `9.223372036854776e+18`}, // too big for int64: a float
		{`1.5`, `1.5`},
		{`1e3`, `1000`},
		{`"a\"b\\c\/d\n\u00e9\ud83d\ude00"`, `"a\"b\\c/d\né😀"`},
		{`[1, 2, 3,]`, `[1,2,3]`},
		{`{"a": 1, "b": [true, null], }`, `{"a":1,"b":[true,null]}`},
		{"// comment\n{/* inline */\"a\" /* x */: 1 // trailing\n}", `{"a":1}`},
		{"\ufeff{\"bom\": true}", `{"bom":true}`},
		{`{"a": 1, "A": 2}`, `{"a":2}`}, // keys are case-insensitive; last wins, first spelling kept
		{"[]", "[]"},
		{"{}", "{}"},
	}
	for _, tt := range tests {
		v := parse(t, tt.src)
		if got := string(value.AppendJSON(nil, v)); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestIntAndFloatKinds(t *testing.T) {
	if _, ok := parse(t, "42").(value.Int); !ok {
		t.Error("42 is not an Int")
	}
	if _, ok := parse(t, "4.2").(value.Float); !ok {
		t.Error("4.2 is not a Float")
	}
	if _, ok := parse(t, "1e2").(value.Float); !ok {
		t.Error("1e2 is not a Float")
	}
}

func TestPositions(t *testing.T) {
	src := "{\n  \"identity\": {\n    \"type\": \"SystemAssigned\"\n  },\n  \"list\": [1, \"x\"]\n}"
	obj := parse(t, src).(*value.Object)
	id, _ := obj.Get("identity")
	typ, _ := id.(*value.Object).Get("type")
	if got := typ.Pos().String(); got != "t.json:3:13" {
		t.Errorf("identity.type value at %s, want t.json:3:13", got)
	}
	m, _ := id.(*value.Object).Member("TYPE")
	if got := m.KeyPos.String(); got != "t.json:3:5" {
		t.Errorf("identity.type key at %s, want t.json:3:5", got)
	}
	list, _ := obj.Get("list")
	if got := list.(*value.Array).Elems[1].Pos().String(); got != "t.json:5:15" {
		t.Errorf("list[1] at %s, want t.json:5:15", got)
	}
	if got := obj.Pos().String(); got != "t.json:1:1" {
		t.Errorf("root at %s, want t.json:1:1", got)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src, pos, msg string
	}{
		{``, "1:1", "empty"},
		{`{"a": 1`, "1:1", "object is not closed"},
		{`{"a" 1}`, "1:6", "expected ':'"},
		{`{"a": 1 "b": 2}`, "1:9", "expected ',' or '}'"},
		{"{\n  \"a\": tru\n}", "2:8", "unexpected 't'"},
		{`[1, 2`, "1:1", "array is not closed"},
		{`{'a': 1}`, "1:2", "property name in double quotes"},
		{`"abc`, "1:1", "string is not closed"},
		{`"a\qb"`, "1:3", "invalid escape"},
		{`{} {}`, "1:4", "after the end"},
		{`/* open`, "1:1", "block comment is not closed"},
		{`-`, "1:1", "invalid number"},
		{"{\"é\": x}", "1:7", "unexpected 'x'"}, // columns count characters, not bytes
	}
	for _, tt := range tests {
		_, err := Parse(source.NewFile("bad.json", []byte(tt.src)))
		if err == nil {
			t.Errorf("Parse(%q): no error", tt.src)
			continue
		}
		e := err.(*source.Error)
		if got := e.Pos.Position(); got.String() != "bad.json:"+tt.pos {
			t.Errorf("Parse(%q): error at %s, want bad.json:%s (%v)", tt.src, got, tt.pos, err)
		}
		if !strings.Contains(e.Message, tt.msg) {
			t.Errorf("Parse(%q): message %q does not contain %q", tt.src, e.Message, tt.msg)
		}
	}
}

func TestMaxDepth(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth+10) + strings.Repeat("]", MaxDepth+10)
	_, err := Parse(source.NewFile("deep.json", []byte(deep)))
	if err == nil || !strings.Contains(err.Error(), "nesting is deeper") {
		t.Fatalf("deep input: got %v, want a nesting error", err)
	}
	ok := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if _, err := Parse(source.NewFile("ok.json", []byte(ok))); err != nil {
		t.Fatalf("nesting at the limit: %v", err)
	}
}

func TestStringPos(t *testing.T) {
	src := `{"name": "[concat('a\\b', \u0027x')]"}`
	obj := parse(t, src).(*value.Object)
	v, _ := obj.Get("name")
	s := v.(value.String)
	// The decoded string is [concat('a\b', 'x')]; byte 15 is the quote
	// mark written as \u0027 in the file, after the two-byte escape \\.
	if s.V[15] != '\'' {
		t.Fatalf("decoded %q", s.V)
	}
	if got := StringPos(s, 15).Position().Column; got != 27 {
		t.Errorf("StringPos at byte 15 -> column %d, want 27", got)
	}
	if got := StringPos(s, 1).Position().Column; got != 12 {
		t.Errorf("StringPos at byte 1 -> column %d, want 12", got)
	}
}

func TestStringPosSurrogatePair(t *testing.T) {
	src := `["\ud83d\ude00[x]"]`
	v := parse(t, src).(*value.Array).Elems[0].(value.String)
	// Decoded: 4 bytes of emoji, then "[x]": byte 5 is 'x' at column 16.
	if v.V[5] != 'x' {
		t.Fatalf("decoded %q", v.V)
	}
	if got := StringPos(v, 5).Position().Column; got != 16 {
		t.Errorf("StringPos after a surrogate pair -> column %d, want 16", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{`{"a":[1,2,{"b":null}]}`, "// c\n[1,]", `"\u00e9"`, `{"a":`, `[1e5, -0.5]`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := Parse(source.NewFile("f.json", b))
		if err == nil && v == nil {
			t.Fatal("nil value without error")
		}
		if err != nil {
			_ = err.Error()
		}
	})
}

func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"resources": [`)
	for i := 0; i < 200; i++ {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString(`{"type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2023-04-01", "name": "[format('mlw-{0}', copyIndex())]", "identity": {"type": "UserAssigned"}, "properties": {"publicNetworkAccess": "Disabled", "n": 12.5, "b": true}}`)
	}
	sb.WriteString(`]}`)
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(source.NewFile("b.json", src)); err != nil {
			b.Fatal(err)
		}
	}
}
