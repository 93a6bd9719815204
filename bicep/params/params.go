// Package params reads Bicep parameter files (.bicepparam): the template
// named by `using`, and the value of each `param name = value` evaluated
// the way the Bicep compiler does when it writes parameters.json.
//
// Values keep the position of the Bicep syntax that wrote them, so that a
// finding about a parameter's value points into the .bicepparam file.
// Values that exist only at deployment time (az.getSecret references,
// externalInput()) are value.Unknown.
package params

import (
	"path/filepath"
	"strings"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/compile"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// Diagnostic codes of this package.
const (
	CodeRead       = "AZP001" // the parameter file cannot be read
	CodeEval       = "AZP002" // a value cannot be evaluated
	CodeNoUsing    = "BCP258" // no using declaration
	CodeCycle      = "BCP079" // a value that refers to itself
	CodeUndeclared = "BCP259" // a parameter the template does not declare
)

// File is a loaded parameter file.
type File struct {
	// File is the .bicepparam file.
	File *source.File
	// Using is the template path as written, TemplatePath the path it
	// names; both are "" for using none.
	Using        string
	TemplatePath string
	// Template is the template compiled from a .bicep file, or read from
	// a .json one; nil for using none or when it cannot be read.
	Template *value.Object
	// TemplateFile is the file the template positions point into.
	TemplateFile *source.File
	// Values are the parameter values in the order assigned.
	Values *value.Object
	// KeyVault holds the Key Vault reference of parameters assigned with
	// az.getSecret(), by name; their Values entry is Unknown.
	KeyVault map[string]*value.Object
	// Errors are every problem found: in the parameter file, then in the
	// template.
	Errors source.ErrorList
}

// Options configure loading.
type Options struct {
	// Compile configures the compilation of the template (and file reads).
	Compile compile.Options
	// Context is the deployment context functions such as
	// resourceGroup() see; nil means eval.DefaultContext().
	Context *eval.Context
}

// Load reads the .bicepparam file at path, compiles the template it uses
// and evaluates the parameter values.
func Load(path string, opts Options) *File {
	read := opts.Compile.ReadFile
	out := &File{Values: value.NewObject(source.Pos{}), KeyVault: map[string]*value.Object{}}
	var data []byte
	var err error
	if read != nil {
		data, err = read(path)
	} else {
		data, err = readFile(path)
	}
	if err != nil {
		f := source.NewFile(filepath.ToSlash(path), nil)
		out.Errors = append(out.Errors, &source.Error{Pos: f.Whole(), Code: CodeRead, Message: "cannot read the parameter file: " + err.Error()})
		return out
	}
	f := source.NewFile(filepath.ToSlash(path), data)
	out.File = f
	out.Values.At = f.Pos(0)
	pf, perrs := parser.Parse(f, true)
	out.Errors = append(out.Errors, perrs...)
	low := compile.LowerParams(pf, path, opts.Compile)
	out.Errors = append(out.Errors, low.Errors...)
	out.Using, out.TemplatePath = low.Using, low.UsingPath
	if low.UsingPos == (source.Pos{}) {
		out.Errors = append(out.Errors, &source.Error{Pos: f.Pos(0), Code: CodeNoUsing,
			Message: "the parameter file has no using declaration; add using './main.bicep' naming its template"})
	}
	out.loadTemplate(low, opts)
	ctx := opts.Context
	if ctx == nil {
		ctx = eval.DefaultContext()
	}
	ev := newEnv(low, ctx)
	for _, p := range low.Params {
		if p.KeyVault != nil {
			ref := ev.keyVault(p)
			out.KeyVault[p.Name] = ref
			out.Values.SetMember(value.Member{Key: p.Name, KeyPos: p.NamePos,
				Value: value.NewUnknown("the Key Vault secret of parameter '"+p.Name+"' is read at deployment", "{{getSecret('"+p.Name+"')}}", p.NamePos)})
			continue
		}
		v := ev.param(p.Name, p.NamePos)
		out.Values.SetMember(value.Member{Key: p.Name, KeyPos: p.NamePos, Value: v})
	}
	out.Errors = append(out.Errors, ev.errs...)
	out.checkDeclared(low)
	return out
}

// loadTemplate compiles or reads the template named by using.
func (out *File) loadTemplate(low *compile.ParamsFile, opts Options) {
	if low.UsingPath == "" {
		return
	}
	if strings.HasSuffix(strings.ToLower(low.UsingPath), ".json") {
		read := opts.Compile.ReadFile
		if read == nil {
			read = readFile
		}
		data, err := read(low.UsingPath)
		if err != nil {
			out.Errors = append(out.Errors, &source.Error{Pos: low.UsingPos, Code: compile.CodeModuleNotFound, Message: "cannot read the template '" + low.Using + "': " + err.Error()})
			return
		}
		tf := source.NewFile(filepath.ToSlash(low.UsingPath), data)
		v, err := jsonc.Parse(tf)
		if err != nil {
			out.Errors = append(out.Errors, &source.Error{Pos: low.UsingPos, Code: compile.CodeBadModule, Message: "the template '" + low.Using + "' is not valid JSON: " + err.Error()})
			return
		}
		if o, ok := v.(*value.Object); ok {
			out.Template, out.TemplateFile = o, tf
		}
		return
	}
	r := compile.BuildFile(low.UsingPath, opts.Compile)
	out.Template, out.TemplateFile = r.Template, r.File
	out.Errors = append(out.Errors, r.Errors...)
}

// checkDeclared reports assignments of parameters the template does not
// declare.
func (out *File) checkDeclared(low *compile.ParamsFile) {
	if out.Template == nil {
		return
	}
	declared, _ := out.Template.Get("parameters")
	po, _ := declared.(*value.Object)
	for _, p := range low.Params {
		if po == nil || !po.Has(p.Name) {
			out.Errors = append(out.Errors, &source.Error{Pos: p.NamePos, Code: CodeUndeclared,
				Message: "the template '" + out.Using + "' declares no parameter '" + p.Name + "'; remove the assignment or fix the name"})
		}
	}
}

// Parameters returns the values keyed by name, as arm/expand takes them.
func (out *File) Parameters() map[string]value.Value {
	m := make(map[string]value.Value, out.Values.Len())
	for _, mm := range out.Values.Members() {
		m[mm.Key] = mm.Value
	}
	return m
}

// JSON returns the deployment parameters document the Bicep CLI writes
// for the file (parameters.json).
func (out *File) JSON() *value.Object {
	at := out.Values.At
	doc := value.NewObject(at)
	doc.Set("$schema", value.String{V: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", At: at})
	doc.Set("contentVersion", value.String{V: "1.0.0.0", At: at})
	ps := value.NewObject(at)
	for _, m := range out.Values.Members() {
		w := value.NewObject(m.KeyPos)
		if ref, ok := out.KeyVault[m.Key]; ok {
			w.Set("reference", ref)
		} else {
			w.Set("value", m.Value)
		}
		ps.SetMember(value.Member{Key: m.Key, KeyPos: m.KeyPos, Value: w})
	}
	doc.Set("parameters", ps)
	return doc
}
