package parser

// Problem codes. Lexical problems come from package scanner, syntax
// problems from this package; both use the Bicep compiler's code where the
// compiler reports the same problem, so that #disable-next-line BCPnnn and
// users' knowledge carry over:
//
//	BCP001 unrecognized character          BCP002 unterminated /* comment
//	BCP003 unterminated string             BCP004 string ends at a line break
//	BCP005 escape at end of file           BCP006 unknown escape sequence
//	BCP007 unknown declaration             BCP008 junk after a parameter type
//	BCP009 missing value                   BCP010 integer wider than 64 bits
//	BCP012 missing keyword (in, from, as)  BCP013 missing parameter name
//	BCP015 missing variable/type/func name BCP016 missing output name
//	BCP017 missing resource name           BCP018 missing punctuation
//	BCP019 missing line break              BCP020 missing property name after .
//	BCP022 missing property name           BCP024 identifier over 255 characters
//	BCP064 junk in an interpolation hole   BCP068 missing resource type string
//	BCP087 array/object inside ${...}      BCP096 missing module name
//	BCP097 missing module or import path   BCP103 double-quoted string
//	BCP117 empty index []                  BCP118 bad resource/module body
//	BCP123 missing decorator name          BCP132 decorator without declaration
//	BCP140 unterminated multi-line string  BCP153 non-resource after a decorator in a body
//	BCP162 missing loop variable           BCP167 bad loop body
//	BCP201 missing extension name          BCP202 missing extension alias
//	BCP226 directive without codes         BCP236 missing separator
//	BCP237 missing comma between arguments BCP238 line break after a comma
//	BCP243 parentheses not holding one item BCP249 loop block not (item, index)
//	BCP266 missing metadata name           BCP279 missing type
//	BCP325 missing import alias            BCP346 missing test name
//	BCP347 missing test path
//
// and CodeTooManyErrors, CodeTooDeep and CodeSyntax for problems the
// compiler has no code for.
