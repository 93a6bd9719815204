// Package report writes an engine.Report in the formats users ask for:
// text for people at a terminal, json for machines, sarif for code
// scanning, junit and nunit3 for test dashboards, csv for spreadsheets and
// markdown for job summaries. Each format lives in its own file; they share
// the selection of records (which outcomes to show), the counts and the
// wording of findings defined here and in common.go.
//
// Every format is deterministic: the same report always gives the same
// bytes, so outputs can be compared, cached and kept as golden files. No
// format writes the time of day.
package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
)

// Options control how a report is written.
type Options struct {
	// Color turns on ANSI colour in the text format. Callers set it only
	// when the output is a terminal; other formats ignore it.
	Color bool
	// Outcomes are the outcomes whose records are shown. Nil means the
	// format's default (see each format's doc). None is shown only when
	// listed here.
	Outcomes []rules.Outcome
	// ToolName, ToolVersion and InformationURI describe azrule in formats
	// that name the tool (SARIF, JUnit, NUnit). Empty values get defaults.
	ToolName       string
	ToolVersion    string
	InformationURI string
	// Root is the scan root. SARIF URIs are made relative to it when a
	// position names an absolute path inside it.
	Root string
}

// Defaults used when Options leave the tool's identity empty.
const (
	DefaultToolName       = "azrule"
	DefaultInformationURI = "https://github.com/azrule/azrule"
)

// format is one output format.
type format struct {
	name string
	// defaults are the outcomes shown when Options.Outcomes is nil.
	defaults []rules.Outcome
	write    func(b *bytes.Buffer, r *engine.Report, v *view) error
}

var (
	failures  = []rules.Outcome{rules.Fail, rules.Error}
	processed = []rules.Outcome{rules.Pass, rules.Fail, rules.Error}
)

// formats in the order the CLI documents them.
var formats = []format{
	{"text", failures, writeText},
	{"json", processed, writeJSON},
	{"sarif", failures, writeSARIF},
	{"junit", processed, writeJUnit},
	{"nunit3", processed, writeNUnit3},
	{"markdown", failures, writeMarkdown},
	{"csv", processed, writeCSV},
}

// Formats returns the names Write accepts, in the order they are
// documented.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// Write renders r in the named format (case-insensitive, as PSRule's
// Output.Format is) to w. A nil report is written as an empty one. The
// whole output is built before anything is written, so a format error
// never leaves half a document behind.
func Write(w io.Writer, formatName string, r *engine.Report, opt Options) error {
	var f *format
	for i := range formats {
		if strings.EqualFold(formats[i].name, formatName) {
			f = &formats[i]
			break
		}
	}
	if f == nil {
		return fmt.Errorf("unknown report format %q: use one of %s", formatName, strings.Join(Formats(), ", "))
	}
	if r == nil {
		r = &engine.Report{}
	}
	if opt.ToolName == "" {
		opt.ToolName = DefaultToolName
	}
	if opt.InformationURI == "" {
		opt.InformationURI = DefaultInformationURI
	}
	v := newView(r, opt, f.defaults)
	var b bytes.Buffer
	if err := f.write(&b, r, v); err != nil {
		return fmt.Errorf("writing %s report: %w", f.name, err)
	}
	_, err := w.Write(b.Bytes())
	return err
}
