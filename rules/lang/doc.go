// Package lang reads and runs rules written in PSRule's rule language: YAML
// (multi-document, ".yaml"/".yml") or JSON with comments (".json"/".jsonc",
// an array of documents) whose documents have
// `apiVersion: github.com/microsoft/PSRule/v1` (or the newer
// github.com/microsoft/PSRule/2025-01-01) and one of the kinds Rule,
// Selector, Baseline or SuppressionGroup.
//
// ParseFile reads one file into typed documents with positions and checks
// every expression (unknown condition names, operands, argument types,
// regular expressions, version constraints, field paths), reporting each
// problem at the key or value at fault. Compile joins files into a Set,
// resolves selector references (spec.with) and rejects duplicate names and
// refs. A *Rule implements rules.Rule.
//
// # Semantics
//
// Conditions follow PSRule's own implementation (LanguageExpressions and
// ExpressionHelpers) and documentation:
//
//   - Names of conditions, operands and object members match without
//     regard to case; string comparisons are case-insensitive unless the
//     condition sets caseSensitive: true (in and notIn always ignore case,
//     as PSRule does).
//   - A missing field makes every condition false, with the reason "Does
//     not exist.", except exists: false, hasValue: false, and the four
//     conditions PSRule passes on a missing path: notEquals, notIn,
//     notMatch and hasDefault. notStartsWith, notEndsWith, notContains,
//     notLike, notCount and notWithinPath are false on a missing field, as
//     PSRule documents.
//   - equals converts the expected value (the rule's) and, with convert:
//     true, the actual one: equals: '5' matches the integer 5, and
//     equals: true matches the string "true" only with convert.
//   - Arrays: in and notIn look at every element; startsWith, endsWith,
//     contains and their negations look at every string element; equals
//     compares arrays element by element; setOf, subset and count work on
//     the whole array; less, greater and friends compare an array's length
//     and a string's length (with convert, a numeric string's number, and
//     a date against that many days from now).
//   - Operands: field (a path into the target's body, or into the element
//     a sub-selector is on), type: '.' and name: '.' (the target's type and
//     name; inside a sub-selector, the element's own type and name
//     properties), scope: '.' (the part of the resource id before its last
//     /providers/), source (whatever key is given, the file that declared
//     the target, relative to the scan root), and value (a literal or a
//     function).
//   - isDateTime accepts ISO 8601 date-time strings without convert (JSON
//     has no date type; PSRule's JSON reader recognises them the same way).
//   - A sub-selector (field + where + allOf/anyOf, optionally with a
//     count, less, lessOrEqual, greater or greaterOrEqual quantifier)
//     applies the operator to each element of field that where accepts;
//     without a quantifier every such element must pass and there must be
//     at least one, as PSRule documents ("when there are no results the
//     sub-selector returns false").
//
// Reasons use PSRule's en-US wording ("Is set to 'SystemAssigned'.", "Does
// not exist.", "The value 'x' was not in 'a', 'b'.") and carry the field's
// path and the position of its value in the target, or of the closest
// existing parent when the field is missing, so that findings point at the
// line to change. Reasons are only formatted for answers that fail.
//
// # Deployment-time values
//
// A field whose value is value.Unknown (a parameter with no value, a
// reference() outside the deployment), or whose path runs through one,
// makes the condition on it unknown, neither true nor false; so does an
// array element that could change the answer. allOf, anyOf and not combine
// answers with Kleene logic: false AND unknown is false, true OR unknown
// is true, NOT unknown is unknown, and a quantifier is unknown only when
// the undecided elements could change it. A rule whose condition is
// finally unknown is a Fail whose reason names the value it depends on
// ("Depends on parameter 'access', which has no value; set it in a
// parameter file or with AZURE_PARAMETER_DEFAULTS."), so that users set the
// value instead of trusting a Pass that was never decided. A precondition
// (spec.where, or a selector in spec.with) that is unknown does not skip
// the rule silently: the rule runs as if it applied, a Pass stays a Pass
// (nothing to fix either way), and a Fail adds a reason saying that
// whether the rule applies depends on the value. Selector.Match and SuppressionGroup.Match return
// false and an *UnknownError for an unknown answer: nothing is suppressed
// on a guess.
//
// # Functions
//
// PSRule's documented expression functions (boolean, string, integer,
// concat, substring, configuration, path) are read from `$` in a value
// operand and in the argument of equals, notEquals, count, less,
// lessOrEquals, greater and greaterOrEquals; configuration reads the
// values given to Set.Configure.
//
// # Field paths
//
// Field paths take PSRule's forms: "a.b", "a['b']", "a[0]", "a[-1]",
// "a[*]", "a.*", "a[0:2]", "a[::-1]", "a..b", "." and "$", and filters such as
// "a[?@.properties.direction == 'Inbound']" (see Path).
//
// # Not supported
//
// Regular expressions use Go's RE2 syntax; a .NET-only construct
// (lookaround, backreferences) is reported when the file is read.
//
// # Documents of other kinds
//
// Documents of a kind this package does not model (ModuleConfig,
// ConventionRef ...) or with another apiVersion are skipped, and ParseFile
// reports each in File.Warnings, not in its error list, so that a module's
// files load without failing the run. Unknown spec properties are warnings
// too.
package lang
