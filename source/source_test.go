package source

import "testing"

func TestPosition(t *testing.T) {
	f := NewFile("a/main.json", []byte("ab\ncé d\n\nx"))
	tests := []struct {
		off  int
		want string
	}{
		{0, "a/main.json:1:1"},
		{2, "a/main.json:1:3"},
		{3, "a/main.json:2:1"},
		{6, "a/main.json:2:3"}, // after the two-byte é: column counts characters
		{7, "a/main.json:2:4"},
		{9, "a/main.json:3:1"},
		{10, "a/main.json:4:1"},
		{99, "a/main.json:4:2"}, // past the end clamps to the end
	}
	for _, tt := range tests {
		if got := f.Pos(tt.off).String(); got != tt.want {
			t.Errorf("offset %d: %s, want %s", tt.off, got, tt.want)
		}
	}
	if got := f.Whole().String(); got != "a/main.json" {
		t.Errorf("Whole() = %s, want the bare file name", got)
	}
	if got := (Pos{}).String(); got != "-" {
		t.Errorf("zero Pos = %q", got)
	}
	if f.LineStart(2) != 3 || f.LineStart(5) != -1 || f.LineCount() != 4 {
		t.Errorf("line table: start(2)=%d start(5)=%d count=%d", f.LineStart(2), f.LineStart(5), f.LineCount())
	}
}

func TestErrorList(t *testing.T) {
	a := NewFile("a.json", []byte("x\ny"))
	b := NewFile("b.json", []byte("z"))
	var l ErrorList
	if l.Err() != nil {
		t.Fatal("empty list is an error")
	}
	l.Add(b.Pos(0), "third")
	l.Add(a.Pos(2), "second")
	l.Add(a.Pos(0), "first %d", 1)
	l.Sort()
	if l[0].Message != "first 1" || l[2].Message != "third" {
		t.Errorf("sorted: %v", []string{l[0].Message, l[1].Message, l[2].Message})
	}
	if got := l.Error(); got != "a.json:1:1: first 1 (and 2 more errors)" {
		t.Errorf("Error() = %q", got)
	}
	e := &Error{Pos: a.Pos(2), Code: "X1", Message: "m"}
	if e.Error() != "a.json:2:1: X1 m" {
		t.Errorf("coded error = %q", e.Error())
	}
}
