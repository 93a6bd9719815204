package ruledoc

import (
	"strings"

	"github.com/azrule/azrule/rules"
)

// link reads one line of the LINKS section. Blank lines are skipped; any
// other line must be a list item holding one [title](url) link, which is
// what tools that render the help (SARIF helpUri lists, the Markdown
// report) rely on.
func (p *parser) link(ln line, doc *rules.Doc) {
	t := strings.TrimSpace(ln.text)
	if t == "" {
		return
	}
	lead := len(ln.text) - len(strings.TrimLeft(ln.text, " \t"))
	if !strings.HasPrefix(t, "- ") && !strings.HasPrefix(t, "* ") && !strings.HasPrefix(t, "+ ") {
		p.errorf(ln.off+lead, "links section line is not a list item: write it as '- [title](url)'")
		return
	}
	item := strings.TrimSpace(t[2:])
	title, url, ok := parseLink(item)
	if !ok {
		p.errorf(ln.off+lead, "links section item %q is not a Markdown link: write it as '- [title](url)'", item)
		return
	}
	doc.Links = append(doc.Links, rules.Link{Title: title, URL: url})
}

// parseLink reads "[title](url)" that makes up the whole of s. The title
// may hold balanced brackets; the url may be followed by a quoted title,
// which is dropped.
func parseLink(s string) (title, url string, ok bool) {
	if !strings.HasPrefix(s, "[") {
		return "", "", false
	}
	depth, i := 0, 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
			continue
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	if i >= len(s) || i+1 >= len(s) || s[i+1] != '(' || !strings.HasSuffix(s, ")") {
		return "", "", false
	}
	title = strings.TrimSpace(s[1:i])
	dest := strings.TrimSpace(s[i+2 : len(s)-1])
	if sp := strings.IndexAny(dest, " \t"); sp >= 0 {
		dest = dest[:sp] // drop an optional "title"
	}
	dest = strings.TrimSuffix(strings.TrimPrefix(dest, "<"), ">")
	if title == "" || dest == "" {
		return "", "", false
	}
	return title, dest, true
}
