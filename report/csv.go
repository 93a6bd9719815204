package report

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
)

// csvHeader is PSRule's "Detail" CSV columns, then Reason (the reasons,
// which PSRule's CSV lacks and users ask for first), then where to look.
var csvHeader = []string{
	"RuleName", "TargetName", "TargetType", "Outcome", "OutcomeReason",
	"Synopsis", "Recommendation", "Reason", "File", "Line", "Column",
}

// writeCSV writes one row per shown record, RFC 4180 style: CRLF line
// ends, fields quoted when they hold a comma, quote or line break.
// OutcomeReason means what it means in PSRule: Processed for a record the
// rule decided, Suppressed for one a suppression hid (Outcome keeps what
// the rule said), None otherwise. Reason holds the reasons one per line.
// Control characters are escaped as in the text format, so printing the
// file on a terminal is safe. A field that a spreadsheet would run as a formula (starting with = + -
// @ or a tab) is prefixed with an apostrophe, so a crafted resource name
// cannot execute anything when the report is opened. Default outcomes:
// Pass, Fail and Error.
func writeCSV(b *bytes.Buffer, r *engine.Report, v *view) error {
	w := csv.NewWriter(b)
	w.UseCRLF = true
	if err := w.Write(csvHeader); err != nil {
		return err
	}
	for i := range r.Records {
		rec := &r.Records[i]
		if !v.shows(rec) {
			continue
		}
		reason := "Processed"
		switch {
		case rec.Suppressed:
			reason = "Suppressed"
		case rec.Outcome == rules.None:
			reason = "None"
		}
		loc := location(rec)
		line, col := "", ""
		if loc.IsValid() {
			line, col = strconv.Itoa(loc.Line), strconv.Itoa(loc.Column)
		}
		row := []string{
			ruleName(rec.Rule), rec.TargetName, rec.TargetType, rec.Outcome.String(), reason,
			synopsis(rec.Rule), recommendation(rec.Rule), strings.Join(reasons(rec, true), "\n"),
			loc.File, line, col,
		}
		for j := range row {
			row[j] = csvSafe(safeText(row[j]))
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// csvSafe defuses spreadsheet formulas (OWASP's CSV injection advice).
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
