package yamlvalue

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// show renders a value with the kind of every scalar, so that a test
// tells the string "1" from the number 1.
func show(v value.Value) string {
	switch v := v.(type) {
	case value.Null:
		return "null"
	case value.Bool:
		return "bool:" + strconv.FormatBool(v.V)
	case value.Int:
		return "int:" + strconv.FormatInt(v.V, 10)
	case value.Float:
		return "float:" + strconv.FormatFloat(v.V, 'g', -1, 64)
	case value.String:
		return "str:" + strconv.Quote(v.V)
	case *value.Array:
		var parts []string
		for _, e := range v.Elems {
			parts = append(parts, show(e))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case *value.Object:
		var parts []string
		for _, m := range v.Members() {
			parts = append(parts, m.Key+"="+show(m.Value))
		}
		return "{" + strings.Join(parts, " ") + "}"
	}
	return fmt.Sprintf("?%T", v)
}

// at renders a position as line:col.
func at(p source.Pos) string {
	q := p.Position()
	return fmt.Sprintf("%d:%d", q.Line, q.Column)
}

// decodeOne decodes a one-document file and fails the test on errors.
func decodeOne(t *testing.T, src string) value.Value {
	t.Helper()
	docs, errs := Decode(source.NewFile("t.yaml", []byte(src)))
	if len(errs) != 0 {
		t.Fatalf("%q: errors %v", src, errs)
	}
	if len(docs) != 1 {
		t.Fatalf("%q: %d documents", src, len(docs))
	}
	return docs[0].Value
}

func TestScalars(t *testing.T) {
	tests := []struct{ src, want string }{
		{"~", "null"},
		{"null", "null"},
		{"", "null"}, // handled as no document below
		{"true", "bool:true"},
		{"False", "bool:false"},
		{"yes", `str:"yes"`}, // YAML 1.2: not a boolean
		{"42", "int:42"},
		{"-7", "int:-7"},
		{"0x1F", "int:31"},
		{"0o17", "int:15"},
		{"9223372036854775807", "int:9223372036854775807"},
		{"18446744073709551615", "float:1.8446744073709552e+19"}, // past int64: a float
		{"123456789012345678901234567890", "float:1.2345678901234568e+29"},
		{"2.5", "float:2.5"},
		{"1e3", "float:1000"},
		{".inf", `str:".inf"`}, // no infinity in JSON
		{".nan", `str:".nan"`},
		{"2023_12", `str:"2023_12"`}, // YAML 1.1 digit separators stay text
		{"1_000.5", `str:"1_000.5"`},
		{"!!int 1_000", "int:1000"}, // an explicit tag is read as a number
		{"'42'", `str:"42"`},
		{`"true"`, `str:"true"`},
		{"2021-01-01", `str:"2021-01-01"`}, // timestamps stay text
		{"!!binary aGk=", `str:"aGk="`},
		{"!custom thing", `str:"thing"`},
		{"héllo wörld", `str:"héllo wörld"`},
		{"|\n  two\n  lines\n", `str:"two\nlines\n"`},
	}
	for _, tt := range tests {
		if tt.src == "" {
			docs, errs := Decode(source.NewFile("t.yaml", nil))
			if len(docs) != 0 || len(errs) != 0 {
				t.Errorf("empty file: %d documents, errors %v", len(docs), errs)
			}
			continue
		}
		if got := show(decodeOne(t, tt.src)); got != tt.want {
			t.Errorf("%q = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestCollections(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a: 1\nb: [x, 2]\n", `{a=int:1 b=[str:"x" int:2]}`},
		{"- a\n- {b: c}\n- []\n- {}\n", `[str:"a" {b=str:"c"} [] {}]`},
		{"a: 1\nA: 2\n", "{a=int:2}"},                           // keys match without regard to case; the later wins
		{"1: one\ntrue: yes\n", `{1=str:"one" true=str:"yes"}`}, // keys are text
		{"a:\n", "{a=null}"},
		// Aliases copy the anchored value.
		{"base: &b {x: 1}\nuse: *b\n", "{base={x=int:1} use={x=int:1}}"},
		{"k: &k name\n*k : v\n", `{k=str:"name" name=str:"v"}`}, // an alias as a key
		// Merge keys fill in what the mapping does not set, wherever the
		// merge is written, and the first mapping of a list wins.
		{"b: &b {x: 1, y: 2}\nm:\n  x: 0\n  <<: *b\n", "{b={x=int:1 y=int:2} m={x=int:0 y=int:2}}"},
		{"b: &b {x: 1, y: 2}\nm:\n  <<: *b\n  x: 0\n", "{b={x=int:1 y=int:2} m={x=int:0 y=int:2}}"},
		{"p: &p {x: 1}\nq: &q {x: 2, z: 3}\nm: {<<: [*p, *q]}\n", "{p={x=int:1} q={x=int:2 z=int:3} m={x=int:1 z=int:3}}"},
		{"m: {<<: {a: 1}, b: 2}\n", "{m={a=int:1 b=int:2}}"},
		// A merged mapping's own keys win over its own merges.
		{"a: &a {k: 1}\nb: &b {<<: *a, k: 2}\nc: {<<: *b}\n", "{a={k=int:1} b={k=int:2} c={k=int:2}}"},
		{"m: {'<<': 1}\n", "{m={<<=int:1}}"}, // a quoted "<<" is an ordinary key
	}
	for _, tt := range tests {
		if got := show(decodeOne(t, tt.src)); got != tt.want {
			t.Errorf("%q\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// TestPositions checks positions of values and keys, counted in
// characters on lines with multi-byte text and after a byte order mark.
func TestPositions(t *testing.T) {
	src := "\xef\xbb\xbfé: ü\nlist: [日本, x]\nbase: &b\n  k: v\nalias: *b\nm:\n  <<: *b\n"
	v := decodeOne(t, src)
	obj := v.(*value.Object)
	tests := []struct {
		name string
		pos  source.Pos
		want string
	}{
		{"list", mustGet(t, obj, "list").Pos(), "2:7"},
		{"x after 日本", mustGet(t, obj, "list").(*value.Array).Elems[1].Pos(), "2:12"},
		{"alias stands where written", mustGet(t, obj, "alias").Pos(), "5:8"},
		{"aliased member keeps its place", mustGet(t, mustGet(t, obj, "alias").(*value.Object), "k").Pos(), "4:6"},
		{"merged key keeps its place", mustMember(t, mustGet(t, obj, "m").(*value.Object), "k").KeyPos, "4:3"},
	}
	for _, tt := range tests {
		if got := at(tt.pos); got != tt.want {
			t.Errorf("%s at %s, want %s", tt.name, got, tt.want)
		}
	}
	// On the first line, after the byte order mark (which source counts as
	// a column and yaml.v3 does not), offsets are compared.
	offsets := []struct {
		name string
		pos  source.Pos
		want int
	}{
		{"root", obj.Pos(), 3},
		{"key é", mustMember(t, obj, "é").KeyPos, 3},
		{"value ü", mustGet(t, obj, "é").Pos(), strings.Index(src, "ü")},
	}
	for _, tt := range offsets {
		if tt.pos.Offset != tt.want {
			t.Errorf("%s at offset %d, want %d", tt.name, tt.pos.Offset, tt.want)
		}
	}
	// The offset is exact, not only the line and column.
	f := source.NewFile("t.yaml", []byte(src))
	if got, want := LineColPos(f, 2, 12).Offset, strings.Index(src, "x]"); got != want {
		t.Errorf("LineColPos offset %d, want %d", got, want)
	}
	if got := LineColPos(f, 99, 1).Offset; got != len(src) {
		t.Errorf("a line past the end is the end of the file, got offset %d", got)
	}
	if got, want := LineColPos(f, 1, 99).Offset, strings.Index(src, "\n"); got != want {
		t.Errorf("a column past the line is its end, got offset %d, want %d", got, want)
	}
}

func mustMember(t *testing.T, o *value.Object, k string) value.Member {
	t.Helper()
	m, ok := o.Member(k)
	if !ok {
		t.Fatalf("no member %q in %s", k, show(o))
	}
	return m
}

func mustGet(t *testing.T, o *value.Object, k string) value.Value {
	t.Helper()
	return mustMember(t, o, k).Value
}

func TestDocuments(t *testing.T) {
	src := "# Synopsis: first\na: 1\n---\n---\n- b\n---\nc\n"
	docs, errs := Decode(source.NewFile("t.yaml", []byte(src)))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, d := range docs {
		got = append(got, fmt.Sprintf("%s@%d", show(d.Value), d.Node.Line))
	}
	want := `{a=int:1}@2 null@4 [str:"b"]@5 str:"c"@7`
	if strings.Join(got, " ") != want {
		t.Errorf("documents %s, want %s", strings.Join(got, " "), want)
	}
	if c := docs[0].Node.Content[0].HeadComment; c != "# Synopsis: first" {
		t.Errorf("the first key keeps its comment, got %q", c)
	}
	if d, _ := Decode(source.NewFile("t.yaml", []byte("# Synopsis: doc\n\na: 1\n"))); d[0].Doc.HeadComment != "# Synopsis: doc" {
		t.Errorf("a comment set apart by a blank line is the document's, got %q", d[0].Doc.HeadComment)
	}
	roots, err := Options{MaxDocuments: 2}.Parse(source.NewFile("t.yaml", []byte(src)))
	if err != nil || len(roots) != 2 {
		t.Errorf("MaxDocuments 2: %d roots, %v", len(roots), err)
	}
	// The documents before a syntax error are kept, and the error ends
	// the list.
	docs, errs = Decode(source.NewFile("t.yaml", []byte("a: 1\n---\nb: [\n")))
	if len(docs) != 1 || len(errs) != 1 || errs[0].Code != CodeSyntax {
		t.Errorf("syntax error in the second document: %d documents, errors %v", len(docs), errs)
	}
}

func TestShapeErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"? [a]\n: b\n", "1:3 YAML002 a mapping key must be a plain value, not a list"},
		{"m: {<<: 1}\n", "1:9 YAML002 a '<<' merge takes a mapping or a list of mappings, not a number"},
		{"a: &a {x: 1}\nm: {<<: [*a, [2]]}\n", "2:14 YAML002 a '<<' merge takes a mapping or a list of mappings, not a list"},
	}
	for _, tt := range tests {
		_, errs := Decode(source.NewFile("t.yaml", []byte(tt.src)))
		var got []string
		for _, e := range errs {
			got = append(got, at(e.Pos)+" "+e.Code+" "+e.Message)
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestDuplicate(t *testing.T) {
	src := "a: &a {k: 1, K: 2}\nb: *a\nc: {<<: *a}\nk: 1\nk: 2\nk: 3\n"
	var got []string
	o := Options{Duplicate: func(key string, at2, first source.Pos) {
		got = append(got, fmt.Sprintf("%s %s first %s", key, at(at2), at(first)))
	}}
	docs, errs := o.Decode(source.NewFile("t.yaml", []byte(src)))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	// Each repeat once, though the anchored mapping is read three times.
	want := "K 1:14 first 1:8; k 5:1 first 4:1; k 6:1 first 4:1"
	if strings.Join(got, "; ") != want {
		t.Errorf("duplicates %q, want %q", strings.Join(got, "; "), want)
	}
	if s := show(docs[0].Value); !strings.HasSuffix(s, "k=int:3}") {
		t.Errorf("the last duplicate wins: %s", s)
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("[", 20) + strings.Repeat("]", 20)
	_, errs := Options{MaxDepth: 10}.Decode(source.NewFile("t.yaml", []byte("a: "+deep+"\nb: "+deep+"\n")))
	if len(errs) != 1 || errs[0].Code != CodeDepth || !strings.Contains(errs[0].Message, "nested more than 10 deep") || at(errs[0].Pos) != "1:14" {
		t.Errorf("depth: %v", errs)
	}
	// A billion laughs: ten aliases of ten aliases ... nine deep.
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	_, errs = Decode(source.NewFile("t.yaml", []byte(b.String())))
	if len(errs) != 1 || errs[0].Code != CodeSize || !strings.Contains(errs[0].Message, strconv.Itoa(DefaultMaxNodes)) {
		t.Errorf("alias bomb: %v", errs)
	}
	// An alias of a mapping inside itself, through a merge and directly.
	// The doubling merge would take 2^128 steps if merges were not counted.
	for _, src := range []string{"a: &a {<<: *a}\n", "a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a {<<: [*a, *a], b: 1}\n"} {
		_, errs = Decode(source.NewFile("t.yaml", []byte(src)))
		if len(errs) == 0 || len(errs) > 2 {
			t.Errorf("%q: want one report per limit, got %v", src, errs)
		}
		for _, e := range errs {
			if e.Code != CodeDepth && e.Code != CodeSize {
				t.Errorf("%q: %v", src, e)
			}
		}
	}
	// The default depth: a value may have DefaultMaxDepth collections
	// around it, not one more.
	nest := func(n int) string { return strings.Repeat("[", n) + "x" + strings.Repeat("]", n) }
	_, errs = Decode(source.NewFile("t.yaml", []byte(nest(DefaultMaxDepth+1))))
	if len(errs) != 1 || errs[0].Code != CodeDepth {
		t.Errorf("default depth: %v", errs)
	}
	_, errs = Decode(source.NewFile("t.yaml", []byte(nest(DefaultMaxDepth))))
	if len(errs) != 0 {
		t.Errorf("DefaultMaxDepth itself is allowed: %v", errs)
	}
}

// TestSyntaxErrors pins where each kind of yaml.v3 error is reported:
// parser errors, which yaml.v3 numbers from 0, and scanner errors, which
// it numbers from 1, including scanner messages that also read "did not
// find expected".
func TestSyntaxErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		// Parser: the line of the block or flow left open.
		{"input:\n  pathIgnore: [a\n", "2:1 invalid YAML: did not find expected ',' or ']'"},
		{"\napiVersion: x\nkind: Rule\nmetadata:\n  name: R\n spec: x\n", "2:1 invalid YAML: did not find expected key (check the indentation of this line and of the lines below it)"},
		{"a:\n  - b\n  c: d\n", "2:3 invalid YAML: did not find expected '-' indicator (check the indentation of this line and of the lines below it)"},
		{"a:\n  b: 1\n  - c\n", "2:3 invalid YAML: did not find expected key (check the indentation of this line and of the lines below it)"},
		// Parser, block opened on line 1: the line of the offending token.
		{"a: 1\n- b\n", "2:1 invalid YAML: did not find expected key (check the indentation of this line and of the lines below it)"},
		{"a: b\nc: !y!z d\n", "2:1 invalid YAML: found undefined tag handle"},
		{"a: 1\n---\nc: [d\n", "3:1 invalid YAML: did not find expected ',' or ']'"},
		// Scanner: the line as yaml.v3 prints it.
		{"a: b\nc: |x\n  t\n", "2:1 invalid YAML: did not find expected comment or line break"},
		{"a: b\nc: !<foo bar\n", "2:1 invalid YAML: did not find the expected '>'"},
		{"a: b\nc: \"\\q\"\n", "2:1 invalid YAML: found unknown escape character"},
		{"a: b\nc: d: e\n", "2:1 invalid YAML: mapping values are not allowed in this context"},
		// No line from yaml.v3: the first line, or the undefined alias.
		{"a: @x\n", "1:1 invalid YAML: found character that cannot start any token"},
		{"a: b\nc: [\"*nope\", *nope]\n", "2:14 invalid YAML: unknown anchor 'nope' referenced"},
	}
	for _, tt := range tests {
		_, errs := Decode(source.NewFile("t.yaml", []byte(tt.src)))
		if len(errs) != 1 {
			t.Errorf("%q: errors %v", tt.src, errs)
			continue
		}
		e := errs[0]
		if got := at(e.Pos) + " " + e.Message; got != tt.want || e.Code != CodeSyntax {
			t.Errorf("%q:\n got %s %s\nwant %s", tt.src, e.Code, got, tt.want)
		}
	}
}

func TestErrorPosOther(t *testing.T) {
	f := source.NewFile("t.yaml", []byte("a\nb\nc\n"))
	if got := at(ErrorPos(f, errors.New("yaml: line 3: found a tab character that violates indentation"))); got != "3:1" {
		t.Errorf("scanner line: %s", got)
	}
	if got := at(ErrorPos(f, errors.New("something else"))); got != "1:1" {
		t.Errorf("no line: %s", got)
	}
	if got := at(ErrorPos(f, errors.New("yaml: unknown anchor 'zz' referenced"))); got != "1:1" {
		t.Errorf("anchor not in the file: %s", got)
	}
}

func TestKindWord(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("[[a], {b: c}, ~, true, 1, 2.5, s, *x]"), &doc); err == nil {
		t.Fatal("an undefined alias must not parse")
	}
	if err := yaml.Unmarshal([]byte("[[a], {b: c}, ~, true, 1, 2.5, &x s, *x]"), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range doc.Content[0].Content {
		got = append(got, KindWord(n))
	}
	want := "a list, a mapping, null, true/false, a number, a number, a string, a string"
	if strings.Join(got, ", ") != want {
		t.Errorf("KindWord: %s", strings.Join(got, ", "))
	}
	if KindWord(nil) != "nothing" || !IsNull(nil) || IsNull(doc.Content[0].Content[6]) || !IsNull(doc.Content[0].Content[2]) {
		t.Error("nil and null nodes")
	}
	if Resolve(doc.Content[0].Content[7]) != doc.Content[0].Content[6] {
		t.Error("Resolve does not follow the alias")
	}
}

func TestConvertSubtree(t *testing.T) {
	f := source.NewFile("t.yaml", []byte("top:\n  inner: [1, 2]\n"))
	roots, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	v, errs := Convert(f, roots[0].Content[1])
	if len(errs) != 0 || show(v) != "{inner=[int:1 int:2]}" || at(v.Pos()) != "2:3" {
		t.Errorf("subtree: %s at %s, %v", show(v), at(v.Pos()), errs)
	}
	if v, errs := Convert(f, nil); len(errs) != 0 || show(v) != "null" {
		t.Errorf("nil node: %s %v", show(v), errs)
	}
}

// FuzzDecode feeds arbitrary text through parsing and conversion: nothing
// may panic, every error has a position inside the file, and every value
// has a position.
func FuzzDecode(f *testing.F) {
	f.Add("a: &a {b: *a}\n")
	f.Add("a: &a {<<: [*a, *a]}\n")
	f.Add("\xef\xbb\xbfé: [日本, {<<: {x: 1}}]\n---\n- 2023_12\n")
	f.Add("a: b\nc: |x\n")
	f.Add("? [a]\n: b\n*x: y\n")
	f.Fuzz(func(t *testing.T, src string) {
		file := source.NewFile("t.yaml", []byte(src))
		docs, errs := Options{MaxDepth: 20, MaxNodes: 5000}.Decode(file)
		for _, e := range errs {
			if !e.Pos.IsValid() || e.Pos.Offset < 0 || e.Pos.Offset > len(src) {
				t.Fatalf("error at %d of %d bytes: %v", e.Pos.Offset, len(src), e)
			}
		}
		for _, d := range docs {
			checkPos(t, d.Value, len(src))
			pc := &posCache{f: file}
			checkCache(t, file, pc, d.Node, false)
		}
	})
}

// checkCache compares the cached walk along lines with LineColPos, in the
// order the converter visits nodes (an alias jumps back to its anchor;
// aliases inside that copy are not followed, to keep the walk small).
func checkCache(t *testing.T, f *source.File, pc *posCache, n *yaml.Node, inAlias bool) {
	if n == nil {
		return
	}
	if got, want := pc.pos(n), LineColPos(f, n.Line, n.Column); got != want {
		t.Fatalf("node at %d:%d: cached offset %d, want %d", n.Line, n.Column, got.Offset, want.Offset)
	}
	for _, c := range n.Content {
		checkCache(t, f, pc, c, inAlias)
	}
	if n.Alias != nil && !inAlias {
		checkCache(t, f, pc, n.Alias, true)
	}
}

func checkPos(t *testing.T, v value.Value, size int) {
	if p := v.Pos(); !p.IsValid() || p.Offset < 0 || p.Offset > size {
		t.Fatalf("value %s at offset %d of %d bytes", show(v), p.Offset, size)
	}
	switch v := v.(type) {
	case *value.Array:
		for _, e := range v.Elems {
			checkPos(t, e, size)
		}
	case *value.Object:
		for _, m := range v.Members() {
			checkPos(t, m.Value, size)
		}
	}
}
