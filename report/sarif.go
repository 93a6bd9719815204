package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// srcRoot is the uriBaseId GitHub code scanning resolves to the checkout.
const srcRoot = "%SRCROOT%"

// fingerprintKey names azrule's partial fingerprint. The version suffix
// lets the recipe change without matching old alerts wrongly.
const fingerprintKey = "azruleFinding/v1"

// writeSARIF writes one SARIF 2.1.0 run in the subset GitHub code scanning
// accepts, built with github.com/owenrumney/go-sarif so that the document
// follows the schema's types.
//
// Decisions:
//   - One rule descriptor per rule that ran (Report.Rules, plus any rule a
//     record names that the list lacks), ids being the rule refs.
//   - Default outcomes Fail and Error. Fail takes the rule's level
//     (Critical error, Important warning, Awareness note); Error is level
//     error and its message is the error's reason. Pass and None, when
//     asked for, are kind "pass" and "notApplicable" at level none.
//   - Suppressed records are left out: GitHub opens alerts for every
//     uploaded result whatever its SARIF suppressions say.
//   - Regions have startLine, startColumn and endLine. The engine records
//     where a value starts, not where it ends, so endColumn is left out and
//     SARIF takes the region to the end of the line; columns count Unicode
//     code points (columnKind unicodeCodePoints), as source.Position does.
//   - partialFingerprints hash the rule, target and input file, not the
//     line, so an alert survives edits above it.
//   - Input errors are toolExecutionNotifications of level error, with
//     their positions; executionSuccessful is false when there are any.
func writeSARIF(b *bytes.Buffer, r *engine.Report, v *view) error {
	run := sarif.NewRunWithInformationURI(v.opt.ToolName, v.opt.InformationURI)
	run.WithColumnKind("unicodeCodePoints")
	driver := run.Tool.Driver
	if v.opt.ToolVersion != "" {
		driver.WithVersion(v.opt.ToolVersion)
	}
	// Descriptors in rule-name order, so ruleIndex is stable.
	infos := append([]*rules.Info(nil), r.Rules...)
	seen := map[*rules.Info]bool{}
	for _, info := range infos {
		seen[info] = true
	}
	for i := range r.Records {
		if info := r.Records[i].Rule; info != nil && !seen[info] {
			seen[info] = true
			infos = append(infos, info)
		}
	}
	sort.SliceStable(infos, func(i, j int) bool { return ruleName(infos[i]) < ruleName(infos[j]) })
	index := map[string]int{}
	for _, info := range infos {
		if info == nil {
			continue
		}
		id := ruleID(info)
		if _, dup := index[id]; dup {
			continue
		}
		index[id] = len(driver.Rules)
		driver.AddRule(descriptor(info))
	}

	for i := range r.Records {
		rec := &r.Records[i]
		if !v.shows(rec) || rec.Suppressed {
			continue
		}
		id := ruleID(rec.Rule)
		idx, ok := index[id]
		if !ok {
			idx = -1
		}
		run.AddResult(result(rec, id, idx, v.opt.Root))
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(len(r.Errors) == 0)
	for _, e := range sortedErrors(r) {
		n := sarif.NewNotification().
			WithLevel(sarif.LevelError).
			WithMessage(sarif.NewTextMessage(nonEmpty(e.Message, "input error")))
		if e.Code != "" {
			n.WithDescriptor(sarif.NewReportingDescriptorReference().WithID(e.Code))
		}
		if loc := physical(e.Position, v.opt.Root); loc != nil {
			n.AddLocation(sarif.NewLocationWithPhysicalLocation(loc))
		}
		inv.AddToolExecutionNotification(n)
	}
	run.AddInvocation(inv)

	log := sarif.NewReport()
	log.AddRun(run)
	var raw bytes.Buffer
	if err := log.PrettyWrite(&raw); err != nil {
		return err
	}
	if err := compactSARIF(b, raw.Bytes()); err != nil {
		return err
	}
	b.WriteByte('\n')
	return nil
}

// descriptor builds a rule's reportingDescriptor from its Info and doc.
func descriptor(info *rules.Info) *sarif.ReportingDescriptor {
	d := sarif.NewRule(ruleID(info)).WithName(ruleName(info))
	if s := synopsis(info); s != "" {
		d.WithShortDescription(sarif.NewMultiformatMessageString().WithText(s))
	}
	if s := description(info); s != "" {
		d.WithFullDescription(sarif.NewMultiformatMessageString().WithText(s))
	}
	help := sarif.NewMultiformatMessageString().WithText(helpText(info))
	if md := helpMarkdown(info); md != "" {
		help.WithMarkdown(md)
	}
	d.WithHelp(help)
	if u := helpURI(info); u != "" {
		d.WithHelpURI(u)
	}
	d.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(info.Severity)))
	props := sarif.NewPropertyBag().WithTags(sarifTags(info))
	props.Add("precision", "high")
	props.Add("security-severity", securitySeverity(info.Severity))
	d.WithProperties(props)
	return d
}

// helpText is the plain-text help: synopsis, description, recommendation
// and links, the parts of the doc a viewer without Markdown can show.
func helpText(info *rules.Info) string {
	var parts []string
	if s := synopsis(info); s != "" {
		parts = append(parts, s)
	}
	if s := description(info); s != "" {
		parts = append(parts, s)
	}
	if s := recommendation(info); s != "" {
		parts = append(parts, "Recommendation: "+s)
	}
	if info.Doc != nil && len(info.Doc.Links) > 0 {
		var l strings.Builder
		l.WriteString("Links:")
		for _, link := range info.Doc.Links {
			l.WriteString("\n- ")
			if link.Title != "" {
				l.WriteString(link.Title + ": ")
			}
			l.WriteString(link.URL)
		}
		parts = append(parts, l.String())
	}
	if u := helpURI(info); u != "" {
		parts = append(parts, "Documentation: "+u)
	}
	if len(parts) == 0 {
		return ruleName(info)
	}
	return strings.Join(parts, "\n\n")
}

// helpMarkdown is the rule doc as written, or for a doc held only in
// parts, those parts as Markdown. A rule without a doc has none.
func helpMarkdown(info *rules.Info) string {
	if info.Doc == nil {
		return ""
	}
	if body := info.Doc.Body(); strings.TrimSpace(body) != "" {
		return body
	}
	var b strings.Builder
	b.WriteString("# " + ruleName(info) + "\n")
	if s := synopsis(info); s != "" {
		b.WriteString("\n" + s + "\n")
	}
	if s := description(info); s != "" {
		b.WriteString("\n## Description\n\n" + s + "\n")
	}
	if s := recommendation(info); s != "" {
		b.WriteString("\n## Recommendation\n\n" + s + "\n")
	}
	if len(info.Doc.Links) > 0 {
		b.WriteString("\n## Links\n\n")
		for _, l := range info.Doc.Links {
			title := l.Title
			if title == "" {
				title = l.URL
			}
			b.WriteString("- [" + title + "](" + mdURL(l.URL) + ")\n")
		}
	}
	return b.String()
}

// sarifTags are the rule's tags and labels as "key=value" strings, sorted,
// plus "security" for the Security pillar, which is the tag GitHub needs
// before it shows security-severity.
func sarifTags(info *rules.Info) []string {
	set := map[string]bool{}
	for k, val := range info.Tags {
		set[k+"="+val] = true
	}
	for k, vals := range info.Labels {
		for _, val := range vals {
			set[k+"="+val] = true
		}
	}
	if strings.EqualFold(info.Pillar, "Security") {
		set["security"] = true
	}
	tags := make([]string, 0, len(set))
	for t := range set {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	return tags
}

// level maps a PSRule for Azure severity to a SARIF level. An unknown
// severity is a warning, PSRule's default level.
func level(s rules.Severity) string {
	switch s {
	case rules.Critical:
		return sarif.LevelError
	case rules.Awareness:
		return sarif.LevelNote
	}
	return sarif.LevelWarning
}

// securitySeverity places each severity inside one of GitHub's bands
// (critical above 9.0, high 7.0-8.9, medium 4.0-6.9, low below 4.0),
// away from the edges: Critical critical, Important high, Awareness low.
func securitySeverity(s rules.Severity) string {
	switch s {
	case rules.Critical:
		return "9.5"
	case rules.Awareness:
		return "3.0"
	}
	return "7.5"
}

// result builds the SARIF result of one record.
func result(rec *engine.Record, id string, idx int, root string) *sarif.Result {
	res := sarif.NewRuleResult(id).WithRuleIndex(idx)
	msg := strings.Join(reasons(rec, true), "\n")
	switch rec.Outcome {
	case rules.Fail:
		res.WithKind("fail").WithLevel(level(ruleSeverity(rec.Rule)))
		if h := hint(rec.Rule); h != "" {
			msg = joinNonEmpty(msg, h)
		}
	case rules.Error:
		res.WithKind("fail").WithLevel(sarif.LevelError)
		msg = joinNonEmpty("The rule could not be evaluated.", msg)
	case rules.Pass:
		res.WithKind("pass").WithLevel(sarif.LevelNone)
	default:
		res.WithKind("notApplicable").WithLevel(sarif.LevelNone)
	}
	res.WithMessage(sarif.NewTextMessage(nonEmpty(msg, ruleName(rec.Rule)+": "+rec.Outcome.String())))

	logical := sarif.NewLogicalLocation().WithName(rec.TargetName).WithKind("resource")
	fq := rec.TargetID
	if fq == "" {
		fq = rec.TargetType + "/" + rec.TargetName
	}
	logical.WithFullyQualifiedName(fq)

	primary := location(rec)
	loc := sarif.NewLocation().WithLogicalLocations([]*sarif.LogicalLocation{logical})
	if p := physical(primary, root); p != nil {
		loc.WithPhysicalLocation(p)
	}
	res.AddLocation(loc)

	// The other source positions (the resource declaration, most often)
	// are related locations, so a viewer can jump to them too.
	for i, p := range rec.Source {
		if p == primary || !p.IsValid() {
			continue
		}
		pl := physical(p, root)
		if pl == nil {
			continue
		}
		text := "Related position."
		if i == len(rec.Source)-1 {
			text = "Declaration of " + rec.TargetName + "."
		}
		rel := sarif.NewLocationWithPhysicalLocation(pl).WithID(i).WithMessage(sarif.NewTextMessage(text))
		res.AddRelatedLocation(rel)
	}

	res.WithPartialFingerprints(map[string]string{fingerprintKey: fingerprint(rec, id)})
	return res
}

func ruleSeverity(info *rules.Info) rules.Severity {
	if info == nil {
		return ""
	}
	return info.Severity
}

// fingerprint is stable per rule, target and input file.
func fingerprint(rec *engine.Record, id string) string {
	target := rec.TargetID
	if target == "" {
		target = rec.TargetType + "/" + rec.TargetName
	}
	sum := sha256.Sum256([]byte(id + "\x00" + strings.ToLower(target) + "\x00" + rec.Input))
	return hex.EncodeToString(sum[:16])
}

// physical returns the physical location of p, or nil when p names no
// file.
func physical(p source.Position, root string) *sarif.PhysicalLocation {
	if p.File == "" {
		return nil
	}
	art := artifact(p.File, root)
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(art)
	if p.IsValid() {
		region := sarif.NewRegion().WithStartLine(p.Line).WithEndLine(p.Line)
		if p.Column > 0 {
			region.WithStartColumn(p.Column)
		}
		pl.WithRegion(region)
	}
	return pl
}

// artifact turns a file name into an artifactLocation. Names relative to
// the scan root (what the engine produces) get uriBaseId %SRCROOT%; an
// absolute name inside Root is made relative first; any other absolute
// name becomes a file URI of its own.
func artifact(name, root string) *sarif.ArtifactLocation {
	p := strings.ReplaceAll(name, "\\", "/")
	if isAbs(p) && root != "" {
		if rel, ok := relativeTo(name, root); ok {
			p = rel
		}
	}
	if isAbs(p) {
		u := url.URL{Scheme: "file", Path: p}
		if !strings.HasPrefix(p, "/") {
			u.Path = "/" + p // a Windows drive path: file:///C:/...
		}
		return sarif.NewSimpleArtifactLocation(u.String())
	}
	p = strings.TrimPrefix(p, "./")
	u := url.URL{Path: p}
	return sarif.NewSimpleArtifactLocation(u.String()).WithURIBaseID(srcRoot)
}

// isAbs reports a slash-separated absolute path, Unix or Windows.
func isAbs(p string) bool {
	if strings.HasPrefix(p, "/") {
		return true
	}
	return len(p) >= 3 && p[1] == ':' && p[2] == '/' &&
		(p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z')
}

// relativeTo returns name relative to root with forward slashes, when
// name is inside root.
func relativeTo(name, root string) (string, bool) {
	if !filepath.IsAbs(root) {
		abs, err := filepath.Abs(root)
		if err != nil {
			return "", false
		}
		root = abs
	}
	rel, err := filepath.Rel(root, name)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") || isAbs(rel) {
		return "", false
	}
	return rel, true
}

func nonEmpty(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}
