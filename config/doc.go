// Package config reads azrule's options: PSRule's ps-rule.yaml options
// file, then PSRule-style PSRULE_* environment variables on top of it.
//
// Find looks for the options file in a directory (FileNames, in order);
// Load and Parse read it; Config.ApplyEnv applies the environment. Every
// problem is a *source.Error with a position and a code (CFG001...):
// errors are returned, warnings are kept in Config.Warnings.
//
// Options read, in PSRule's YAML spelling (keys match without regard to
// case; a list option also takes a single string):
//
//	input.pathIgnore              gitignore patterns of files not to read
//	input.ignoreGitPath           skip .git (true)
//	input.ignoreRepositoryCommon  skip README.md, LICENSE and the like (true)
//	input.targetType              only analyse resources of these types
//	input.format                  kept as written, not used
//	rule.include / rule.exclude   rule names or refs to run / not to run
//	rule.includeLocal             run workspace rules even when not included
//	rule.baseline                 the baseline to run ("@group" allowed)
//	rule.tag                      tags rules must carry
//	baseline.group                group name -> baseline name
//	output.format                 text, json, sarif, junit, nunit3, markdown, csv
//	                              (PSRule's None and Wide mean text)
//	output.path                   file to write the report to
//	output.outcome                Pass, Fail, Error, None, Processed, Problem, All,
//	                              or several ("Fail, Error", or a list)
//	output.sarifProblemsOnly      leave passes out of SARIF (true)
//	output.jsonIndent             0 to 4
//	output.culture                kept as written, not used
//	execution.ruleSuppressed, ruleExcluded, noMatchingRules, noValidInput,
//	  suppressionGroupExpired, ruleInconclusive, unprocessedObject
//	                              Ignore, Warn, Error, Debug or None (the default)
//	execution.break               Never, OnError, OnWarning, OnInformation
//	suppression                   rule -> [target names], or rule -> {targetName: [...]}
//	configuration                 any keys; values keep their YAML types and
//	                              positions, read by package yamlvalue (a plain
//	                              2023_12 stays a string, as in PSRule; aliases
//	                              and << merges are followed). PSRule for Azure's AZURE_* context
//	                              keys (see KeySubscription and friends) are
//	                              checked to be objects.
//
// PSRule options that azrule has no use for and that PSRule for Azure
// projects commonly carry (binding, include, requires, convention,
// repository, run, capabilities, format, logging, input.stringFormat,
// output.as/banner/footer/style/encoding) are accepted silently. Other
// PSRule options that would change a PSRule run (override, other
// execution.* and input.* options) are accepted with a CFG004 warning
// that they have no effect. Anything else is a CFG003 warning naming the
// option, with a suggestion when it looks like a typo. A key written
// twice in one mapping is a CFG005 warning and both are read, the later
// value winning, because PSRule accepts such files and real ones exist.
package config
