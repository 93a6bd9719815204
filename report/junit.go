package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"unicode/utf8"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
)

// JUnit XML in the shape CI servers (GitHub test reporters, GitLab,
// Jenkins, Azure DevOps) read. Times are always "0": rules take
// microseconds and a report must not depend on the clock.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr,omitempty"`
}

// writeJUnit writes a <testsuite> per input file and a <testcase> per rule
// and target (classname the input file, name "RULE (TARGET)"). Fail is a
// <failure> whose message is the first reason and whose body holds all
// reasons, the recommendation and the location; Error is an <error>;
// a suppressed record is <skipped/>. Bodies are CDATA so that multi-line
// messages stay readable in the file. Each input error is a test case of
// its file with an <error>. Default outcomes: Pass, Fail and Error.
func writeJUnit(b *bytes.Buffer, r *engine.Report, v *view) error {
	out := junitSuites{Name: v.opt.ToolName, Time: "0"}
	for _, g := range groupByFile(r, v.shows) {
		s := junitSuite{Name: xmlText(g.file), Time: "0"}
		for _, e := range g.errors {
			s.Cases = append(s.Cases, junitCase{
				Name:      xmlText("input error at " + e.Position.String()),
				Classname: xmlText(g.file),
				Time:      "0",
				Error: &junitProblem{
					Message: xmlText(e.Message),
					Type:    xmlText(e.Code),
					Text:    xmlText(e.Position.String() + ": " + e.Text()),
				},
			})
			s.Errors++
		}
		for _, rec := range g.records {
			c := junitCase{
				Name:      xmlText(ruleName(rec.Rule) + " (" + rec.TargetName + ")"),
				Classname: xmlText(g.file),
				Time:      "0",
			}
			switch {
			case rec.Suppressed:
				c.Skipped = &junitSkipped{Message: xmlText(suppressedNote(rec))}
				s.Skipped++
			case rec.Outcome == rules.Fail:
				c.Failure = problem(rec, "Fail")
				s.Failures++
			case rec.Outcome == rules.Error:
				c.Error = problem(rec, "Error")
				s.Errors++
			case rec.Outcome == rules.None:
				c.Skipped = &junitSkipped{Message: "Not applicable."}
				s.Skipped++
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		if s.Tests == 0 {
			continue
		}
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		out.Skipped += s.Skipped
		out.Suites = append(out.Suites, s)
	}
	return writeXML(b, out)
}

// problem is the <failure> or <error> of a record.
func problem(rec *engine.Record, kind string) *junitProblem {
	rs := reasons(rec, true)
	msg := ""
	if len(rs) > 0 {
		msg = rs[0]
	} else if kind == "Fail" {
		msg = synopsis(rec.Rule)
	} else {
		msg = "The rule could not be evaluated."
	}
	var body strings.Builder
	for _, s := range rs {
		body.WriteString(s)
		body.WriteByte('\n')
	}
	if kind == "Fail" {
		if h := hint(rec.Rule); h != "" {
			body.WriteString("Recommendation: " + h + "\n")
		}
	}
	body.WriteString("at " + location(rec).String() + "\n")
	body.WriteString(targetLabel(rec))
	return &junitProblem{Message: xmlText(msg), Type: kind, Text: xmlText(body.String())}
}

// writeXML writes the XML declaration and v indented by two spaces.
func writeXML(b *bytes.Buffer, v any) error {
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.WriteByte('\n')
	return nil
}

// xmlText escapes control characters as safeText does (so a message reads
// the same in every format) and replaces anything else XML 1.0 cannot
// carry with U+FFFD, so that any name from an input gives a document
// parsers accept. encoding/xml checks attributes and character data
// itself, but not CDATA sections.
func xmlText(s string) string {
	s = safeText(s)
	ok := utf8.ValidString(s)
	for _, c := range s {
		if !xmlChar(c) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(c rune) rune {
		if xmlChar(c) {
			return c
		}
		return '\uFFFD'
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// xmlChar is the Char production of XML 1.0.
func xmlChar(c rune) bool {
	return c == 0x9 || c == 0xA || c == 0xD ||
		c >= 0x20 && c <= 0xD7FF ||
		c >= 0xE000 && c <= 0xFFFD ||
		c >= 0x10000 && c <= 0x10FFFF
}
