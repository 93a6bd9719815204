// Package compile lowers a Bicep program to the ARM template JSON that the
// Bicep compiler writes for `bicep build`, as a value tree.
//
// The template is a *value.Object whose every value carries the position of
// the Bicep syntax that produced it (a declaration for parameters,
// variables, resources and outputs; the expression for a property value),
// so that arm/template.Decode and arm/expand.Expand run on it unchanged and
// every resource and value they produce points at the .bicep file.
//
// The classic template form is emitted by default; languageVersion 2.0
// (resources keyed by symbolic name) is emitted exactly when the Bicep
// compiler switches to it: user-defined types or type syntax, typed
// variables, user-defined functions, compile-time imports, extensions,
// optional module names, secure outputs and existing resources with
// explicit dependencies (see needsSymbolicNames).
//
// Compile-time imports read exported types, variables and functions from
// .bicep files, from ARM JSON templates (see armimport.go) and from
// registry artifacts (br:, ts:) in the local module cache.
//
// Local modules (.bicep compiled recursively, .json embedded) become
// nested Microsoft.Resources/deployments with inner expression evaluation
// scope; registry modules (br:, br/alias:, ts:, ts/alias:) are read from
// the local module cache laid out as the Bicep CLI restores it
// (<cache>/br/<registry>/<repository with / as $>/<tag>$/main.json and
// <cache>/ts/<subscription>/<group>/<name>/<version>/main.json). A br:
// module is embedded; a ts: module is linked by templateLink.id, as Bicep
// writes it, unless Options.InlineTemplateSpecs embeds it so that its
// resources are expanded too.
//
// Emission follows the current Bicep compiler's text (expression
// strings, key order, dependsOn, $fxv# variables for loaded content);
// Options.Legacy selects the layout of the older release that compiled
// the CARML corpus. Resource types keep the casing written in the Bicep
// file (Bicep takes it from its type registry, which azrule does not
// carry).
//
// The compiler never panics on input. Problems are *source.Error values
// with a BCP code where the Bicep compiler has one for the same problem,
// and an AZC code otherwise.
package compile

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

// Limits that keep hostile or broken input from running away.
const (
	// MaxModuleDepth caps modules nested inside modules.
	MaxModuleDepth = 32
	// MaxErrors caps the diagnostics kept for one build.
	MaxErrors = 200
	// maxLowerDepth caps expression nesting during lowering.
	maxLowerDepth = 400
)

// Options configure a build.
type Options struct {
	// ReadFile reads a file by path; nil means os.ReadFile. Module, import
	// and load*Content paths are joined to the directory of the file that
	// names them.
	ReadFile func(path string) ([]byte, error)
	// ReadDir lists a directory for loadDirectoryFileInfo(); nil means
	// os.ReadDir.
	ReadDir func(path string) ([]os.DirEntry, error)
	// CacheRoot is the root of the local module cache (the directory that
	// holds br/ and ts/). Empty means cacheRootDirectory from the nearest
	// bicepconfig.json, else ~/.bicep.
	CacheRoot string
	// LookupEnv reads environment variables for readEnvironmentVariable()
	// in .bicepparam files; nil means os.LookupEnv.
	LookupEnv func(name string) (string, bool)
	// DeploymentsAPIVersion is the apiVersion of the nested deployments
	// modules become; empty means the current Bicep's (2025-04-01).
	DeploymentsAPIVersion string
	// Legacy writes the layout of older Bicep releases (those that built
	// the CARML corpus): extension scopes relative to the deployment
	// (format('Microsoft.X/y/{0}', name)) instead of full ids, and type
	// constraints in a fixed order (allowedValues, nullable, minValue,
	// maxValue, minLength, maxLength, metadata with the description last)
	// instead of in the order the decorators are written.
	Legacy bool
	// Version is written to metadata._generator.version; empty means
	// "dev".
	Version string
	// InlineTemplateSpecs embeds the template of a template spec module
	// (ts:, ts/alias:) read from the local module cache as
	// properties.template, instead of linking it by templateLink.id as
	// `bicep build` does, so that expanding the compiled template reaches
	// the resources inside the template spec. Its linked templates
	// (properties.linkedTemplates of the template spec version) are
	// embedded in place of their templateLink.relativePath. Leave it off
	// to emit what `bicep build` emits; turn it on for analysis.
	InlineTemplateSpecs bool
	// Parsed, when set, shares parsed files between builds (and with
	// whoever else parses the same files): a module that many files use
	// is parsed once per scan instead of once per build. Nil parses every
	// build's files anew.
	Parsed *parser.Cache
}

// Result is the outcome of compiling one Bicep file.
type Result struct {
	// Template is the compiled ARM template; it is nil only when the file
	// could not be read.
	Template *value.Object
	// File is the compiled .bicep file.
	File *source.File
	// Errors are every diagnostic of the file and of the modules and
	// imports it compiled: parse errors first, then semantic ones.
	Errors source.ErrorList
	// Symbolic is set when the template uses languageVersion 2.0.
	Symbolic bool
}

// Build reads, parses and compiles the .bicep file at path, with its
// modules. It returns the template (nil only when the file cannot be
// read) and the diagnostics.
func Build(path string, opts Options) (*value.Object, source.ErrorList) {
	r := BuildFile(path, opts)
	return r.Template, r.Errors
}

// BuildFile is Build with the whole result.
func BuildFile(path string, opts Options) *Result {
	b := newBuilder(opts)
	f, err := b.read(path)
	if err != nil {
		return &Result{Errors: source.ErrorList{{Code: CodeFileRead, Message: err.Error(),
			Pos: source.NewFile(filepath.ToSlash(path), nil).Whole()}}}
	}
	// A .bicep file is compiled as one whatever its name: parameter files
	// are package bicep/params' job.
	pf, perrs := parser.Parse(f, false)
	b.errs = append(b.errs, perrs...)
	if strings.HasSuffix(strings.ToLower(path), ".bicepparam") {
		b.errorf(f.Pos(0), CodeBadModule, "'%s' is a parameter file; load it with its template (package bicep/params) instead of compiling it", filepath.ToSlash(path))
	}
	fc := b.compileFile(pf, path, 0)
	return &Result{Template: fc.out, File: f, Errors: b.capped(), Symbolic: fc.symbolic}
}

// Compile compiles a parsed .bicep file whose path on disk is path (for
// resolving modules and loaded files).
func Compile(pf *ast.File, path string, opts Options) *Result {
	b := newBuilder(opts)
	fc := b.compileFile(pf, path, 0)
	return &Result{Template: fc.out, File: pf.File, Errors: b.capped(), Symbolic: fc.symbolic}
}

// builder is the state of one build: the files read, the modules being
// compiled (to find cycles) and the diagnostics.
type builder struct {
	opts     Options
	errs     source.ErrorList
	files    map[string]*source.File
	parsed   map[string]*ast.File
	compiled map[string]*fileCompiler // bicep files already compiled, by clean path
	imports  map[string]*fileCompiler // files imported from (bound, not emitted)
	// armImports are the ARM templates imported from, by clean path (nil
	// for one that could not be read).
	armImports map[string]*armImport
	active     []string // bicep files being compiled, outermost first
}

func newBuilder(opts Options) *builder {
	if opts.ReadFile == nil {
		opts.ReadFile = os.ReadFile
	}
	if opts.ReadDir == nil {
		opts.ReadDir = os.ReadDir
	}
	return &builder{opts: opts, files: map[string]*source.File{}, parsed: map[string]*ast.File{}, compiled: map[string]*fileCompiler{}}
}

// read returns the file at path, reading it once.
func (b *builder) read(path string) (*source.File, error) {
	key := filepath.Clean(path)
	if f, ok := b.files[key]; ok {
		return f, nil
	}
	data, err := b.opts.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := source.NewFile(filepath.ToSlash(path), data)
	b.files[key] = f
	return f, nil
}

// parse returns the parsed file at path, parsing it once; parse errors are
// reported once.
func (b *builder) parse(path string) (*ast.File, error) {
	key := filepath.Clean(path)
	if pf, ok := b.parsed[key]; ok {
		return pf, nil
	}
	f, err := b.read(path)
	if err != nil {
		return nil, err
	}
	pf, errs, pfile := b.opts.Parsed.Parse(f)
	// A cached tree's positions point into the file parsed first: use that
	// file for this build as well, so positions compare equal.
	b.files[key] = pfile
	b.errs = append(b.errs, errs...)
	b.parsed[key] = pf
	return pf, nil
}

func (b *builder) errorf(at source.Pos, code, format string, args ...any) {
	e := source.Errorf(at, format, args...)
	e.Code = code
	b.errs = append(b.errs, e)
}

// capped returns the diagnostics, cut at MaxErrors.
func (b *builder) capped() source.ErrorList {
	if len(b.errs) <= MaxErrors {
		return b.errs
	}
	out := append(source.ErrorList(nil), b.errs[:MaxErrors]...)
	last := b.errs[MaxErrors]
	out = append(out, &source.Error{Pos: last.Pos, Code: CodeTooManyErrors,
		Message: "too many problems; the rest are not shown"})
	return out
}
