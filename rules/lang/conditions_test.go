package lang

import (
	"os"
	"strings"
	"testing"
)

// doc is the target object every condition case runs on.
const doc = `{
  "name": "res-1",
  "str": "Value",
  "lower": "abc-1",
  "upper": "ABC-1",
  "empty": "",
  "int": 5,
  "float": 2.5,
  "numstr": "7",
  "bool": true,
  "boolstr": "true",
  "null": null,
  "date": "2026-01-15T00:00:00Z",
  "plaindate": "2026-01-15",
  "arr": ["a", "B", "c"],
  "dups": ["a", "a", "b"],
  "ints": [1, 2, 3],
  "emptyArr": [],
  "obj": {"k": "v"},
  "emptyObj": {},
  "url": "https://contoso.com/azure/docs",
  "ver": "1.2.3",
  "pre": "2.0.0-beta.1",
  "api": "2023-05-01",
  "apiPre": "2024-01-01-preview",
  "unk": "{{unknown:access}}",
  "unkArr": ["a", "{{unknown:extra}}"],
  "unkObj": {"k": "{{unknown:k}}"},
  "doc": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"}
}`

type condCase struct {
	expr string
	want Truth
}

func runCases(t *testing.T, cases []condCase) {
	t.Helper()
	tg := target(t, "Microsoft.Test/things", doc)
	for _, c := range cases {
		e := mustExpr(t, c.expr)
		got, reasons := e.Eval(tg)
		if got != c.want {
			t.Errorf("%s: got %v, want %v (reasons %v)", c.expr, got, c.want, reasons)
			continue
		}
		if got != True && len(reasons) == 0 {
			t.Errorf("%s: %v with no reason", c.expr, got)
		}
		if q := e.Test(tg); q != got {
			t.Errorf("%s: Test gave %v, Eval %v", c.expr, q, got)
		}
	}
}

func TestExists(t *testing.T) {
	runCases(t, []condCase{
		{"{field: str, exists: true}", True},
		{"{field: STR, exists: true}", True}, // names match without regard to case
		{"{field: missing, exists: true}", False},
		{"{field: missing, exists: false}", True},
		{"{field: str, exists: false}", False},
		{"{field: 'null', exists: true}", True}, // null is present
		{"{field: unk, exists: true}", True},    // a deployment-time value exists
		{"{field: obj.k, exists: true}", True},
		{"{field: obj.k.deeper, exists: true}", False},
	})
}

func TestEquals(t *testing.T) {
	runCases(t, []condCase{
		{"{field: str, equals: Value}", True},
		{"{field: str, equals: value}", True},
		{"{field: str, equals: value, caseSensitive: true}", False},
		{"{field: str, equals: Other}", False},
		{"{field: missing, equals: Value}", False},
		{"{field: int, equals: 5}", True},
		{"{field: int, equals: '5'}", True}, // the expected value converts (PSRule's convertExpected)
		{"{field: int, equals: '6', convert: true}", False},
		{"{field: numstr, equals: 7}", False},
		{"{field: numstr, equals: 7, convert: true}", True},
		{"{field: bool, equals: true}", True},
		{"{field: bool, equals: 'true'}", True}, // the expected value converts
		{"{field: boolstr, equals: true}", False},
		{"{field: boolstr, equals: true, convert: true}", True},
		{"{field: float, equals: 2.5}", True},
		{"{field: 'null', equals: null}", True},
		{"{field: str, equals: null}", False},
		{"{field: arr, equals: [a, B, c]}", True},
		{"{field: arr, equals: [a, b, c]}", False}, // elements compare exactly
		{"{field: obj, equals: {k: v}}", True},
		{"{field: unk, equals: Enabled}", Unknown},
		{"{field: unkArr, equals: [a, b]}", Unknown},
		{"{field: unkObj, equals: x}", False}, // an object is never a string
		{"{field: unkObj, equals: {k: v}}", Unknown},
		{"{name: ., equals: RES-1}", True},
		{"{type: ., equals: microsoft.test/things}", True},
		{"{value: abc, equals: ABC}", True},
		{"{source: Template, equals: main.json}", True},
		{"{scope: ., equals: /subscriptions/s/resourceGroups/rg}", True},
	})
}

func TestNotEquals(t *testing.T) {
	runCases(t, []condCase{
		{"{field: str, notEquals: Other}", True},
		{"{field: str, notEquals: VALUE}", False},
		{"{field: str, notEquals: VALUE, caseSensitive: true}", True},
		{"{field: missing, notEquals: Value}", True}, // true on a missing field
		{"{field: int, notEquals: 5}", False},
		{"{field: numstr, notEquals: 7, convert: true}", False},
		{"{field: unk, notEquals: Enabled}", Unknown},
	})
}

func TestHasValueAndHasDefault(t *testing.T) {
	runCases(t, []condCase{
		{"{field: str, hasValue: true}", True},
		{"{field: empty, hasValue: true}", False},
		{"{field: empty, hasValue: false}", True},
		{"{field: 'null', hasValue: true}", False},
		{"{field: emptyArr, hasValue: true}", False},
		{"{field: emptyObj, hasValue: true}", False},
		{"{field: missing, hasValue: true}", False},
		{"{field: missing, hasValue: false}", True},
		{"{field: unk, hasValue: true}", Unknown},
		{"{field: missing, hasDefault: x}", True}, // absent: the default applies
		{"{field: str, hasDefault: value}", True},
		{"{field: str, hasDefault: value, caseSensitive: true}", False},
		{"{field: bool, hasDefault: false}", False},
		{"{field: unk, hasDefault: x}", Unknown},
	})
}

func TestMatch(t *testing.T) {
	runCases(t, []condCase{
		{"{field: str, match: '^val'}", True},
		{"{field: str, match: '^val', caseSensitive: true}", False},
		{"{field: str, match: '^x'}", False},
		{"{field: missing, match: '.*'}", False},
		{"{field: int, match: '5'}", false_},       // not a string
		{"{field: arr, match: 'a'}", false_},       // arrays are not strings
		{"{field: missing, notMatch: '.*'}", True}, // true on a missing field
		{"{field: str, notMatch: '^x'}", True},
		{"{field: str, notMatch: '^V'}", False},
		{"{field: int, notMatch: '5'}", True},
		{"{field: unk, match: '.*'}", Unknown},
	})
}

// false_ is False, named apart where the reason is a type mismatch.
const false_ = False

func TestInAndNotIn(t *testing.T) {
	runCases(t, []condCase{
		{"{field: str, in: [Other, value]}", True},
		{"{field: str, in: [Other]}", False},
		{"{field: missing, in: [a]}", False},
		{"{field: arr, in: [x, b]}", True}, // any element
		{"{field: arr, in: [x, y]}", False},
		{"{field: int, in: [4, 5]}", True},
		{"{field: int, in: ['5']}", False}, // no conversion
		{"{field: missing, notIn: [a]}", True},
		{"{field: str, notIn: [Other]}", True},
		{"{field: str, notIn: [VALUE]}", False},
		{"{field: arr, notIn: [c]}", False},
		{"{field: unk, in: [a]}", Unknown},
		{"{field: unkArr, in: [a]}", True},     // decided by a known element
		{"{field: unkArr, in: [z]}", Unknown},  // the unknown one might be z
		{"{field: unkArr, notIn: [a]}", False}, // decided by a known element
		{"{field: unkArr, notIn: [z]}", Unknown},
	})
}

func TestNumericComparisons(t *testing.T) {
	runCases(t, []condCase{
		{"{field: int, less: 6}", True},
		{"{field: int, less: 5}", False},
		{"{field: int, lessOrEquals: 5}", True},
		{"{field: int, greater: 4}", True},
		{"{field: int, greater: 5}", False},
		{"{field: int, greaterOrEquals: 5}", True},
		{"{field: int, greaterOrEquals: '5'}", True}, // the expected value converts
		{"{field: float, greater: 2}", True},
		{"{field: str, greater: 4}", True},                   // string length 5
		{"{field: str, less: 5}", False},                     // length 5
		{"{field: numstr, greater: 6}", False},               // length 1
		{"{field: numstr, greater: 6, convert: true}", True}, // the number 7
		{"{field: arr, lessOrEquals: 3}", True},              // element count
		{"{field: arr, less: 3}", False},
		{"{field: 'null', less: 1}", True}, // null compares as 0
		{"{field: 'null', greater: 0}", False},
		{"{field: bool, less: 1}", False}, // not comparable
		{"{field: obj, less: 1}", False},
		{"{field: missing, less: 1}", False},
		{"{field: date, less: 0, convert: true}", True},       // before now
		{"{field: date, greater: -365, convert: true}", True}, // within the last year
		{"{field: unk, less: 1}", Unknown},
		{"{field: unkArr, less: 3}", True}, // a count does not look at elements
	})
}

func TestStringConditions(t *testing.T) {
	runCases(t, []condCase{
		{"{field: url, startsWith: HTTPS://}", True},
		{"{field: url, startsWith: HTTPS://, caseSensitive: true}", False},
		{"{field: url, startsWith: [ftp://, https://]}", True},
		{"{field: url, startsWith: ftp://}", False},
		{"{field: missing, startsWith: a}", False},
		{"{field: int, startsWith: '5'}", False},
		{"{field: int, startsWith: '5', convert: true}", True},
		{"{field: arr, startsWith: b}", True}, // any element of an array
		{"{field: url, notStartsWith: ftp://}", True},
		{"{field: url, notStartsWith: https://}", False},
		{"{field: missing, notStartsWith: a}", False}, // PSRule: false on a missing field
		{"{field: int, notStartsWith: '5'}", True},    // not a string: nothing starts with it
		{"{field: arr, notStartsWith: [x, c]}", False},
		{"{field: url, endsWith: /DOCS}", True},
		{"{field: url, endsWith: [.com, .org]}", False},
		{"{field: url, notEndsWith: .org}", True},
		{"{field: url, notEndsWith: docs}", False},
		{"{field: url, contains: /Azure/}", True},
		{"{field: url, contains: /Azure/, caseSensitive: true}", False},
		{"{field: url, contains: [github.io, github.com]}", False},
		{"{field: url, notContains: github}", True},
		{"{field: url, notContains: azure}", False},
		{"{field: missing, notContains: a}", False},
		{"{field: unk, contains: a}", Unknown},
		{"{field: unkArr, contains: a}", True},
		{"{field: unkArr, contains: z}", Unknown},
		{"{field: unkArr, notContains: z}", Unknown},
		{"{field: unkArr, notContains: a}", False},
	})
}

func TestLike(t *testing.T) {
	runCases(t, []condCase{
		{"{field: str, like: 'v*'}", True},
		{"{field: str, like: 'v*', caseSensitive: true}", False},
		{"{field: str, like: 'Val?e'}", True},
		{"{field: str, like: '[uv]alue'}", True},
		{"{field: str, like: '[a-c]alue'}", False},
		{"{field: str, like: ['x*', '*ue']}", True},
		{"{field: str, like: 'Val'}", False}, // the whole value must match
		{"{field: int, like: '5'}", False},
		{"{field: int, like: '5', convert: true}", True},
		{"{field: missing, like: '*'}", False},
		{"{field: str, notLike: 'x*'}", True},
		{"{field: str, notLike: '*lu*'}", False},
		{"{field: int, notLike: '*'}", True},
		{"{field: missing, notLike: '*'}", False},
		{"{field: unk, like: '*'}", Unknown},
	})
}

func TestTypeConditions(t *testing.T) {
	runCases(t, []condCase{
		{"{field: str, isString: true}", True},
		{"{field: int, isString: true}", False},
		{"{field: int, isString: false}", True},
		{"{field: 'null', isString: false}", True},
		{"{field: missing, isString: false}", False}, // false on a missing field
		{"{field: arr, isArray: true}", True},
		{"{field: obj, isArray: false}", True},
		{"{field: bool, isBoolean: true}", True},
		{"{field: boolstr, isBoolean: true}", False},
		{"{field: boolstr, isBoolean: true, convert: true}", True},
		{"{field: date, isDateTime: true}", True},
		{"{field: plaindate, isDateTime: true}", False},
		{"{field: plaindate, isDateTime: true, convert: true}", True},
		{"{field: str, isDateTime: true, convert: true}", False},
		{"{field: int, isInteger: true}", True},
		{"{field: float, isInteger: true}", False},
		{"{field: numstr, isInteger: true}", False},
		{"{field: numstr, isInteger: true, convert: true}", True},
		{"{field: float, isNumeric: true}", True},
		{"{field: str, isNumeric: false}", True},
		{"{field: numstr, isNumeric: true, convert: true}", True},
		{"{field: lower, isLower: true}", True}, // non-letters are ignored
		{"{field: str, isLower: true}", False},
		{"{field: str, isLower: false}", True},
		{"{field: int, isLower: true}", False}, // not a string
		{"{field: int, isLower: false}", True},
		{"{field: upper, isUpper: true}", True},
		{"{field: lower, isUpper: true}", False},
		{"{field: missing, isUpper: false}", False},
		{"{field: unk, isString: true}", Unknown},
	})
}

func TestSetOfSubsetCount(t *testing.T) {
	runCases(t, []condCase{
		{"{field: arr, setOf: [c, b, a]}", True}, // any order, without regard to case
		{"{field: arr, setOf: [c, b, a], caseSensitive: true}", False},
		{"{field: arr, setOf: [a, b]}", False}, // count differs
		{"{field: arr, setOf: [a, b, x]}", False},
		{"{field: str, setOf: [Value]}", False}, // not a list
		{"{field: missing, setOf: [a]}", False},
		{"{field: arr, subset: [a, c]}", True},
		{"{field: arr, subset: [a, x]}", False},
		{"{field: dups, subset: [a]}", True},
		{"{field: dups, subset: [a], unique: true}", False},
		{"{field: dups, subset: [b], unique: true}", True},
		{"{field: missing, subset: [a]}", False},
		{"{field: unkArr, subset: [a]}", Unknown},
		{"{field: arr, count: 3}", True},
		{"{field: arr, count: 2}", False},
		{"{field: emptyArr, count: 0}", True},
		{"{field: str, count: 1}", False}, // not a list
		{"{field: 'null', count: 0}", False},
		{"{field: missing, count: 0}", False},
		{"{field: arr, notCount: 2}", True},
		{"{field: arr, notCount: 3}", False},
		{"{field: missing, notCount: 1}", False},
		{"{field: unkArr, count: 2}", True},
		{"{field: unk, count: 2}", Unknown},
		{"{value: [1, 2], count: 2}", True},
	})
}

func TestHasSchema(t *testing.T) {
	runCases(t, []condCase{
		{"{field: doc, hasSchema: ['https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json']}", True}, // trailing # ignored
		{"{field: doc, hasSchema: ['http://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#']}", False},
		{"{field: doc, hasSchema: ['http://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'], ignoreScheme: true}", True},
		{"{field: doc, hasSchema: ['HTTPS://SCHEMA.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#']}", True},
		{"{field: doc, hasSchema: ['HTTPS://SCHEMA.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'], caseSensitive: true}", False},
		{"{field: doc, hasSchema: []}", True}, // any non-empty $schema
		{"{field: obj, hasSchema: []}", False},
		{"{field: missing, hasSchema: []}", False},
	})
}

func TestVersions(t *testing.T) {
	runCases(t, []condCase{
		{"{field: ver, version: '1.2.3'}", True},
		{"{field: ver, version: '>=1.0.0'}", True},
		{"{field: ver, version: '>1.2.3'}", False},
		{"{field: ver, version: '^1.0.0'}", True},
		{"{field: ver, version: '^1.3.0'}", False},
		{"{field: ver, version: '~1.2.0'}", True},
		{"{field: ver, version: '~1.1.0'}", False},
		{"{field: ver, version: '>=1.0.0 <1.2.0 || 1.2.3'}", True},
		{"{field: ver, version: '*'}", True},
		{"{field: pre, version: '>=1.0.0'}", False}, // pre-releases need opting in
		{"{field: pre, version: '>=1.0.0', includePrerelease: true}", True},
		{"{field: pre, version: '>=1.0.0@pre'}", True},
		{"{field: pre, version: '>=2.0.0-alpha'}", True}, // same core, pre-release named
		{"{field: str, version: '1.0.0'}", False},        // not a version
		{"{field: int, version: '1.0.0'}", False},
		{"{field: missing, version: '*'}", False},
		{"{field: api, apiVersion: '>=2022-01-01'}", True},
		{"{field: api, apiVersion: '<2023-05-01'}", False},
		{"{field: api, apiVersion: '2023-05-01'}", True},
		{"{field: apiPre, apiVersion: '>=2023-01-01'}", False},
		{"{field: apiPre, apiVersion: '>=2023-01-01', includePrerelease: true}", True},
		{"{field: ver, apiVersion: '>=2023-01-01'}", False},
		{"{field: unk, apiVersion: '>=2023-01-01'}", Unknown},
	})
}

func TestWithinPath(t *testing.T) {
	tg := target(t, "Microsoft.Test/things", `{"name": "x"}`)
	tg.Pos.File.Name = "deploy/prod/main.json"
	for _, c := range []condCase{
		{"{source: Template, withinPath: deploy/}", True},
		{"{source: Template, withinPath: ./Deploy}", True},
		{"{source: Template, withinPath: ./Deploy, caseSensitive: true}", False},
		{"{source: Template, withinPath: [src/, deploy\\prod]}", True},
		{"{source: Template, withinPath: dep}", False}, // a directory, not a prefix
		{"{source: Template, notWithinPath: src/}", True},
		{"{source: Template, notWithinPath: deploy/}", False},
		{"{field: name, withinPath: x}", True},
	} {
		got, reasons := mustExpr(t, c.expr).Eval(tg)
		if got != c.want {
			t.Errorf("%s: got %v, want %v (%v)", c.expr, got, c.want, reasons)
		}
	}
}

func TestConditionNamesAreCaseInsensitive(t *testing.T) {
	runCases(t, []condCase{
		{"{Field: str, EQUALS: value}", True},
		{"{field: str, StartsWith: v}", True},
	})
}

func TestEveryConditionIsTested(t *testing.T) {
	// Each condition of the language appears in a case above: a new
	// condition without cases fails here.
	data, err := os.ReadFile("conditions_test.go")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	for _, name := range ConditionNames() {
		if !strings.Contains(src, " "+name+":") {
			t.Errorf("condition %s has no test case", name)
		}
	}
}
