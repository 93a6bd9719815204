// Package suppress reads inline suppression comments from Bicep and JSON
// (with comments) files and says which findings they suppress.
//
// A suppression is a line comment:
//
//	// azrule-disable-next-line Azure.ML.PublicAccess: the workspace sits behind a private endpoint
//	resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
//
// and in an ARM template:
//
//	// azrule-disable-next-line AZR-000407, Azure.ML.PublicAccess: migrated in sprint 12
//	{
//	  "type": "Microsoft.MachineLearningServices/workspaces",
//
// The comment names one or more rules, by name or by ref, separated by
// commas and matched without regard to case, then a colon and a reason.
// The reason is required: a suppression without one is an error, because
// whoever reads the code later needs to know why the rule does not apply.
//
// The comment applies to the next line that holds code: blank lines,
// comment lines, Bicep's own "#disable-next-line" directive lines and
// Bicep decorator lines (@description(...), @batchSize(1), a multi-line
// @allowed([...])) are passed over, so several suppressions can be
// stacked above one declaration and may sit above its decorators. It
// suppresses a finding when that line is the line of the resource
// declaration or the line of the property that decided the finding.
//
// Decisions:
//   - Only "//" comments are directives. A "/* */" comment that starts
//     with azrule-disable is reported as an error instead of being quietly
//     ignored, since "next line" is not well defined for a comment that
//     may span lines.
//   - Bicep's "#disable-next-line" silences Bicep compiler diagnostics;
//     it is not a rule suppression and is never read as one.
//   - "//" inside a string is not a comment: JSON strings ("http://x")
//     and Bicep strings ('http://x', ”'multi-line”', and strings inside
//     ${...} interpolations) are skipped by a small lexer.
//   - The language is taken from the file name: .bicep and .bicepparam are
//     Bicep, anything else JSON with comments.
package suppress
