package suppress

import (
	"strings"

	"github.com/azrule/azrule/source"
)

// Directive is the word that starts a suppression comment.
const Directive = "azrule-disable-next-line"

// MaxComments caps how many suppression comments are read from one file;
// past it one error is reported and the rest are not read.
const MaxComments = 10000

// Comment is one suppression comment.
type Comment struct {
	// Rules are the rule names or refs as written, in order.
	Rules []string
	// RulePos holds where each of Rules was written.
	RulePos []source.Pos
	// Reason is the text after the colon, trimmed.
	Reason string
	// Pos is where the comment starts (its "//").
	Pos source.Pos
	// Line is the 1-based line the comment applies to: the next line
	// after it that holds code.
	Line int
}

// Names reports whether the comment names the rule, by name or by ref,
// without regard to case.
func (c *Comment) Names(ruleName, ruleRef string) bool {
	for _, r := range c.Rules {
		if (ruleName != "" && strings.EqualFold(r, ruleName)) || (ruleRef != "" && strings.EqualFold(r, ruleRef)) {
			return true
		}
	}
	return false
}

// Scan finds the suppression comments in f, in the language LangOf gives
// for its name. Malformed suppressions are errors with their position and
// are left out of the result.
func Scan(f *source.File) ([]Comment, []*source.Error) {
	return ScanLang(f, LangOf(f.Name))
}

// ScanLang is Scan with the language given.
func ScanLang(f *source.File, lang Lang) ([]Comment, []*source.Error) {
	lx := lex(f.Content, lang)
	var out []Comment
	var errs []*source.Error
	seen := 0
	for _, rc := range lx.comments {
		if rc.block {
			if t := strings.TrimLeft(rc.text, " \t\r\n*"); strings.HasPrefix(t, "azrule-disable") {
				errs = append(errs, errorAt(f.Pos(rc.off), "SUP001",
					"a suppression must be a // line comment; /* */ comments are not read as directives"))
			}
			continue
		}
		c, err, ok := parseDirective(f, rc)
		if !ok {
			continue
		}
		seen++
		if seen > MaxComments {
			errs = append(errs, errorAt(f.Pos(rc.off), "SUP006",
				"more than %d suppression comments in one file; the rest are not read", MaxComments))
			break
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.Line = lx.nextCodeLine(rc.line)
		if c.Line == 0 {
			errs = append(errs, errorAt(c.Pos, "SUP005",
				"nothing follows this suppression; put it on the line above the resource or property it is for"))
			continue
		}
		out = append(out, c)
	}
	return out, errs
}

func errorAt(pos source.Pos, code, format string, args ...any) *source.Error {
	e := source.Errorf(pos, format, args...)
	e.Code = code
	return e
}

// parseDirective reads one line comment. ok is false when the comment is
// not a suppression at all (ordinary prose).
func parseDirective(f *source.File, rc rawComment) (c Comment, err *source.Error, ok bool) {
	at := f.Pos(rc.off)
	text := rc.text
	i := 0
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if !strings.HasPrefix(text[i:], "azrule-") {
		return Comment{}, nil, false
	}
	w := i
	for w < len(text) && text[w] != ' ' && text[w] != '\t' && text[w] != ':' {
		w++
	}
	word := text[i:w]
	if word != Directive {
		if strings.HasPrefix(word, "azrule-disable") || strings.HasPrefix(word, "azrule-enable") {
			return Comment{}, errorAt(f.Pos(rc.tOff+i), "SUP002",
				"unknown directive '%s'; azrule reads '// %s RULE: reason'", word, Directive), true
		}
		return Comment{}, nil, false
	}
	c = Comment{Pos: at}
	rest := text[w:]
	restOff := rc.tOff + w
	colon := strings.IndexByte(rest, ':')
	names := rest
	if colon >= 0 {
		names = rest[:colon]
	}
	if strings.TrimSpace(names) == "" {
		return Comment{}, errorAt(at, "SUP003",
			"name the rule to suppress: '// %s Azure.Rule.Name: <reason>'", Directive), true
	}
	// Rule names, separated by commas.
	start := 0
	for k := 0; k <= len(names); k++ {
		if k < len(names) && names[k] != ',' {
			continue
		}
		part := names[start:k]
		lead := len(part) - len(strings.TrimLeft(part, " \t"))
		name := strings.TrimSpace(part)
		pos := f.Pos(restOff + start + lead)
		switch {
		case name == "":
			return Comment{}, errorAt(pos, "SUP003", "empty rule name in the list; remove the extra comma"), true
		case strings.ContainsAny(name, " \t"):
			return Comment{}, errorAt(pos, "SUP003",
				"'%s' is not one rule name; separate rule names with commas", name), true
		case !validName(name):
			return Comment{}, errorAt(pos, "SUP003",
				"'%s' is not a rule name or ref (such as Azure.ML.PublicAccess or AZR-000407)", name), true
		}
		c.Rules = append(c.Rules, name)
		c.RulePos = append(c.RulePos, pos)
		start = k + 1
	}
	if colon >= 0 {
		c.Reason = strings.TrimSpace(rest[colon+1:])
	}
	if c.Reason == "" {
		return Comment{}, errorAt(at, "SUP004",
			"suppression of %s has no reason: add ': <reason>' after the rule name", strings.Join(c.Rules, ", ")), true
	}
	return c, nil, true
}

// validName accepts the characters rule names and refs are made of.
func validName(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case r == '.', r == '-', r == '_':
		default:
			return false
		}
	}
	return true
}
