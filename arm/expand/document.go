package expand

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Document is the result as the `azrule expand -f json` command prints
// it: {"resources": [body...], "outputs": {...}, "errors": [{file, line,
// column, code, message}]}. Errors are every error of the expansion, the
// resources' own included, each once.
func Document(r *Result) *value.Object {
	doc := value.NewObject(source.Pos{})
	res := &value.Array{Elems: make([]value.Value, 0, len(r.Resources))}
	for _, x := range r.Resources {
		if x.Body != nil {
			res.Elems = append(res.Elems, x.Body)
		}
	}
	doc.Set("resources", res)
	if r.Outputs != nil {
		doc.Set("outputs", r.Outputs)
	}
	errs := &value.Array{Elems: []value.Value{}}
	seen := map[*source.Error]bool{}
	for _, e := range r.AllErrors() {
		if seen[e] {
			continue
		}
		seen[e] = true
		p := e.Pos.Position()
		eo := value.NewObject(source.Pos{})
		eo.Set("file", value.String{V: p.File})
		eo.Set("line", value.Int{V: int64(p.Line)})
		eo.Set("column", value.Int{V: int64(p.Column)})
		if e.Code != "" {
			eo.Set("code", value.String{V: e.Code})
		}
		eo.Set("message", value.String{V: e.Message})
		errs.Elems = append(errs.Elems, eo)
	}
	doc.Set("errors", errs)
	return doc
}

// MarshalJSON encodes Document(r).
func (r *Result) MarshalJSON() ([]byte, error) {
	return value.AppendJSON(nil, Document(r)), nil
}
