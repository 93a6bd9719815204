package input

import (
	"path/filepath"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

// Unit is one analysis: one deployment to expand, or one file of exported
// resources.
type Unit struct {
	// Kind is Template (a template on its own, with its parameter
	// defaults), Parameters (a template through one parameter file),
	// Resources, Bicep (a .bicep file on its own) or BicepParams.
	Kind Kind
	// Input is the file that findings name: the parameter file for
	// Parameters, otherwise the file itself.
	Input *Loaded
	// Template is the template a parameter file links to (Parameters
	// only).
	Template *Loaded
}

// plan works out the units: which templates are analysed through
// parameter files, which through callers, and which on their own.
func (s *Set) plan(standalone bool, parsed *parser.Cache) {
	through := map[*Loaded]bool{} // analysed through something else
	var units []Unit
	for _, l := range s.Files {
		switch l.Kind {
		case Parameters:
			t, err := s.templateOf(l)
			if err != nil {
				s.Errors = append(s.Errors, err)
				continue
			}
			through[t] = true
			units = append(units, Unit{Kind: Parameters, Input: l, Template: t})
		case Template:
			for _, rel := range linkedPaths(l.Value) {
				if t, err := s.Resolve(l.File, rel); err == nil {
					through[t] = true
				}
			}
		case Bicep, BicepParams:
			for _, rel := range bicepLinks(l.File, parsed) {
				if t, err := s.Resolve(l.File, rel); err == nil {
					through[t] = true
				}
			}
		}
	}
	for _, l := range s.Files {
		switch l.Kind {
		case Template, Bicep:
			if standalone || !through[l] {
				units = append(units, Unit{Kind: l.Kind, Input: l})
			}
		case Resources, BicepParams:
			units = append(units, Unit{Kind: l.Kind, Input: l})
		}
	}
	s.Units = units
}

// templateOf finds the template of a parameter file: metadata.template
// when set, else the naming convention.
func (s *Set) templateOf(p *Loaded) (*Loaded, *source.Error) {
	obj, _ := p.Value.(*value.Object)
	if md, ok := obj.Get("metadata"); ok {
		if mdo, ok := md.(*value.Object); ok {
			if tv, ok := mdo.Get("template"); ok {
				ts, ok := tv.(value.String)
				if !ok || ts.V == "" {
					return nil, &source.Error{Pos: tv.Pos(), Code: "AZR-IN006", Message: "metadata.template must be a path to the template, relative to this parameter file"}
				}
				t, err := s.Resolve(p.File, ts.V)
				if err != nil {
					err.Pos = ts.At
					if err.Code == "AZR-IN002" {
						err.Message = "metadata.template names '" + ts.V + "', which does not exist; fix the path (it is relative to this parameter file)"
					}
					return nil, err
				}
				if t.Kind != Template && t.Kind != Bicep {
					return nil, &source.Error{Pos: ts.At, Code: "AZR-IN007", Message: "metadata.template names '" + ts.V + "', which is not a deployment template"}
				}
				return t, nil
			}
		}
	}
	for _, name := range conventionNames(filepath.Base(p.Path)) {
		t, err := s.Resolve(p.File, name)
		if err == nil && t.Kind == Template {
			return t, nil
		}
	}
	return nil, &source.Error{Pos: p.File.Whole(), Code: "AZR-IN008",
		Message: "no template found for this parameter file; set metadata.template to the template's path, or name the file <template>.parameters.json beside <template>.json"}
}

// conventionNames lists the template names a parameter file name implies:
// x.parameters.json and x.<env>.parameters.json give x.json (and
// x.<env>.json for the second form, tried first is the longer name).
func conventionNames(base string) []string {
	lower := strings.ToLower(base)
	for _, suffix := range []string{".parameters.json", ".parameters.jsonc"} {
		if !strings.HasSuffix(lower, suffix) {
			continue
		}
		stem := base[:len(base)-len(suffix)]
		names := []string{stem + ".json"}
		if i := strings.LastIndex(stem, "."); i > 0 {
			names = append(names, stem[:i]+".json")
		}
		return names
	}
	return nil
}

// linkedPaths finds templateLink.relativePath literals in a template:
// nested deployments that link another file of the tree.
func linkedPaths(v value.Value) []string {
	var out []string
	var walk func(v value.Value, depth int)
	walk = func(v value.Value, depth int) {
		if depth > 64 {
			return
		}
		switch v := v.(type) {
		case *value.Object:
			if tl, ok := v.Get("templateLink"); ok {
				if tlo, ok := tl.(*value.Object); ok {
					if rp, ok := tlo.Get("relativePath"); ok {
						if s, ok := rp.(value.String); ok && !strings.HasPrefix(s.V, "[") {
							out = append(out, s.V)
						}
					}
				}
			}
			for _, m := range v.Members() {
				walk(m.Value, depth+1)
			}
		case *value.Array:
			for _, e := range v.Elems {
				walk(e, depth+1)
			}
		}
	}
	walk(v, 0)
	return out
}

// bicepLinks lists the local files a Bicep file analyses through itself:
// the `using` file of a .bicepparam file, and the local modules and
// compile-time imports of a .bicep file. Registry (br:) and template spec
// (ts:) references and interpolated paths are left out. Syntax errors do
// not matter here: the compiler reports them when the file is analysed.
func bicepLinks(f *source.File, parsed *parser.Cache) []string {
	tree, _, _ := parsed.Parse(f)
	if tree == nil {
		return nil
	}
	var out []string
	add := func(lit *ast.StringLit) {
		if lit == nil {
			return
		}
		if p, ok := lit.Value(); ok && p != "" && !strings.Contains(p, ":") {
			out = append(out, p)
		}
	}
	for _, d := range tree.Decls {
		switch d := d.(type) {
		case *ast.UsingDecl:
			add(d.Path)
		case *ast.ModuleDecl:
			add(d.Path)
		case *ast.ImportDecl:
			add(d.From)
		}
	}
	return out
}
