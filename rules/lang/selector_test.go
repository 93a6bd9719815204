package lang

import (
	"strings"
	"testing"
	"time"

	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

const siteDoc = `{
  "name": "app1",
  "type": "Microsoft.Web/sites",
  "resources": [
    {"name": "web", "type": "Microsoft.Web/sites/config", "properties": {"detailedErrorLoggingEnabled": true}},
    {"name": "logs", "type": "Microsoft.Web/sites/config", "properties": {"detailedErrorLoggingEnabled": false}},
    {"name": "slot", "type": "Microsoft.Web/sites/slots", "properties": {}},
    {"name": "dyn", "type": "Microsoft.Web/sites/config", "properties": {"detailedErrorLoggingEnabled": "{{unknown:logging}}"}}
  ],
  "tags": ["a", "b"]
}`

func TestSubSelectors(t *testing.T) {
	tg := target(t, "Microsoft.Web/sites", siteDoc)
	cases := []struct {
		name, expr string
		want       Truth
	}{
		{"all filtered items must pass", `
field: resources
where: {type: ., equals: Microsoft.Web/sites/config}
allOf:
- {field: properties.detailedErrorLoggingEnabled, equals: true}`, False},
		{"slots only", `
field: resources
where: {type: ., equals: Microsoft.Web/sites/slots}
allOf:
- {field: name, equals: slot}`, True},
		{"no item matches where: false", `
field: resources
where: {type: ., equals: Microsoft.Web/sites/other}
allOf:
- {field: name, exists: true}`, False},
		{"missing field: false", `
field: missing
allOf:
- {field: name, exists: true}`, False},
		{"fallback with anyOf", `
anyOf:
- field: missing
  allOf:
  - {field: name, exists: true}
- {field: missing, exists: false}`, True},
		{"anyOf on each item", `
field: resources
where: {name: ., in: [web, slot]}
anyOf:
- {field: properties.detailedErrorLoggingEnabled, equals: true}
- {type: ., equals: Microsoft.Web/sites/slots}`, True},
		{"count quantifier", `
field: resources
where: {name: ., in: [web, logs]}
count: 1
allOf:
- {field: properties.detailedErrorLoggingEnabled, equals: true}`, True},
		{"greaterOrEqual quantifier undecided", `
field: resources
greaterOrEqual: 2
allOf:
- {field: properties.detailedErrorLoggingEnabled, equals: true}`, Unknown},
		{"less quantifier decided despite unknown", `
field: resources
less: 3
allOf:
- {field: properties.detailedErrorLoggingEnabled, equals: true}`, True},
		{"greater quantifier fails", `
field: resources
greater: 2
where: {type: ., equals: Microsoft.Web/sites/config}
allOf:
- {field: properties.detailedErrorLoggingEnabled, exists: true}`, True},
		{"lessOrEquals spelling", `
field: resources
lessOrEquals: 0
allOf:
- {field: name, equals: nothing}`, True},
		{"unknown item with no quantifier", `
field: resources
where: {name: ., equals: dyn}
allOf:
- {field: properties.detailedErrorLoggingEnabled, equals: true}`, Unknown},
		{"scalar elements with field .", `
field: tags
allOf:
- {field: ., in: [a, b]}`, True},
		{"nested sub-selectors", `
field: resources
where: {field: name, equals: web}
allOf:
- field: properties
  allOf:
  - {field: detailedErrorLoggingEnabled, equals: true}`, True},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := mustExpr(t, c.expr)
			got, reasons := e.Eval(tg)
			if got != c.want {
				t.Errorf("got %v, want %v (%v)", got, c.want, reasons)
			}
		})
	}
}

func TestSubSelectorReasonPaths(t *testing.T) {
	tg := target(t, "Microsoft.Web/sites", siteDoc)
	e := mustExpr(t, `
field: resources
where: {type: ., equals: Microsoft.Web/sites/config}
allOf:
- {field: properties.detailedErrorLoggingEnabled, equals: true}`)
	got, reasons := e.Eval(tg)
	if got != False {
		t.Fatalf("got %v", got)
	}
	// The false element is reported with its index; the unknown one is
	// dropped because the answer is decided without it.
	if len(reasons) != 1 {
		t.Fatalf("reasons = %v", reasons)
	}
	r := reasons[0]
	if r.String() != "Path resources[1].properties.detailedErrorLoggingEnabled: Is set to 'False'." {
		t.Errorf("reason = %s", r)
	}
	if want := strings.Index(siteDoc, "false"); r.Pos.Offset != want {
		t.Errorf("reason at %v, want the false value (offset %d)", r.Pos, want)
	}
}

func TestKleeneLogic(t *testing.T) {
	tg := target(t, "T", `{"a": "x", "u": "{{unknown:access}}"}`)
	cases := []struct {
		expr string
		want Truth
	}{
		{"{allOf: [{field: a, equals: y}, {field: u, equals: z}]}", False},   // false AND unknown
		{"{allOf: [{field: a, equals: x}, {field: u, equals: z}]}", Unknown}, // true AND unknown
		{"{anyOf: [{field: a, equals: x}, {field: u, equals: z}]}", True},    // true OR unknown
		{"{anyOf: [{field: a, equals: y}, {field: u, equals: z}]}", Unknown}, // false OR unknown
		{"{not: {field: u, equals: z}}", Unknown},
		{"{not: {field: a, equals: x}}", False},
		{"{not: {not: {field: a, equals: x}}}", True},
		{"{allOf: [{field: u, exists: true}, {field: u, hasValue: true}]}", Unknown},
	}
	for _, c := range cases {
		got, reasons := mustExpr(t, c.expr).Eval(tg)
		if got != c.want {
			t.Errorf("%s: got %v, want %v", c.expr, got, c.want)
		}
		if got == Unknown {
			found := false
			for _, r := range reasons {
				if strings.Contains(r.Message, "parameter 'access'") {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: unknown without naming the parameter: %v", c.expr, reasons)
			}
		}
		if got == False {
			for _, r := range reasons {
				if strings.Contains(r.Message, "Depends on") {
					t.Errorf("%s: decided false but a reason blames the unknown value: %v", c.expr, reasons)
				}
			}
		}
	}
}

func TestReasons(t *testing.T) {
	const text = `{
  "identity": {"type": "SystemAssigned"},
  "properties": {"publicNetworkAccess": "{{unknown:access}}", "hbi": false}
}`
	tg := target(t, "Microsoft.MachineLearningServices/workspaces", text)
	cases := []struct {
		expr, want string
		at         string // the reason points at the first occurrence of this text
	}{
		{"{field: identity.type, equals: UserAssigned}", "Path identity.type: Is set to 'SystemAssigned'.", `"SystemAssigned"`},
		{"{field: properties.primaryUserAssignedIdentity, exists: true}", "Path properties.primaryUserAssignedIdentity: Does not exist.", `{"publicNetworkAccess"`},
		{"{field: identity.type, in: [UserAssigned, 'SystemAssigned,UserAssigned']}", "Path identity.type: The value 'SystemAssigned' was not in 'UserAssigned', 'SystemAssigned,UserAssigned'.", `"SystemAssigned"`},
		{"{field: properties.publicNetworkAccess, equals: Disabled}", "Path properties.publicNetworkAccess: Depends on parameter 'access', which has no value; set it in a parameter file or with AZURE_PARAMETER_DEFAULTS.", `"{{unknown`},
		{"{field: properties.hbi, equals: true}", "Path properties.hbi: Is set to 'False'.", `false`},
		{"{not: {field: identity.type, equals: SystemAssigned}}", "Path identity.type: Is set to 'SystemAssigned'.", `"SystemAssigned"`},
		{"{not: {field: identity, exists: true}}", "Path identity: Exists.", `{"type"`},
		{"{field: identity.type, startsWith: User}", "Path identity.type: The value 'SystemAssigned' does not start with any of 'User'.", `"SystemAssigned"`},
		{"{field: identity.type, match: '^User'}", "Path identity.type: The value 'SystemAssigned' does not match the expression '^User'.", `"SystemAssigned"`},
		{"{field: identity.type, notIn: [SystemAssigned]}", "Path identity.type: Is set to 'SystemAssigned'.", `"SystemAssigned"`},
		{"{field: identity.type, less: 3}", "Path identity.type: The value 'SystemAssigned' is not < 3.", `"SystemAssigned"`},
		{"{field: identity, count: 1}", `Path identity: The value '{"type":"SystemAssigned"}' is not a list; expected 1 items.`, `{"type"`},
		{"{type: ., equals: x}", "Is set to 'Microsoft.MachineLearningServices/workspaces'.", `{`},
	}
	for _, c := range cases {
		got, reasons := mustExpr(t, c.expr).Eval(tg)
		if got == True || len(reasons) != 1 {
			t.Errorf("%s: %v %v", c.expr, got, reasons)
			continue
		}
		r := reasons[0]
		if r.String() != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.expr, r, c.want)
		}
		if want := strings.Index(text, c.at); r.Pos.Offset != want {
			t.Errorf("%s: reason at %v, want offset %d (%s)", c.expr, r.Pos, want, c.at)
		}
	}
}

func TestAnyOfReasonsOnlyWhenFailing(t *testing.T) {
	tg := target(t, "T", `{"a": "x"}`)
	got, reasons := mustExpr(t, "{anyOf: [{field: a, equals: y}, {field: b, exists: true}]}").Eval(tg)
	if got != False || len(reasons) != 2 {
		t.Fatalf("got %v %v, want false with both reasons", got, reasons)
	}
	got, reasons = mustExpr(t, "{anyOf: [{field: a, equals: y}, {field: a, exists: true}]}").Eval(tg)
	if got != True || reasons != nil {
		t.Fatalf("got %v %v, want true with no reasons", got, reasons)
	}
}

const ruleDocs = `
apiVersion: github.com/microsoft/PSRule/v1
kind: Selector
metadata: {name: HasKind}
spec: {if: {field: kind, exists: true}}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata: {name: Test.Kind}
spec:
  type: [Microsoft.Web/sites]
  with: [HasKind]
  where: {field: kind, notEquals: functionapp}
  condition: {field: properties.httpsOnly, equals: true}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: SuppressionGroup
metadata: {name: Suppress.Dev}
spec:
  rule: [Test.*]
  if: {field: tags.env, equals: dev}
---
apiVersion: github.com/microsoft/PSRule/v1
kind: SuppressionGroup
metadata: {name: Suppress.Old}
spec:
  rule: [Test.Kind]
  expiresOn: '2020-01-01T00:00:00Z'
`

func TestRuleEvaluate(t *testing.T) {
	f := mustParse(t, "r.Rule.yaml", ruleDocs)
	set, errs := Compile(f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r := set.Rule("test.kind")
	cases := []struct {
		name, typ, doc string
		want           rules.Outcome
	}{
		{"pass", "Microsoft.Web/sites", `{"kind": "app", "properties": {"httpsOnly": true}}`, rules.Pass},
		{"fail", "Microsoft.Web/sites", `{"kind": "app", "properties": {"httpsOnly": false}}`, rules.Fail},
		{"type case", "microsoft.web/SITES", `{"kind": "app", "properties": {"httpsOnly": true}}`, rules.Pass},
		{"other type", "Microsoft.Web/serverFarms", `{"kind": "app"}`, rules.None},
		{"selector", "Microsoft.Web/sites", `{"properties": {"httpsOnly": false}}`, rules.None},
		{"where", "Microsoft.Web/sites", `{"kind": "FunctionApp", "properties": {"httpsOnly": false}}`, rules.None},
		{"unknown precondition, failing", "Microsoft.Web/sites", `{"kind": "{{unknown:kind}}", "properties": {"httpsOnly": false}}`, rules.Fail},
		{"unknown precondition, passing", "Microsoft.Web/sites", `{"kind": "{{unknown:kind}}", "properties": {"httpsOnly": true}}`, rules.Pass},
		{"unknown condition", "Microsoft.Web/sites", `{"kind": "app", "properties": {"httpsOnly": "{{unknown:https}}"}}`, rules.Fail},
	}
	for _, c := range cases {
		res := r.Evaluate(target(t, c.typ, c.doc))
		if res.Outcome != c.want {
			t.Errorf("%s: %v %v, want %v", c.name, res.Outcome, res.Reasons, c.want)
		}
		if res.Outcome == rules.Fail && len(res.Reasons) == 0 {
			t.Errorf("%s: fail without reasons", c.name)
		}
	}
	res := r.Evaluate(target(t, "Microsoft.Web/sites", `{"kind": "{{unknown:kind}}", "properties": {"httpsOnly": false}}`))
	if len(res.Reasons) != 2 || res.Reasons[1].String() != "Path kind: Whether the rule applies (spec.where) depends on parameter 'kind', which has no value; set it in a parameter file or with AZURE_PARAMETER_DEFAULTS." {
		t.Errorf("unknown precondition reasons: %v", res.Reasons)
	}
	tg := target(t, "Microsoft.Web/sites", `{"kind": "app"}`)
	tg.Errors.Add(tg.Pos, "unknown function 'foo'")
	res = r.Evaluate(tg)
	if res.Outcome != rules.Error || len(res.Reasons) != 1 || res.Reasons[0].Message != "unknown function 'foo'" || res.Reasons[0].Pos != tg.Pos {
		t.Errorf("target with errors: %+v", res)
	}
}

func TestSelectorAndSuppressionMatch(t *testing.T) {
	f := mustParse(t, "r.Rule.yaml", ruleDocs)
	set, _ := Compile(f)
	sel := set.Selectors["haskind"]
	if ok, err := sel.Match(target(t, "T", `{"kind": "x"}`)); !ok || err != nil {
		t.Errorf("selector: %v %v", ok, err)
	}
	if ok, err := sel.Match(target(t, "T", `{}`)); ok || err != nil {
		t.Errorf("selector on missing kind: %v %v", ok, err)
	}
	info := set.Rule("Test.Kind").Info()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	dev, old := set.SuppressionGroups[0], set.SuppressionGroups[1]
	if ok, _ := dev.Match(info, target(t, "T", `{"tags": {"env": "DEV"}}`), now); !ok {
		t.Error("suppression by wildcard rule name and if")
	}
	if ok, _ := dev.Match(info, target(t, "T", `{"tags": {"env": "prod"}}`), now); ok {
		t.Error("suppression despite if")
	}
	ok, err := dev.Match(info, target(t, "T", `{"tags": {"env": "{{unknown:env}}"}}`), now)
	var ue *UnknownError
	if ok || err == nil || !errorsAs(err, &ue) || ue.Path != "tags.env" || !strings.Contains(err.Error(), "parameter 'env'") {
		t.Errorf("unknown suppression: %v %v", ok, err)
	}
	if ok, _ := old.Match(info, target(t, "T", `{}`), now); ok {
		t.Error("an expired group suppressed")
	}
	if !old.Expired(now) || old.ExpiresOnPos.Position().Line != 28 {
		t.Errorf("expiry %v at %v", old.ExpiresOn, old.ExpiresOnPos)
	}
}

func errorsAs(err error, target **UnknownError) bool {
	u, ok := err.(*UnknownError)
	if ok {
		*target = u
	}
	return ok
}

func TestBaselineSelects(t *testing.T) {
	f := mustParse(t, "b.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Baseline
metadata: {name: B}
spec:
  rule:
    include: ['Azure.ML.*', AZR-000999]
    exclude: [Azure.ML.Skip]
    tag:
      release: [GA, preview]
      ruleSet: '*'
`)
	b := f.Baselines[0]
	info := func(name, ref, release string) *rules.Info {
		tags := map[string]string{"ruleSet": "2023_12"}
		if release != "" {
			tags["release"] = release
		}
		return &rules.Info{Name: name, Ref: ref, Tags: tags}
	}
	cases := []struct {
		info *rules.Info
		want bool
	}{
		{info("Azure.ML.PublicAccess", "", "GA"), true},
		{info("azure.ml.publicaccess", "", "ga"), true},
		{info("Azure.ML.Skip", "", "GA"), false},
		{info("Azure.KeyVault.Purge", "AZR-000999", "GA"), true},
		{info("Azure.KeyVault.Purge", "AZR-000998", "GA"), false},
		{info("Azure.ML.PublicAccess", "", "deprecated"), false},
		{info("Azure.ML.PublicAccess", "", ""), false},
	}
	for _, c := range cases {
		if got := b.Selects(c.info); got != c.want {
			t.Errorf("%s %s %v: %v, want %v", c.info.Name, c.info.Ref, c.info.Tags, got, c.want)
		}
	}
	lb := mustParse(t, "l.yaml", `
apiVersion: github.com/microsoft/PSRule/v1
kind: Baseline
metadata: {name: L}
spec:
  rule:
    labels:
      Azure.WAF/maturity: [L1]
      Azure.MCSB.v1/control: ['*']
`).Baselines[0]
	if !lb.Selects(&rules.Info{Name: "x", Labels: map[string][]string{"Azure.WAF/maturity": {"L1"}}}) {
		t.Error("label value")
	}
	if !lb.Selects(&rules.Info{Name: "x", Labels: map[string][]string{"azure.mcsb.v1/control": {"NS-2"}}}) {
		t.Error("label wildcard")
	}
	if lb.Selects(&rules.Info{Name: "x", Labels: map[string][]string{"Azure.WAF/maturity": {"L2"}}}) {
		t.Error("label mismatch selected")
	}
}

func TestUnknownErrorMessage(t *testing.T) {
	e := &UnknownError{Path: "p"}
	e.Unknown.Origin = "reference() of a resource outside the deployment"
	if got := e.Error(); !strings.HasPrefix(got, "Path p: Depends on reference() of a resource outside the deployment") {
		t.Errorf("message = %s", got)
	}
}

var _ = source.Pos{}

func TestUnknownParents(t *testing.T) {
	tg := target(t, "T", `{"properties": "{{unknown:props}}", "rules": "{{unknown:rules}}"}`)
	for _, expr := range []string{
		"{field: properties.publicNetworkAccess, exists: true}",
		"{field: properties.publicNetworkAccess, exists: false}",
		"{field: properties.publicNetworkAccess, notEquals: Enabled}",
		"{field: rules, allOf: [{field: name, exists: true}]}",
		"{field: rules, count: 0, allOf: [{field: name, exists: true}]}",
	} {
		got, reasons := mustExpr(t, expr).Eval(tg)
		if got != Unknown || len(reasons) != 1 || !strings.Contains(reasons[0].Message, "Depends on parameter") {
			t.Errorf("%s: %v %v", expr, got, reasons)
		}
	}
}

func TestUnknownErrorNamesTheDecidingValue(t *testing.T) {
	// The first unknown met (a) does not decide: its allOf is false. The
	// answer depends on b.
	tg := target(t, "T", `{"a": "{{unknown:a}}", "b": "{{unknown:b}}", "c": "x"}`)
	e := mustExpr(t, "{anyOf: [{allOf: [{field: a, equals: y}, {field: c, equals: z}]}, {field: b, equals: y}]}")
	ok, err := matchExpr(e, tg)
	var ue *UnknownError
	if ok || !errorsAs(err, &ue) || ue.Path != "b" || !strings.Contains(err.Error(), "parameter 'b'") {
		t.Errorf("got %v %v", ok, err)
	}
}
