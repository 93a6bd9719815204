package yamlvalue

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/azrule/azrule/source"
)

var lineRE = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

var unknownAnchorRE = regexp.MustCompile(`unknown anchor '([^']*)' referenced`)

// parserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). For these yaml.v3 prints a 0-based line: the line of the
// construct left open, or of the offending token when that construct
// starts on the first line (whose number, 0, it does not print at all).
// Scanner messages, some of which also read "did not find expected ...",
// carry a 1-based line.
var parserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found undefined tag handle",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

// blockProblems are parser messages about a block mapping or sequence
// that ended early, which a wrong indentation causes far more often than
// anything else.
var blockProblems = []string{
	"did not find expected key",
	"did not find expected '-' indicator",
}

// problem returns yaml.v3's message without its "yaml: line N:" prefix.
func problem(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if loc := lineRE.FindStringIndex(s); loc != nil && loc[0] == 0 {
		s = strings.TrimLeft(s[loc[1]:], ": ")
	}
	return s
}

func isOneOf(s string, list []string) bool {
	for _, p := range list {
		if s == p {
			return true
		}
	}
	return false
}

// ErrorPos returns where in f the yaml.v3 error err is: the line it
// names, moved one line down for parser errors (see parserProblems), at
// the start of the unfinished block for block errors and at the start of
// the line otherwise (yaml.v3 gives no column); or the first use of an
// undefined anchor. An error that
// names no place is at the start of the file, which is where yaml.v3
// leaves problems on the first line.
func ErrorPos(f *source.File, err error) source.Pos {
	msg := err.Error()
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		if a := unknownAnchorRE.FindStringSubmatch(msg); a != nil {
			if off := aliasOffset(f.Content, a[1]); off >= 0 {
				return f.Pos(off)
			}
		}
		return f.Pos(0)
	}
	line, _ := strconv.Atoi(m[1])
	p := problem(err)
	if isOneOf(p, parserProblems) {
		line++
	}
	col := 1
	switch {
	case m[2] != "":
		col, _ = strconv.Atoi(m[2])
	case isOneOf(p, blockProblems):
		// The line is where the unfinished block starts: its first key or
		// "-" is the line's first character that is not indentation.
		if start := f.LineStart(line); start >= 0 {
			for off := start; off < len(f.Content) && (f.Content[off] == ' ' || f.Content[off] == '\t'); off++ {
				col++
			}
		}
	}
	return LineColPos(f, line, col)
}

// aliasOffset finds the first "*name" in src that stands as an alias: at
// the start of a line or after a space or flow indicator, and followed by
// the end of a token. It returns -1 when there is none.
func aliasOffset(src []byte, name string) int {
	needle := []byte("*" + name)
	for from := 0; from < len(src); {
		i := bytes.Index(src[from:], needle)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(needle)
		before := i == 0 || strings.IndexByte(" \t\n\r[{,:-?", src[i-1]) >= 0
		after := end == len(src) || strings.IndexByte(" \t\n\r]},", src[end]) >= 0
		if before && after {
			return i
		}
		from = i + 1
	}
	return -1
}

// SyntaxError turns an error from yaml.v3 into a positioned error with
// code CodeSyntax and a message that says what to fix.
func SyntaxError(f *source.File, err error) *source.Error {
	msg := "invalid YAML: " + problem(err)
	if isOneOf(problem(err), blockProblems) {
		msg += " (check the indentation of this line and of the lines below it)"
	}
	return &source.Error{Pos: ErrorPos(f, err), Code: CodeSyntax, Message: msg}
}
