package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
)

// markdownMaxRows caps each table. GitHub refuses job summaries over
// 1 MiB, and nobody reads a thousand rows in one; the rest is counted.
const markdownMaxRows = 500

// writeMarkdown writes a summary for a GitHub job summary or a pull
// request comment: a heading, and when everything passed one line of
// counts and nothing else. Otherwise a counts table, a Failures table
// (rule linked to its documentation, target, file:line:col, reasons) and
// an Errors section with input errors and rules that could not be
// evaluated. Text from the inputs is escaped so that it cannot add
// markup, links or HTML. Default outcomes: Fail and Error; suppressed
// records are only counted.
func writeMarkdown(b *bytes.Buffer, r *engine.Report, v *view) error {
	var fails, errs []*engine.Record
	for i := range r.Records {
		rec := &r.Records[i]
		if !v.shows(rec) || rec.Suppressed {
			continue
		}
		switch rec.Outcome {
		case rules.Fail:
			fails = append(fails, rec)
		case rules.Error:
			errs = append(errs, rec)
		}
	}
	inputErrs := sortedErrors(r)
	s := v.sum
	fmt.Fprintf(b, "## %s results\n\n", mdText(v.opt.ToolName))
	if len(fails) == 0 && len(errs) == 0 && len(inputErrs) == 0 {
		if s.Fail == 0 && s.Error == 0 {
			fmt.Fprintf(b, "All checks passed: %s.\n", s.line())
		} else {
			// Failures exist but the chosen outcomes hide them.
			fmt.Fprintf(b, "%s.\n", s.line())
		}
		return nil
	}
	b.WriteString("| Rules | Targets | Passed | Failed | Errors | Suppressed |\n")
	b.WriteString("| ---: | ---: | ---: | ---: | ---: | ---: |\n")
	fmt.Fprintf(b, "| %d | %d | %d | %d | %d | %d |\n",
		s.Rules, s.Targets, s.Pass, s.Fail, s.Error+s.InputErrors, s.Suppressed)

	if len(fails) > 0 {
		b.WriteString("\n### Failures\n\n")
		b.WriteString("| Rule | Target | Location | Reason |\n")
		b.WriteString("| --- | --- | --- | --- |\n")
		for i, rec := range fails {
			if i == markdownMaxRows {
				fmt.Fprintf(b, "\nAnd %d more failures; write another format to see them all.\n", len(fails)-i)
				break
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n",
				mdRule(rec.Rule), mdText(targetLabel(rec)), mdText(location(rec).String()),
				mdText(strings.Join(reasons(rec, true), "\n")))
		}
	}

	if len(errs) > 0 || len(inputErrs) > 0 {
		b.WriteString("\n### Errors\n\n")
		b.WriteString("| Location | Rule or code | Message |\n")
		b.WriteString("| --- | --- | --- |\n")
		rows := 0
		total := len(inputErrs) + len(errs)
		for _, e := range inputErrs {
			if rows == markdownMaxRows {
				break
			}
			rows++
			fmt.Fprintf(b, "| %s | %s | %s |\n", mdText(e.Position.String()), mdText(e.Code), mdText(e.Message))
		}
		for _, rec := range errs {
			if rows == markdownMaxRows {
				break
			}
			rows++
			msg := joinNonEmpty("The rule could not be evaluated on "+targetLabel(rec)+".", strings.Join(reasons(rec, true), "\n"))
			fmt.Fprintf(b, "| %s | %s | %s |\n", mdText(location(rec).String()), mdRule(rec.Rule), mdText(msg))
		}
		if rows < total {
			fmt.Fprintf(b, "\nAnd %d more errors; write another format to see them all.\n", total-rows)
		}
	}
	return nil
}

// mdRule is the rule's name linked to its documentation when it has an
// http(s) help URI.
func mdRule(info *rules.Info) string {
	name := mdText(ruleName(info))
	u := helpURI(info)
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return name
	}
	return "[" + name + "](" + mdURL(u) + ")"
}

// mdURL percent-encodes the characters that would end a Markdown link
// destination early.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "|", "%7C", "\n", "").Replace(u)
}

// mdEscaper backslash-escapes what GitHub Markdown would read as inline
// markup inside a table cell, and turns HTML's special characters into
// entities.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"|", `\|`, "~", `\~`, "$", `\$`, "#", `\#`,
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)

// mdText makes s safe for one table cell or a heading.
func mdText(s string) string {
	return mdEscaper.Replace(safeText(s))
}
