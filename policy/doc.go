// Package policy decides which rules run and which results are suppressed,
// from the built-in rules, the user's own rule files, baselines, options
// (ps-rule.yaml and flags), suppression groups and inline comments.
//
// Decisions, following PSRule:
//   - A baseline chooses among the built-in rules; Azure.Default (rules for
//     generally available features) when none is named.
//   - The user's own rules (.ps-rule/*.Rule.yaml|yml|json|jsonc in the scan
//     root, and --rules folders) are not subject to the baseline: they run
//     unless excluded. With rule.include set they run only when named, or
//     when rule.includeLocal is true.
//   - rule.include (with --rule) keeps only the rules it names; rule.exclude
//     (with --skip-rule) removes rules. Names and refs match without regard
//     to case, and '*' is a wildcard.
//   - A user rule with the name or ref of another rule is an error.
package policy
