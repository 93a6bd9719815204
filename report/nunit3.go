package report

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
)

// The nunit3 format is what PSRule writes under that name and what
// pipelines built on PSRule publish to Azure DevOps with
// PublishTestResults (testResultsFormat: NUnit): despite the name it is
// the NUnit 2.5 result schema, <test-results> holding a TestFixture
// <test-suite> per target, each holding a <test-case> per rule named
// "TARGET -- RULE" with result Success or Failure. azrule keeps that shape
// so existing pipelines and dashboards keep working, and differs only
// where PSRule's output would not be deterministic or would leak the
// machine: no date, user, machine or culture, and every time is "0".
type nunitResults struct {
	XMLName        xml.Name     `xml:"test-results"`
	XSI            string       `xml:"xmlns:xsi,attr"`
	SchemaLocation string       `xml:"xsi:noNamespaceSchemaLocation,attr"`
	Name           string       `xml:"name,attr"`
	Total          int          `xml:"total,attr"`
	Errors         int          `xml:"errors,attr"`
	Failures       int          `xml:"failures,attr"`
	NotRun         int          `xml:"not-run,attr"`
	Inconclusive   int          `xml:"inconclusive,attr"`
	Ignored        int          `xml:"ignored,attr"`
	Skipped        int          `xml:"skipped,attr"`
	Invalid        int          `xml:"invalid,attr"`
	Time           string       `xml:"time,attr"`
	Suites         []nunitSuite `xml:"test-suite"`
}

type nunitSuite struct {
	Type        string      `xml:"type,attr"`
	Name        string      `xml:"name,attr"`
	Executed    string      `xml:"executed,attr"`
	Result      string      `xml:"result,attr"`
	Success     string      `xml:"success,attr"`
	Time        string      `xml:"time,attr"`
	Asserts     int         `xml:"asserts,attr"`
	Description string      `xml:"description,attr"`
	Cases       []nunitCase `xml:"results>test-case"`
}

type nunitCase struct {
	Description string        `xml:"description,attr"`
	Name        string        `xml:"name,attr"`
	Time        string        `xml:"time,attr"`
	Asserts     int           `xml:"asserts,attr"`
	Success     string        `xml:"success,attr"`
	Result      string        `xml:"result,attr"`
	Executed    string        `xml:"executed,attr"`
	Failure     *nunitFailure `xml:"failure,omitempty"`
	Reason      *nunitReason  `xml:"reason,omitempty"`
}

type nunitFailure struct {
	Message    nunitCDATA `xml:"message"`
	StackTrace nunitCDATA `xml:"stack-trace"`
}

type nunitReason struct {
	Message nunitCDATA `xml:"message"`
}

// nunitCDATA is text written as a CDATA section, as PSRule writes
// messages; Azure DevOps shows multi-line messages from it untouched.
type nunitCDATA struct {
	Text string `xml:",cdata"`
}

// NUnit 2.5 result names.
const (
	nunitSuccess = "Success"
	nunitFailed  = "Failure"
	nunitError   = "Error"
	nunitIgnored = "Ignored"
	nunitSkipped = "Skipped"
)

// writeNUnit3 writes the PSRule-compatible NUnit report (see nunitResults).
// A suppressed record is an Ignored test case and a None record (only
// when asked for) a Skipped one, neither executed; Error records have
// result Error. Input errors become one fixture per file, a test case per
// error. Messages are CDATA, as PSRule writes them. Default outcomes:
// Pass, Fail and Error.
func writeNUnit3(b *bytes.Buffer, r *engine.Report, v *view) error {
	out := nunitResults{
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "nunit_schema_2.5.xsd",
		Name:           v.opt.ToolName,
		Time:           "0",
	}
	// Fixtures in the order their first record appears: the engine's
	// order, by input file and declaration.
	index := map[string]int{}
	for i := range r.Records {
		rec := &r.Records[i]
		if !v.shows(rec) {
			continue
		}
		key := targetKey(rec)
		fi, ok := index[key]
		if !ok {
			fi = len(out.Suites)
			index[key] = fi
			desc := rec.TargetType
			if rec.Input != "" {
				desc += " in " + rec.Input
			}
			out.Suites = append(out.Suites, nunitSuite{
				Type: "TestFixture", Name: xmlText(rec.TargetName), Time: "0",
				Description: xmlText(strings.TrimSpace(desc)),
			})
		}
		out.Suites[fi].Cases = append(out.Suites[fi].Cases, nunitRecord(rec, &out))
	}
	for _, g := range groupByFile(r, func(*engine.Record) bool { return false }) {
		if len(g.errors) == 0 {
			continue
		}
		s := nunitSuite{Type: "TestFixture", Name: xmlText(g.file), Time: "0", Description: "Input errors"}
		for _, e := range g.errors {
			out.Total++
			out.Errors++
			s.Cases = append(s.Cases, nunitCase{
				Description: "The file could not be analysed.",
				Name:        xmlText(e.Position.String() + " -- " + nonEmpty(e.Code, "input error")),
				Time:        "0",
				Success:     "False",
				Result:      nunitError,
				Executed:    "True",
				Failure: &nunitFailure{
					Message:    nunitCDATA{xmlText(e.Text())},
					StackTrace: nunitCDATA{xmlText("at " + e.Position.String())},
				},
			})
		}
		out.Suites = append(out.Suites, s)
	}
	for i := range out.Suites {
		finishSuite(&out.Suites[i])
	}
	return writeXML(b, out)
}

// nunitRecord is the test case of one record; it counts it in out.
func nunitRecord(rec *engine.Record, out *nunitResults) nunitCase {
	c := nunitCase{
		Description: xmlText(synopsis(rec.Rule)),
		Name:        xmlText(rec.TargetName + " -- " + ruleName(rec.Rule)),
		Time:        "0",
		Success:     "True",
		Result:      nunitSuccess,
		Executed:    "True",
	}
	switch {
	case rec.Suppressed:
		c.Executed, c.Result = "False", nunitIgnored
		c.Reason = &nunitReason{Message: nunitCDATA{xmlText(suppressedNote(rec))}}
		out.Ignored++
		out.NotRun++
		return c
	case rec.Outcome == rules.None:
		c.Executed, c.Result = "False", nunitSkipped
		c.Reason = &nunitReason{Message: nunitCDATA{"Not applicable."}}
		out.Skipped++
		out.NotRun++
		return c
	}
	out.Total++
	switch rec.Outcome {
	case rules.Fail:
		c.Success, c.Result = "False", nunitFailed
		out.Failures++
	case rules.Error:
		c.Success, c.Result = "False", nunitError
		out.Errors++
	default:
		return c
	}
	var msg strings.Builder
	if rec.Outcome == rules.Fail {
		if h := hint(rec.Rule); h != "" {
			msg.WriteString(h + "\n")
		}
	} else {
		msg.WriteString("The rule could not be evaluated.\n")
	}
	if u := helpURI(rec.Rule); u != "" {
		msg.WriteString("See details at " + u + "\n")
	}
	if rs := reasons(rec, true); len(rs) > 0 {
		msg.WriteString("\nReasons:\n")
		for _, s := range rs {
			msg.WriteString("- " + s + "\n")
		}
	}
	c.Failure = &nunitFailure{
		Message:    nunitCDATA{xmlText(msg.String())},
		StackTrace: nunitCDATA{xmlText("at " + location(rec).String())},
	}
	return c
}

// finishSuite sets a fixture's result from its cases.
func finishSuite(s *nunitSuite) {
	s.Executed, s.Result, s.Success = "False", nunitSuccess, "True"
	for _, c := range s.Cases {
		if c.Executed == "True" {
			s.Executed = "True"
		}
		if c.Success == "False" {
			s.Result, s.Success = nunitFailed, "False"
			s.Asserts++
		}
	}
}
