package report

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// view is what every format needs besides the report: the options, which
// outcomes are shown and the counts.
type view struct {
	opt  Options
	show [4]bool // indexed by rules.Outcome
	sum  summary
}

func newView(r *engine.Report, opt Options, defaults []rules.Outcome) *view {
	v := &view{opt: opt, sum: summarize(r)}
	outcomes := opt.Outcomes
	if outcomes == nil {
		outcomes = defaults
	}
	for _, o := range outcomes {
		if o >= 0 && int(o) < len(v.show) {
			v.show[o] = true
		}
	}
	return v
}

// shows reports whether rec's outcome was asked for. Formats decide
// themselves what to do with suppressed records that are shown.
func (v *view) shows(rec *engine.Record) bool {
	o := rec.Outcome
	return o >= 0 && int(o) < len(v.show) && v.show[o]
}

// summary holds the counts every format reports. A suppressed record
// counts as suppressed and not under its outcome, because a suppression
// is the user saying the outcome does not matter; the exit status follows
// the same rule.
type summary struct {
	Files       int `json:"files"`
	Rules       int `json:"rules"`
	Targets     int `json:"targets"`
	Pass        int `json:"pass"`
	Fail        int `json:"fail"`
	Error       int `json:"error"`
	None        int `json:"none"`
	Suppressed  int `json:"suppressed"`
	InputErrors int `json:"inputErrors"`
}

func summarize(r *engine.Report) summary {
	s := summary{Files: r.Files, InputErrors: len(r.Errors)}
	ruleSet := map[string]bool{}
	for _, info := range r.Rules {
		if info != nil {
			ruleSet[info.Name] = true
		}
	}
	targets := map[string]bool{}
	for i := range r.Records {
		rec := &r.Records[i]
		ruleSet[ruleName(rec.Rule)] = true
		targets[targetKey(rec)] = true
		switch {
		case rec.Suppressed && rec.Outcome != rules.None:
			s.Suppressed++
		case rec.Outcome == rules.Pass:
			s.Pass++
		case rec.Outcome == rules.Fail:
			s.Fail++
		case rec.Outcome == rules.Error:
			s.Error++
		default:
			s.None++
		}
	}
	s.Rules = len(ruleSet)
	s.Targets = len(targets)
	return s
}

// line is the one-line summary shared by text and markdown:
// "N rules, M targets: P passed, F failed, E errors, S suppressed". Errors
// count both rule errors and input errors: each is something that could
// not be checked.
func (s summary) line() string {
	return fmt.Sprintf("%d rules, %d targets: %d passed, %d failed, %d errors, %d suppressed",
		s.Rules, s.Targets, s.Pass, s.Fail, s.Error+s.InputErrors, s.Suppressed)
}

// ruleName is the rule's name, or a placeholder for a record that lost
// its rule (which the engine never produces, but a report must not crash
// on).
func ruleName(info *rules.Info) string {
	if info == nil || info.Name == "" {
		return "(unnamed rule)"
	}
	return info.Name
}

// ruleID is the stable identifier formats use for a rule: its ref
// (AZR-000407) when it has one, else its name.
func ruleID(info *rules.Info) string {
	if info != nil && info.Ref != "" {
		return info.Ref
	}
	return ruleName(info)
}

func synopsis(info *rules.Info) string {
	if info == nil {
		return ""
	}
	if info.Synopsis != "" {
		return info.Synopsis
	}
	if info.Doc != nil {
		return info.Doc.Synopsis
	}
	return ""
}

func description(info *rules.Info) string {
	if info == nil || info.Doc == nil {
		return ""
	}
	return strings.TrimSpace(info.Doc.Description)
}

func recommendation(info *rules.Info) string {
	if info == nil || info.Doc == nil {
		return ""
	}
	return strings.TrimSpace(info.Doc.Recommendation)
}

// hint is what to do about a failure: the recommendation, or the
// synopsis when the rule has no documented recommendation.
func hint(info *rules.Info) string {
	if h := recommendation(info); h != "" {
		return h
	}
	return synopsis(info)
}

func severity(info *rules.Info) string {
	if info == nil {
		return ""
	}
	return string(info.Severity)
}

func pillar(info *rules.Info) string {
	if info == nil {
		return ""
	}
	return info.Pillar
}

func helpURI(info *rules.Info) string {
	if info == nil {
		return ""
	}
	return info.HelpURI
}

// location is where a record points: the first source position with a
// line, else the first one naming a file, else the input file itself.
func location(rec *engine.Record) source.Position {
	for _, p := range rec.Source {
		if p.IsValid() {
			return p
		}
	}
	for _, p := range rec.Source {
		if p.File != "" {
			return p
		}
	}
	return source.Position{File: rec.Input}
}

// targetKey identifies a target within a report: the same resource from
// two parameter files is two targets.
func targetKey(rec *engine.Record) string {
	id := rec.TargetID
	if id == "" {
		id = rec.TargetName
	}
	return rec.Input + "\x00" + rec.TargetType + "\x00" + id
}

// targetLabel renders "name (type)".
func targetLabel(rec *engine.Record) string {
	if rec.TargetType == "" {
		return rec.TargetName
	}
	return rec.TargetName + " (" + rec.TargetType + ")"
}

// reasons renders the record's reasons as PSRule words them. With at set,
// a reason whose value was written somewhere other than the finding's own
// location says where, so the user can find the value to change.
func reasons(rec *engine.Record, at bool) []string {
	out := make([]string, 0, len(rec.Reasons))
	here := location(rec)
	for _, rs := range rec.Reasons {
		s := rs.String()
		if at && rs.Pos.IsValid() {
			if p := rs.Pos.Position(); p.IsValid() && p != here {
				s += " (at " + p.String() + ")"
			}
		}
		out = append(out, s)
	}
	return out
}

// suppressedNote says which suppression hid a record.
func suppressedNote(rec *engine.Record) string {
	if rec.SuppressedBy == "" {
		return "Suppressed."
	}
	return "Suppressed by " + rec.SuppressedBy + "."
}

// fileGroup is the records and input errors of one input file.
type fileGroup struct {
	file    string
	records []*engine.Record
	errors  []*engine.InputError
}

// groupByFile groups shown records by input file and input errors by the
// file they are in, files in name order, records in report order.
func groupByFile(r *engine.Report, keep func(*engine.Record) bool) []*fileGroup {
	byName := map[string]*fileGroup{}
	get := func(name string) *fileGroup {
		g := byName[name]
		if g == nil {
			g = &fileGroup{file: name}
			byName[name] = g
		}
		return g
	}
	for i := range r.Errors {
		e := &r.Errors[i]
		g := get(e.Position.File)
		g.errors = append(g.errors, e)
	}
	for i := range r.Records {
		rec := &r.Records[i]
		if keep(rec) {
			g := get(rec.Input)
			g.records = append(g.records, rec)
		}
	}
	groups := make([]*fileGroup, 0, len(byName))
	for _, g := range byName {
		groups = append(groups, g)
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].file < groups[j].file })
	return groups
}

// sortedErrors returns the input errors ordered by file, line and column,
// whatever order the report holds them in.
func sortedErrors(r *engine.Report) []*engine.InputError {
	out := make([]*engine.InputError, len(r.Errors))
	for i := range r.Errors {
		out[i] = &r.Errors[i]
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Position, out[j].Position
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return out
}

// safeText makes s safe to print: invalid UTF-8 becomes U+FFFD and
// control characters other than newline and tab are shown escaped, so a
// name or message taken from an input file cannot move the cursor, change
// colours or hide text on the user's terminal.
func safeText(s string) string {
	clean := true
	for _, c := range s {
		if c == utf8.RuneError || isControl(c) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, c := range strings.ToValidUTF8(s, "\uFFFD") {
		if isControl(c) {
			fmt.Fprintf(&b, "\\x%02x", c)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// isControl reports C0 and C1 control characters and DEL, except newline
// and tab, which formats handle themselves.
func isControl(c rune) bool {
	if c == '\n' || c == '\t' {
		return false
	}
	return c < 0x20 || (c >= 0x7f && c <= 0x9f)
}
