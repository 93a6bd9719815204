// Package expand evaluates a deployment template the way Azure Resource
// Manager does, and returns the resources the deployment would create.
//
// Expansion resolves parameters (parameter file values, defaults,
// configured defaults, or Unknown), evaluates variables lazily, applies
// conditions and copy loops (resource, property, variable and output
// copy), gives child resources their full type and name, computes
// resource ids for the deployment scope, runs nested deployments (inner
// and outer evaluation scope) and linked templates, and answers
// reference() for resources of the same deployment with their evaluated
// body.
//
// Decisions where ARM itself cannot be followed statically:
//   - A resource whose condition is Unknown (it depends on a value only
//     known at deployment time) is analysed as if deployed; rules then see
//     it and can say what the condition depends on.
//   - reference() of a resource outside the deployment, or of an existing
//     resource, is a value.Unknown; of a resource in the deployment it is
//     the resource's evaluated body (its properties, or all of it with
//     'Full'); of a nested deployment it carries the deployment's outputs.
//   - A copy loop whose count is Unknown is not an error: a resource copy
//     gives one instance (copyIndex() 0, Resource.CountUnknown set) that
//     stands for all of them; a property, variable or output copy gives
//     an Unknown.
//   - Expression errors never stop expansion: the property that failed
//     becomes an Unknown that names the error, the error is kept on the
//     resource, and the rest of the resource is still evaluated.
//   - The template's view of a resource lacks what Azure adds when it
//     deploys it (primaryEndpoints, principalId, provisioningState).
//     reference() gives that view as an eval.View: a member the view lacks
//     or leaves null reads as an Unknown ("reference('sa').primaryEndpoints
//     is only known after deployment"), not an error. A nested
//     deployment's outputs are complete: an output it does not declare is
//     an error, as in ARM.
//   - reference() from a deployment nested in the evaluation of the very
//     resource it names (a module whose outputs the resource uses) reads
//     the resource as it was before this deployment: an Unknown.
//   - A nested or linked deployment is a resource of its own
//     (Microsoft.Resources/deployments, PSRule's rules check it), with
//     properties.template kept as written, followed by its resources with
//     Resource.Deployment set. A templateLink by uri or template spec id
//     is outside the scanned files: the deployment has no inner resources.
//   - In an outer-scope nested template, names the parent does not
//     declare are read from the nested template's own parameters and
//     variables: ARM evaluates the template in the parent and deploys
//     what is left, so "[[...]" escapes reach the nested deployment.
//   - A parent's condition does not cascade to the children declared
//     inside it, as ARM documents; children are expanded once per parent
//     instance.
//   - Checks ARM makes before deploying are reported as errors: parameter
//     values against their declared types and constraints, values for
//     undeclared parameters, name segments that do not fit the type,
//     dependsOn entries that name nothing, a resource declared twice,
//     reference() where ARM forbids it, and ARM's template limits.
//   - Properties that evaluate to null are kept (null), as in the request
//     ARM sends.
package expand

import (
	"strings"

	"github.com/azrule/azrule/arm/eval"
	"github.com/azrule/azrule/arm/template"
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Limits. MaxCopy is ARM's own; the others are azrule's, to keep a
// hostile or broken input from running away.
const (
	// MaxCopy is the largest count ARM accepts for a copy loop.
	MaxCopy = 800
	// MaxNestedDepth caps nested and linked deployments inside each other.
	MaxNestedDepth = 32
	// MaxResources caps the resource instances of one expansion.
	MaxResources = 100000
	// MaxIterations caps the property, variable and output copy
	// iterations of one expansion (copies nested in copies multiply).
	MaxIterations = 1000000
	// MaxCallDepth caps user-defined functions calling each other.
	MaxCallDepth = 32
	// MaxCalls caps the user-defined function calls of one expansion, so
	// functions that call each other twice cannot take exponential time.
	MaxCalls = 100000
	// maxValueDepth caps the nesting of a value being evaluated.
	maxValueDepth = 600
)

// Options configure an expansion.
type Options struct {
	// Context is the deployment context; nil means eval.DefaultContext().
	// Its Scope is replaced by the scope of the template's $schema.
	Context *eval.Context
	// Parameters are the values from a parameter file, keyed by
	// parameter name without regard to case.
	Parameters map[string]value.Value
	// ParameterDefaults gives values to parameters that have neither a
	// value nor a defaultValue (PSRule's AZURE_PARAMETER_DEFAULTS).
	ParameterDefaults *value.Object
	// Resolve loads a linked template named by
	// templateLink.relativePath, relative to the file from. Nil means
	// linked templates are not followed. Cycles are detected here.
	Resolve func(from *source.File, relativePath string) (*template.Template, error)
}

// Result is what a deployment creates.
type Result struct {
	// Resources in declaration order; the resources of a nested
	// deployment follow the deployment resource itself.
	Resources []*Resource
	// Outputs are the template's outputs by name (their values).
	Outputs *value.Object
	// Errors are problems not tied to one returned resource: parameter
	// validation, copy counts, outputs, variables nobody used.
	Errors source.ErrorList
}

// AllErrors returns Errors followed by every resource's Errors.
func (r *Result) AllErrors() source.ErrorList {
	all := append(source.ErrorList(nil), r.Errors...)
	for _, res := range r.Resources {
		all = append(all, res.Errors...)
	}
	return all
}

// Resource is one resource the deployment would create.
type Resource struct {
	// ID is the resource id for the deployment scope.
	ID string
	// Type and Name are full: "Microsoft.MachineLearningServices/
	// workspaces/computes" and "mlw-1/ci-1".
	Type       string
	Name       string
	APIVersion string
	// Symbol is the symbolic name (languageVersion 2.0), with "[i]" for
	// a copy instance; "" in classic templates.
	Symbol string
	// Body is the resource as ARM would deploy it: id, type, name,
	// apiVersion, then the declared properties evaluated, without the
	// template-only keys (copy, condition, dependsOn, comments,
	// resources, existing). A nested deployment keeps
	// properties.template as written.
	Body *value.Object
	// Pos is the declaring JSON object.
	Pos source.Pos
	// Errors are expression errors found while evaluating this resource.
	Errors source.ErrorList
	// Deployment is the name of the nested deployment the resource came
	// from, "" for the top level.
	Deployment string
	// ConditionUnknown is set when the resource's condition could not be
	// decided before deployment (it was analysed as deployed).
	ConditionUnknown bool
	// CountUnknown is set when the resource's copy count is only known
	// at deployment: this one instance (copyIndex() 0) stands for all.
	CountUnknown bool
}

// expander is the state shared by a deployment and its nested ones.
type expander struct {
	opts       Options
	res        *Result
	files      []string // linked template files being expanded, outermost first
	instances  int
	iterations int64 // copy iterations so far
	calls      int   // user-defined function calls so far
	overBudget bool
}

// Expand evaluates t and returns the resources it would deploy. It never
// fails as a whole: problems are in Result.Errors and Resource.Errors.
func Expand(t *template.Template, opts Options) *Result {
	x := &expander{opts: opts, res: &Result{}}
	if t == nil {
		x.res.Outputs = value.NewObject(source.Pos{})
		return x.res
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = eval.DefaultContext()
	}
	ctx = ctx.WithScope(eval.Scope(t.Scope))
	params := make(map[string]value.Value, len(opts.Parameters))
	names := make(map[string]string, len(opts.Parameters))
	for k, v := range opts.Parameters {
		params[strings.ToLower(k)] = v
		names[strings.ToLower(k)] = k
	}
	if t.File != nil {
		x.files = append(x.files, t.File.Name)
	}
	d := newDeployment(x, t, ctx, "", nil, nil, params, 0)
	d.paramDefaults = opts.ParameterDefaults
	d.suppliedNames = names
	d.checkUndeclared()
	d.run()
	x.res.Resources = d.collect(nil)
	x.res.Outputs = d.outputValues
	x.res.Errors = append(x.res.Errors, d.errs...)
	return x.res
}
