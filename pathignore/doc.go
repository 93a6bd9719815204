// Package pathignore matches paths against gitignore-style patterns, the
// syntax of PSRule's input.pathIgnore option.
//
// Pattern syntax is git's (see gitignore(5)):
//
//   - A blank pattern matches nothing; a pattern starting with '#' is a
//     comment. "\#" and "\!" start a pattern with a literal '#' or '!'.
//   - Trailing spaces are dropped unless escaped with a backslash.
//   - A leading '!' negates the pattern: a path it matches is not ignored.
//   - A trailing '/' makes the pattern match directories only (and so
//     everything inside them).
//   - A pattern with a '/' at the start or in the middle is anchored to the
//     root; otherwise it matches a name at any depth.
//   - '*' matches anything but '/', '?' one character but '/', "[a-z]" a
//     character class ("[!...]" or "[^...]" negated, "[[:alpha:]]" and the
//     other POSIX classes, '\' escapes). "**/" at the start matches in every
//     directory, "/**" at the end everything inside, "/**/" zero or more
//     directories; any other "**" is an ordinary '*'.
//   - Matching is case-sensitive, as git's is by default.
//
// Deciding a path: the path itself and then each of its ancestor
// directories, nearest first, are tried against the patterns; the first of
// them that any pattern matches decides, and among the patterns that match
// it the last one wins. So "out/" ignores out/main.json, and a negation
// written for a file re-includes it.
//
// One deliberate difference from git: git cannot re-include a file whose
// parent directory is ignored, because it never looks inside that
// directory. PSRule filters every file on its own, so its documented
// example of ignoring everything but some files works:
//
//	input:
//	  pathIgnore:
//	  - '*'
//	  - '!**/deploy.bicep'
//
// azrule follows PSRule here: modules/app/deploy.bicep is not ignored.
// A directory walker must therefore only prune a directory when SkipDir
// says it may.
package pathignore
