package suppress

import (
	"path"
	"strings"
)

// Lang is the comment and string syntax of a file.
type Lang int

// The languages Scan understands.
const (
	JSON  Lang = iota // JSON with // and /* */ comments; strings in "..."
	Bicep             // Bicep and .bicepparam: strings in '...' and '''...'''
)

// LangOf picks the language from a file name.
func LangOf(name string) Lang {
	switch strings.ToLower(path.Ext(name)) {
	case ".bicep", ".bicepparam":
		return Bicep
	}
	return JSON
}

// maxInterpolationDepth caps nested ${...} tracking in Bicep strings.
// Deeper nesting is not valid Bicep anyone writes; past it "${" is read
// as plain text, which can only make the lexer less exact, never crash.
const maxInterpolationDepth = 64

// rawComment is one comment found by the lexer.
type rawComment struct {
	off   int    // offset of "//" or "/*"
	text  string // the text after "//" or between "/*" and "*/"
	tOff  int    // offset of text
	line  int    // 1-based line of the comment's start
	block bool
}

// lexed is what the lexer learns about a file: its comments and which
// lines hold code.
type lexed struct {
	comments []rawComment
	code     []bool // code[line] for 1-based lines; index 0 unused
}

// lex walks src once. It never fails: an unterminated string or comment
// simply runs to the end of the file (the parser reports those).
//
// In Bicep, decorator lines (@description('...'), @batchSize(1), an
// @allowed([ ... ]) list over several lines) are not code lines of their
// own: they belong to the declaration below them, so a suppression
// written above the decorators reaches the declaration.
func lex(src []byte, lang Lang) *lexed {
	lines := 1
	for _, b := range src {
		if b == '\n' {
			lines++
		}
	}
	lx := &lexed{code: make([]bool, lines+1)}
	bicep := lang == Bicep
	line := 1
	lineStart := 0
	var interp []int // brace depth inside each open ${ ... }
	inString := false
	quote := byte('"')
	if bicep {
		quote = '\''
	}
	inDecor, decorDepth := false, 0
	mark := func() {
		if !inDecor {
			lx.code[line] = true
		}
	}
	// open and close track bracket depth inside a decorator's arguments;
	// the decorator ends when its outermost bracket closes.
	open := func() {
		if inDecor {
			decorDepth++
		}
	}
	closeBracket := func() {
		if inDecor {
			decorDepth--
			if decorDepth <= 0 {
				inDecor = false
			}
		}
	}
	n := len(src)
	for i := 0; i < n; {
		c := src[i]
		if inString {
			mark()
			switch {
			case c == '\\':
				if i+1 < n && src[i+1] == '\n' {
					line++
					lineStart = i + 2
				}
				i += 2
			case c == quote:
				inString = false
				i++
			case bicep && c == '$' && i+1 < n && src[i+1] == '{' && len(interp) < maxInterpolationDepth:
				interp = append(interp, 0)
				inString = false
				i += 2
			case c == '\n':
				// Neither language lets a one-line string cross a line
				// break; end it here so one stray quote cannot hide the
				// rest of the file's comments.
				inString = false
				line++
				lineStart = i + 1
				i++
			default:
				i++
				// Skip the ordinary run of the string in one go.
				for i < n && !stringStop[src[i]] {
					i++
				}
			}
			continue
		}
		switch {
		case c == '\n':
			if inDecor && decorDepth <= 0 {
				inDecor = false // a decorator without arguments
			}
			line++
			lineStart = i + 1
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '/' && i+1 < n && src[i+1] == '/':
			end := i + 2
			for end < n && src[end] != '\n' {
				end++
			}
			text := strings.TrimSuffix(string(src[i+2:end]), "\r")
			lx.comments = append(lx.comments, rawComment{off: i, text: text, tOff: i + 2, line: line})
			i = end
		case c == '/' && i+1 < n && src[i+1] == '*':
			start, startLine := i, line
			end := i + 2
			for end < n && !(src[end] == '*' && end+1 < n && src[end+1] == '/') {
				if src[end] == '\n' {
					line++
					lineStart = end + 1
				}
				end++
			}
			textEnd := end
			if end < n {
				end += 2
			} else {
				textEnd = n
			}
			lx.comments = append(lx.comments, rawComment{off: start, text: string(src[start+2 : textEnd]),
				tOff: start + 2, line: startLine, block: true})
			i = end
		case bicep && c == '\'' && i+2 < n && src[i+1] == '\'' && src[i+2] == '\'':
			mark()
			end := i + 3
			for end < n && !(src[end] == '\'' && end+2 < n && src[end+1] == '\'' && src[end+2] == '\'') {
				if src[end] == '\n' {
					line++
					lineStart = end + 1
					mark()
				}
				end++
			}
			i = min(end+3, n)
		case c == quote:
			mark()
			inString = true
			i++
		case bicep && c == '#' && onlySpace(src[lineStart:i]):
			// A compiler directive line (#disable-next-line BCP081): not
			// code and not a comment to read.
			for i < n && src[i] != '\n' {
				i++
			}
		case bicep && c == '@' && !inDecor && len(interp) == 0 && onlySpace(src[lineStart:i]):
			inDecor, decorDepth = true, 0
			i++
		case bicep && (c == '(' || c == '['):
			mark()
			open()
			i++
		case bicep && (c == ')' || c == ']'):
			mark()
			closeBracket()
			i++
		case bicep && c == '{':
			mark()
			if k := len(interp); k > 0 {
				interp[k-1]++
			} else {
				open()
			}
			i++
		case bicep && c == '}':
			mark()
			if k := len(interp); k > 0 {
				if interp[k-1] == 0 {
					interp = interp[:k-1]
					inString = true // back inside the string the ${ opened in
				} else {
					interp[k-1]--
				}
			} else {
				closeBracket()
			}
			i++
		default:
			mark()
			i++
			for i < n && !codeStop[src[i]] {
				i++
			}
		}
	}
	return lx
}

// codeStop and stringStop are the bytes the lexer must look at in code
// and inside strings; runs of other bytes are skipped without a decision
// per byte.
var codeStop, stringStop [256]bool

func init() {
	for _, c := range []byte("\n\r\t /\"'#@()[]{}") {
		codeStop[c] = true
	}
	for _, c := range []byte("\\\n\"'$") {
		stringStop[c] = true
	}
}

func onlySpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// nextCodeLine returns the first line after line that holds code, or 0.
func (lx *lexed) nextCodeLine(line int) int {
	for l := line + 1; l < len(lx.code); l++ {
		if lx.code[l] {
			return l
		}
	}
	return 0
}
