package compile

// Diagnostic codes. BCP codes are the Bicep compiler's for the same
// problem; AZC codes are azrule's where Bicep has none.
const (
	CodeUndefinedSymbol   = "BCP057" // a name that is not declared
	CodeWrongArgCount     = "BCP071" // wrong number of arguments to a function
	CodeUndefinedFunction = "BCP082" // a function that does not exist
	CodeModuleCycle       = "BCP095" // a module that (indirectly) uses itself
	CodeModuleNotFound    = "BCP091" // a module file that cannot be read
	CodeRegistryNotCached = "BCP190" // a registry module not in the local cache
	CodeDuplicateSymbol   = "BCP028" // two declarations with one name
	CodeImportedTwice     = "BCP362" // one symbol imported under two names
	CodeAmbiguousExport   = "BCP373" // an imported name that names exports of two kinds
	CodeAmbiguousWildcard = "BCP374" // a wildcard import of a template with duplicated export names
	CodeLoadFailed        = "BCP091" // a load*Content file that cannot be read
	CodeUnsupported       = "AZC001" // valid Bicep that azrule does not lower yet
	CodeFileRead          = "AZC002" // the input file cannot be read
	CodeTooManyErrors     = "AZC003" // more than MaxErrors problems
	CodeTooDeep           = "AZC004" // nesting past a limit
	CodeBadModule         = "AZC005" // a module reference that cannot be parsed
	CodeBadLoad           = "AZC006" // a load*Content argument that is not a literal, or bad content
	CodeInvalidExpression = "AZC007" // syntax the parser already rejected, met again
)
