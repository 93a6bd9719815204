// Package source holds the files azrule reads and positions inside them.
//
// A position is cheap to carry: a Pos is a file pointer and a byte offset.
// Line and column are worked out only when a position is shown to a person,
// from the file's line table, in the style of go/token.
package source

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// File is one input file: its name as the user should see it and its
// contents. It is safe for concurrent reads once created.
type File struct {
	// Name is the path shown in findings, relative to the scan root where
	// possible, always with forward slashes.
	Name string
	// Content is the raw bytes of the file.
	Content []byte
	lines   []int // offset of the first byte of each line
}

// NewFile returns a File for name with the given content and builds its
// line table.
func NewFile(name string, content []byte) *File {
	f := &File{Name: name, Content: content}
	f.lines = append(f.lines, 0)
	for i, b := range content {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// Pos returns the position of byte offset off in f.
func (f *File) Pos(off int) Pos { return Pos{File: f, Offset: off} }

// Whole returns the position that stands for the file as a whole, with no
// line: for problems such as "cannot read this file".
func (f *File) Whole() Pos { return Pos{File: f, Offset: -1} }

// LineCount is the number of lines in the file.
func (f *File) LineCount() int { return len(f.lines) }

// LineStart returns the offset of the first byte of 1-based line.
func (f *File) LineStart(line int) int {
	if line < 1 || line > len(f.lines) {
		return -1
	}
	return f.lines[line-1]
}

// Position resolves an offset to a line and column. Columns count
// characters (Unicode code points) from 1, which is what editors show.
func (f *File) Position(off int) Position {
	if off < 0 {
		return Position{File: f.Name}
	}
	if off > len(f.Content) {
		off = len(f.Content)
	}
	i := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	start := f.lines[i]
	col := utf8.RuneCount(f.Content[start:off]) + 1
	return Position{File: f.Name, Line: i + 1, Column: col}
}

// Pos is a place in a File. The zero Pos is "no position".
type Pos struct {
	File   *File
	Offset int
}

// IsValid reports whether p names a place in a file.
func (p Pos) IsValid() bool { return p.File != nil }

// Position resolves p for display. The zero Pos resolves to the zero
// Position.
func (p Pos) Position() Position {
	if p.File == nil {
		return Position{}
	}
	return p.File.Position(p.Offset)
}

// Add returns p moved n bytes forward in the same file.
func (p Pos) Add(n int) Pos {
	if p.File == nil {
		return p
	}
	return Pos{File: p.File, Offset: p.Offset + n}
}

// String renders p as file:line:col.
func (p Pos) String() string { return p.Position().String() }

// Position is a resolved place for people: file name, 1-based line and
// 1-based column.
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// IsValid reports whether the position has a line.
func (p Position) IsValid() bool { return p.Line > 0 }

// String renders file:line:col, or just the file when there is no line.
func (p Position) String() string {
	if !p.IsValid() {
		if p.File == "" {
			return "-"
		}
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Error is a problem at a position in the user's input, with a message the
// user can act on. Code is a short stable identifier (for example
// "JSON001") and may be empty.
type Error struct {
	Pos     Pos
	Code    string
	Message string
}

// Error renders "file:line:col: message".
func (e *Error) Error() string {
	if e.Code != "" {
		return fmt.Sprintf("%s: %s %s", e.Pos, e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Pos, e.Message)
}

// Errorf returns an *Error at pos.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Message: fmt.Sprintf(format, args...)}
}

// ErrorList is a list of positioned errors, in the order found.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Errorf(pos, format, args...))
}

// Err returns l as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error renders the first error and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Sort orders the list by file, then offset.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		an, bn := "", ""
		if a.File != nil {
			an = a.File.Name
		}
		if b.File != nil {
			bn = b.File.Name
		}
		if an != bn {
			return an < bn
		}
		return a.Offset < b.Offset
	})
}
