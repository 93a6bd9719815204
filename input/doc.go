// Package input finds the files to analyse, classifies them, and works out
// the links between them, so that each deployment is analysed once and in
// the right way.
//
// Decisions (see DESIGN.md):
//   - A .json or .jsonc file is classified by content: a deployment
//     template or parameter file by its $schema, exported resources by
//     shape (an object with string "type" and "name", or an array of
//     them). Anything else is skipped silently.
//   - A template that parameter files link to (metadata.template, or the
//     naming convention x.parameters.json / x.<env>.parameters.json ->
//     x.json) is analysed once per parameter file and not on its own.
//   - A template that another scanned template links by
//     templateLink.relativePath is analysed through its callers only.
//   - .bicep files named by a .bicepparam file's `using`, or used as a
//     module by another scanned .bicep file, are analysed through those
//     files; other .bicep files on their own.
//   - Hidden files and folders (a name starting with '.') and .git are
//     skipped. Symbolic links to folders are not followed, so a link
//     cycle cannot make a walk endless; links to files are read.
//   - A file over MaxFileSize is reported, not read.
package input
