// Package lang reads and runs rules written in PSRule's rule language: YAML
// (multi-document, ".yaml"/".yml") or JSON with comments (".json"/".jsonc",
// an array of documents) whose documents have
// `apiVersion: github.com/microsoft/PSRule/v1` and one of the kinds Rule,
// Selector, Baseline or SuppressionGroup.
//
// ParseFile reads one file into typed documents with positions; Compile
// joins files into a Set, resolves selector references (spec.with), rejects
// duplicate names and refs, and validates every expression. A *Rule
// implements rules.Rule.
//
// # Semantics
//
// Conditions follow PSRule's documented semantics: comparisons of strings
// are case-insensitive unless caseSensitive is set; a missing field is
// false for every condition except the negative ones that PSRule defines as
// true on a missing field (notEquals, notIn, notMatch, notStartsWith,
// notEndsWith, notContains, notLike, notCount, notWithinPath, exists: false,
// hasValue: false, hasDefault); arrays are handled per condition as PSRule
// does (in/notIn/equals compare each element for some conditions, setOf and
// subset and count work on the whole array).
//
// # Deployment-time values
//
// A field whose value is value.Unknown (a parameter with no value, a
// reference() outside the deployment) makes the condition on it unknown,
// neither true nor false. allOf, anyOf and not combine answers with Kleene
// logic: false AND unknown is false, true OR unknown is true, NOT unknown is
// unknown. A rule whose condition is finally unknown is a Fail whose reason
// names the value it depends on, so that users set the value instead of
// trusting a Pass that was never decided. A precondition (spec.where or a
// selector in spec.with) that is unknown makes the rule not applicable
// (None): azrule does not report a failure for a rule it cannot show
// applies.
//
// # Documents of other kinds
//
// Documents of a kind this package does not know (ModuleConfig,
// ConventionRef...) or with another apiVersion are skipped, and ParseFile
// reports each one in File.Warnings, not in its error list, so that a
// module's files load without failing the run.
package lang
