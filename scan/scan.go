// Package scan is the pipeline from paths to a report: it loads inputs,
// expands each deployment, turns the resources into rule targets and
// hands them to the engine. Inputs are analysed in parallel; the report
// does not depend on the order in which they finish.
package scan

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/expand"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/compile"
	"github.com/azrule/azrule/bicep/params"
	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/engine"
	"github.com/azrule/azrule/input"
	"github.com/azrule/azrule/policy"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// Options configure a scan.
type Options struct {
	// Input are the discovery options (root, ignore rules).
	Input input.Options
	// Context is the deployment context; nil means PSRule's defaults.
	Context *eval.Context
	// ParameterDefaults supplies values for parameters that have none
	// (PSRule's AZURE_PARAMETER_DEFAULTS).
	ParameterDefaults *value.Object
	// Rules are the rules to run.
	Rules []rules.Rule
	// Progress, when set, is called from the scan's goroutines after each
	// input is analysed, with the number done and the total. It must be
	// safe for concurrent use and quick.
	Progress func(done, total int)
	// Suppressor marks suppressed results; nil suppresses nothing. Its
	// errors (a suppression comment without a reason) and warnings
	// (suppressions that matched nothing, expired groups) are added to
	// the report.
	Suppressor *policy.Suppressor

	// parsed shares parsed Bicep files between planning and the units of
	// one Run, so that a module many files use is parsed once.
	parsed *parser.Cache
}

// Run scans paths and returns the report.
func Run(paths []string, opt Options) *engine.Report {
	opt.parsed = parser.NewCache()
	opt.Input.Parsed = opt.parsed
	set := input.Load(paths, opt.Input)
	if opt.Suppressor != nil {
		files := make([]*source.File, 0, len(set.Files))
		for _, l := range set.Files {
			files = append(files, l.File)
		}
		opt.Suppressor.ScanFiles(files)
	}
	analyses := make([]engine.Analysis, len(set.Units))
	var done atomic.Int64
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				analyses[i] = Analyze(set, set.Units[i], opt)
				if opt.Progress != nil {
					opt.Progress(int(done.Add(1)), len(set.Units))
				}
			}
		}()
	}
	for i := range set.Units {
		next <- i
	}
	close(next)
	wg.Wait()
	if len(set.Errors) > 0 {
		analyses = append(analyses, engine.Analysis{Errors: set.Errors})
	}
	var eo engine.Options
	if opt.Suppressor != nil {
		eo.Suppressor = opt.Suppressor
	}
	r := engine.Evaluate(analyses, opt.Rules, eo)
	r.Files = len(set.Units)
	if opt.Suppressor != nil {
		r.AddErrors(opt.Suppressor.Errors())
		r.AddWarnings(opt.Suppressor.Warnings())
	}
	return r
}

// Analyze works out the targets of one unit.
func Analyze(set *input.Set, u input.Unit, opt Options) engine.Analysis {
	a := engine.Analysis{Input: u.Input.Rel}
	switch u.Kind {
	case input.Resources:
		a.Targets = ExportedTargets(u.Input.Value)
	case input.Template, input.Parameters, input.Bicep, input.BicepParams:
		res, errs := ExpandUnit(set, u, opt)
		a.Errors = append(a.Errors, errs...)
		if res != nil {
			a.Errors = append(a.Errors, res.Errors...)
			a.Targets = Targets(res)
		}
	}
	return a
}

// ExpandUnit works out the resources of a deployment unit: an ARM
// template on its own or through a parameter file, a Bicep file, or a
// .bicepparam file with the Bicep file it uses. Bicep is compiled to the
// same template model first, with positions in the .bicep file.
func ExpandUnit(set *input.Set, u input.Unit, opt Options) (*expand.Result, []*source.Error) {
	switch u.Kind {
	case input.Bicep:
		res := compile.BuildFile(u.Input.Rel, bicepOptions(opt))
		errs := []*source.Error(res.Errors)
		if res.Template == nil {
			return nil, errs
		}
		return expandObject(res.File, res.Template, nil, errs, opt)
	case input.BicepParams:
		pf := params.Load(u.Input.Rel, params.Options{Context: opt.Context, Compile: bicepOptions(opt)})
		errs := []*source.Error(pf.Errors)
		if pf.Template == nil {
			return nil, errs
		}
		return expandObject(pf.TemplateFile, pf.Template, pf.Parameters(), errs, opt)
	}
	tmplFile := u.Input
	var params map[string]value.Value
	var errs []*source.Error
	if u.Kind == input.Parameters {
		tmplFile = u.Template
		pf, perrs := template.DecodeParameters(u.Input.File, u.Input.Value)
		errs = append(errs, perrs...)
		if pf != nil {
			params = pf.Values()
		}
	}
	t, terrs := template.Decode(tmplFile.File, tmplFile.Value)
	errs = append(errs, terrs...)
	if t == nil {
		return nil, errs
	}
	res := expand.Expand(t, expand.Options{
		Context:           opt.Context,
		Parameters:        params,
		ParameterDefaults: opt.ParameterDefaults,
		Resolve: func(from *source.File, rel string) (*template.Template, error) {
			l, err := set.Resolve(from, rel)
			if err != nil {
				return nil, err
			}
			if l.Kind != input.Template {
				return nil, source.Errorf(from.Whole(), "'%s' is not an ARM template", rel)
			}
			lt, lerrs := template.Decode(l.File, l.Value)
			if len(lerrs) > 0 {
				return lt, lerrs
			}
			return lt, nil
		},
	})
	return res, errs
}

// bicepOptions lets the Bicep compiler name files as findings show them
// (relative to the scan root) while reading them from disk wherever the
// root is: a relative path, including a module path the compiler joined
// to its caller's folder, is read relative to the root.
func bicepOptions(opt Options) compile.Options {
	root := opt.Input.Root
	if root == "" {
		root = "."
	}
	onDisk := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(root, p)
	}
	return compile.Options{
		ReadFile: func(p string) ([]byte, error) { return os.ReadFile(onDisk(p)) },
		ReadDir:  func(p string) ([]os.DirEntry, error) { return os.ReadDir(onDisk(p)) },
		// Analysis needs the resources inside template spec modules, which
		// bicep build only links by id: embed them when they are cached.
		InlineTemplateSpecs: true,
		Parsed:              opt.parsed,
	}
}

// expandObject decodes a compiled template and expands it.
func expandObject(f *source.File, tmpl *value.Object, values map[string]value.Value, errs []*source.Error, opt Options) (*expand.Result, []*source.Error) {
	t, terrs := template.DecodeObject(f, tmpl)
	errs = append(errs, terrs...)
	if t == nil {
		return nil, errs
	}
	return expand.Expand(t, expand.Options{
		Context:           opt.Context,
		Parameters:        values,
		ParameterDefaults: opt.ParameterDefaults,
	}), errs
}

// Targets turns expanded resources into rule targets.
func Targets(res *expand.Result) []*rules.Target {
	out := make([]*rules.Target, 0, len(res.Resources))
	for _, r := range res.Resources {
		out = append(out, &rules.Target{
			Name:   r.Name,
			Type:   r.Type,
			ID:     r.ID,
			Object: r.Body,
			Pos:    r.Pos,
			Errors: r.Errors,
		})
	}
	return out
}

// ExportedTargets turns a file of exported resources (one object or an
// array of them) into targets, one per resource. Child resources listed
// in a "resources" array of an exported resource are targets too.
func ExportedTargets(v value.Value) []*rules.Target {
	var out []*rules.Target
	var add func(o *value.Object, depth int)
	add = func(o *value.Object, depth int) {
		t := &rules.Target{Object: o, Pos: o.Pos()}
		if s, ok := stringField(o, "type"); ok {
			t.Type = s
		}
		if s, ok := stringField(o, "name"); ok {
			t.Name = s
		}
		if s, ok := stringField(o, "id"); ok {
			t.ID = s
		} else if s, ok := stringField(o, "ResourceId"); ok {
			t.ID = s
		}
		out = append(out, t)
		if depth > 8 {
			return
		}
		if children, ok := o.Get("resources"); ok {
			if arr, ok := children.(*value.Array); ok {
				for _, c := range arr.Elems {
					if co, ok := c.(*value.Object); ok {
						if _, ok := stringField(co, "type"); ok {
							add(co, depth+1)
						}
					}
				}
			}
		}
	}
	switch v := v.(type) {
	case *value.Object:
		add(v, 0)
	case *value.Array:
		for _, e := range v.Elems {
			if o, ok := e.(*value.Object); ok {
				add(o, 0)
			}
		}
	}
	return out
}

func stringField(o *value.Object, key string) (string, bool) {
	v, ok := o.Get(key)
	if !ok {
		return "", false
	}
	s, ok := v.(value.String)
	return s.V, ok
}
