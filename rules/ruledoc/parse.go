package ruledoc

import (
	"strings"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// Limits that keep a hostile or broken page from costing much.
const (
	// maxErrors caps the errors reported for one page.
	maxErrors = 50
	// maxSize is the largest page read, in bytes; rule docs are a few KB.
	maxSize = 1 << 20
)

// Section names, as PSRule for Azure writes them (matched without regard to
// case).
const (
	secSynopsis       = "synopsis"
	secDescription    = "description"
	secRecommendation = "recommendation"
	secExamples       = "examples"
	secNotes          = "notes"
	secLinks          = "links"
)

// line is one line of the page without its line ending.
type line struct {
	off  int // offset of the first byte
	text string
}

type parser struct {
	file  *source.File
	lines []line
	errs  source.ErrorList
}

// Parse reads the rule doc md, named name in errors, into a rules.Doc and
// its Meta. It always returns a Doc and a Meta with everything that could
// be read; the error, when not nil, is a source.ErrorList with the
// position of each problem.
func Parse(name string, md []byte) (*rules.Doc, Meta, error) {
	p := &parser{file: source.NewFile(name, md)}
	doc := &rules.Doc{Markdown: string(md)}
	var meta Meta
	if len(md) > maxSize {
		p.errorf(0, "rule doc is %d bytes, more than the %d allowed", len(md), maxSize)
		return doc, meta, p.errs.Err()
	}
	p.split()
	body := p.skipFrontMatter(&meta)
	p.body(body, doc, &meta)
	return doc, meta, p.errs.Err()
}

// split cuts the content into lines, dropping "\n" and a "\r" before it.
func (p *parser) split() {
	c := string(p.file.Content) // one copy; lines are slices of it
	p.lines = make([]line, 0, strings.Count(c, "\n")+1)
	start := 0
	for start < len(c) || start == 0 {
		end := strings.IndexByte(c[start:], '\n')
		if end < 0 {
			p.lines = append(p.lines, line{off: start, text: strings.TrimSuffix(c[start:], "\r")})
			break
		}
		p.lines = append(p.lines, line{off: start, text: strings.TrimSuffix(c[start:start+end], "\r")})
		start += end + 1
	}
}

// skipFrontMatter reads front matter when the page starts with "---" and
// returns the index of the first line after it.
func (p *parser) skipFrontMatter(m *Meta) int {
	if len(p.lines) == 0 || strings.TrimRight(p.lines[0].text, " \t") != "---" {
		return 0
	}
	for i := 1; i < len(p.lines); i++ {
		if t := strings.TrimRight(p.lines[i].text, " \t"); t == "---" || t == "..." {
			p.frontMatter(m, 1, i)
			return i + 1
		}
	}
	p.errorf(0, "front matter starts with '---' on line 1 but is never closed: add a '---' line after it")
	return len(p.lines)
}

// section is the level-two section being read.
type section struct {
	name  string // lower case, "" before the first section
	start int    // first line index of its text
	title string // the latest level-three heading, for examples
}

// body reads headings, sections and fenced code from line index from on.
func (p *parser) body(from int, doc *rules.Doc, m *Meta) {
	seen := map[string]bool{}
	cur := section{start: from}
	var text []string // lines of the current section outside fences
	flush := func() {
		p.finish(cur, text, doc)
		text = text[:0]
	}
	for i := from; i < len(p.lines); i++ {
		ln := p.lines[i]
		if marker, info, ok := fenceOpen(ln.text); ok {
			end := p.fence(i, marker)
			code := p.joinCode(i+1, end)
			if cur.name == secExamples {
				doc.Examples = append(doc.Examples, rules.Example{Title: cur.title, Language: language(info), Code: code})
				m.ExampleLines = append(m.ExampleLines, i+2)
			}
			// Code in any section stays part of that section's text.
			for j := i; j <= end && j < len(p.lines); j++ {
				text = append(text, p.lines[j].text)
			}
			i = end
			continue
		}
		level, title := heading(ln.text)
		switch {
		case level == 1 && m.Title == "":
			m.Title = title
			continue
		case level == 2:
			flush()
			name := strings.ToLower(title)
			if isKnown(name) {
				if seen[name] {
					p.errorf(ln.off, "section %q appears twice: merge the two into one", title)
				}
				seen[name] = true
			}
			cur = section{name: name, start: i + 1}
			continue
		case level == 3:
			cur.title = title
		}
		if cur.name == secLinks {
			p.link(ln, doc)
		}
		text = append(text, ln.text)
	}
	flush()
}

// finish stores a section's text in doc.
func (p *parser) finish(s section, text []string, doc *rules.Doc) {
	body := strings.TrimSpace(strings.Join(text, "\n"))
	switch s.name {
	case secSynopsis:
		// A synopsis is shown on one line by the CLI and in SARIF.
		doc.Synopsis = strings.Join(strings.Fields(body), " ")
	case secDescription:
		doc.Description = body
	case secRecommendation:
		doc.Recommendation = body
	}
}

// isKnown reports whether name is a section with a meaning.
func isKnown(name string) bool {
	switch name {
	case secSynopsis, secDescription, secRecommendation, secExamples, secNotes, secLinks:
		return true
	}
	return false
}

// fence finds the line that closes the fence opened on line open with
// marker, reporting an error and returning the last line when there is
// none.
func (p *parser) fence(open int, marker string) int {
	for j := open + 1; j < len(p.lines); j++ {
		if fenceClose(p.lines[j].text, marker) {
			return j
		}
	}
	p.errorf(p.lines[open].off, "code block opened with %q is never closed: add a %q line after the code", marker, marker)
	return len(p.lines) - 1
}

// joinCode returns lines [from, to) as code ending in a newline.
func (p *parser) joinCode(from, to int) string {
	var b strings.Builder
	for j := from; j < to && j < len(p.lines); j++ {
		b.WriteString(p.lines[j].text)
		b.WriteByte('\n')
	}
	return b.String()
}

// language is the first word of a fence's info string, in lower case.
func language(info string) string {
	f := strings.Fields(info)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(strings.Trim(f[0], "{}."))
}

// indent returns s without up to three leading spaces, and false when it
// is indented further (an indented code block, not a fence or heading).
func indent(s string) (string, bool) {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	if n > 3 {
		return s, false
	}
	return s[n:], true
}

// fenceOpen reports whether s opens a fenced code block, with the fence
// marker (three or more backticks or tildes) and the info string.
func fenceOpen(s string) (marker, info string, ok bool) {
	t, ok := indent(s)
	if !ok || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return "", "", false
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return "", "", false
	}
	info = strings.TrimSpace(t[n:])
	if t[0] == '`' && strings.Contains(info, "`") {
		return "", "", false // CommonMark: not a fence
	}
	return t[:n], info, true
}

// fenceClose reports whether s closes a fence opened with marker: the same
// character, at least as many, and nothing else.
func fenceClose(s, marker string) bool {
	t, ok := indent(s)
	if !ok {
		return false
	}
	t = strings.TrimRight(t, " \t")
	if len(t) < len(marker) {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != marker[0] {
			return false
		}
	}
	return true
}

// heading returns the level and text of an ATX heading, or 0.
func heading(s string) (int, string) {
	t, ok := indent(s)
	if !ok {
		return 0, ""
	}
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return 0, ""
	}
	title := strings.TrimSpace(t[n:])
	// A closing run of '#' is not part of the title.
	if trimmed := strings.TrimRight(title, "#"); trimmed != title && (trimmed == "" || strings.HasSuffix(trimmed, " ")) {
		title = strings.TrimSpace(trimmed)
	}
	return n, title
}

// runeOffset returns the byte offset of the c-th character of s (0-based),
// or len(s) when s is shorter.
func runeOffset(s string, c int) int {
	if c <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == c {
			return i
		}
		n++
	}
	return len(s)
}
