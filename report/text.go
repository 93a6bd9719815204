package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
)

// ANSI SGR sequences used by the text format when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
)

// writeText writes the format for people. Findings are grouped under
// their input file; in each group the file's input errors come first, then
// each shown record:
//
//	main.bicep
//	  main.bicep:3:7  error  JSON001 unexpected token
//	  main.bicep:12:5  Azure.ML.UserManagedIdentity  mlw-1 (Microsoft.MachineLearningServices/workspaces)
//	    Path identity.type: Is set to 'SystemAssigned'.
//	    Recommendation: ...
//	    Run: azrule explain Azure.ML.UserManagedIdentity
//
// and a summary line ends the output. Default outcomes: Fail and Error.
// Suppressed records are not listed, only counted: the user asked not to
// see them. Text that comes from the inputs is printed with control
// characters escaped, and colour is used only when asked for.
func writeText(b *bytes.Buffer, r *engine.Report, v *view) error {
	t := textWriter{b: b, color: v.opt.Color}
	groups := groupByFile(r, func(rec *engine.Record) bool { return v.shows(rec) && !rec.Suppressed })
	for _, g := range groups {
		if len(g.errors) == 0 && len(g.records) == 0 {
			continue
		}
		name := g.file
		if name == "" {
			name = "(no file)"
		}
		t.paint(ansiBold, safeText(name))
		b.WriteByte('\n')
		for _, e := range g.errors {
			fmt.Fprintf(b, "  %s  ", safeText(e.Position.String()))
			t.paint(ansiRed, "error")
			b.WriteString("  ")
			t.indented(safeText(e.Text()), "    ")
			b.WriteByte('\n')
		}
		for _, rec := range g.records {
			t.record(rec)
		}
		b.WriteByte('\n')
	}
	summaryLine(&t, v.sum)
	return nil
}

type textWriter struct {
	b     *bytes.Buffer
	color bool
}

// paint writes s in the given style when colour is on.
func (t *textWriter) paint(style, s string) {
	if t.color {
		t.b.WriteString(style)
		t.b.WriteString(s)
		t.b.WriteString(ansiReset)
		return
	}
	t.b.WriteString(s)
}

// indented writes s, indenting every line after the first with indent.
func (t *textWriter) indented(s, indent string) {
	t.b.WriteString(strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+indent))
}

func (t *textWriter) record(rec *engine.Record) {
	b := t.b
	fmt.Fprintf(b, "  %s  ", safeText(location(rec).String()))
	style := ansiRed
	switch rec.Outcome {
	case rules.Pass:
		style = ansiGreen
	case rules.Error:
		style = ansiYellow
	case rules.None:
		style = ansiDim
	}
	t.paint(style, safeText(ruleName(rec.Rule)))
	b.WriteString("  ")
	b.WriteString(safeText(targetLabel(rec)))
	if rec.Outcome != rules.Fail {
		// Fail is the common case and needs no tag; others say what they are.
		b.WriteString("  ")
		t.paint(style, "["+rec.Outcome.String()+"]")
	}
	b.WriteByte('\n')
	for _, s := range reasons(rec, true) {
		b.WriteString("    ")
		t.indented(safeText(s), "      ")
		b.WriteByte('\n')
	}
	if rec.Outcome == rules.Pass || rec.Outcome == rules.None {
		return
	}
	if rec.Outcome == rules.Fail {
		if h := hint(rec.Rule); h != "" {
			b.WriteString("    ")
			t.paint(ansiDim, "Recommendation: ")
			t.indented(safeText(h), "      ")
			b.WriteByte('\n')
		}
	}
	if rec.Rule != nil && rec.Rule.Name != "" {
		b.WriteString("    ")
		t.paint(ansiDim, "Run: azrule explain "+safeText(rec.Rule.Name))
		b.WriteByte('\n')
	}
}

// summaryLine writes "N rules, M targets: P passed, F failed, E errors,
// S suppressed", colouring the counts that are not zero.
func summaryLine(t *textWriter, s summary) {
	if !t.color {
		t.b.WriteString(s.line())
		t.b.WriteByte('\n')
		return
	}
	count := func(n int, style, word string) {
		text := fmt.Sprintf("%d %s", n, word)
		if n == 0 {
			t.b.WriteString(text)
			return
		}
		t.paint(style, text)
	}
	fmt.Fprintf(t.b, "%d rules, %d targets: ", s.Rules, s.Targets)
	count(s.Pass, ansiGreen, "passed")
	t.b.WriteString(", ")
	count(s.Fail, ansiRed, "failed")
	t.b.WriteString(", ")
	count(s.Error+s.InputErrors, ansiYellow, "errors")
	t.b.WriteString(", ")
	count(s.Suppressed, ansiDim, "suppressed")
	t.b.WriteByte('\n')
}
