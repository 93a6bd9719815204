package eval

import (
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// View is the template's view of a resource of the same deployment, as
// reference() gives it: the resource's evaluated body (or its properties).
// Azure adds members to a resource when it deploys it (principalId,
// primaryEndpoints, provisioningState, a deployment script's outputs), so
// reading a member the view lacks is not an error: it gives a
// value.Unknown that says the member is only known after deployment.
// Members whose content the template fixes completely (a nested
// deployment's outputs: asking for an output it does not declare fails in
// ARM too) are listed in Complete.
type View struct {
	// Body is the value reference() returns.
	Body value.Value
	// Target is the resource as reference() named it, for the text of
	// the Unknowns that missing members give.
	Target string
	// Complete lists members of Body, as dot-separated paths matched
	// without regard to case ("outputs", "properties.outputs"), whose
	// members, and their members, are all known: a missing one there is
	// an error, as in ARM.
	Complete []string
}

// Viewer is an Env whose reference() of a resource of the same deployment
// gives a View. ok is false when the target is not such a resource; the
// evaluator then uses Env.Reference.
type Viewer interface {
	ReferenceView(target value.Value, apiVersion string, full bool, at source.Pos) (v View, ok bool, err error)
	// ReferencesView gives references(symbol, mode): one View per
	// deployed instance of the collection.
	ReferencesView(symbol string, mode string, at source.Pos) (vs []View, ok bool, err error)
}

// viewMark is what the evaluator remembers of an object or array that is
// part of a View: how to name it, and whether a missing member is an
// error (complete) or a deployment-time value.
type viewMark struct {
	text     string // expression text that reads it: reference('x').identity
	path     string // lower-cased path from the view's body: identity
	complete []string
}

// markView records v's body as a view and returns the body.
func (ev *evaluator) markView(v View) value.Value {
	text := "reference('" + v.Target + "')"
	ev.mark(v.Body, viewMark{text: text, complete: v.Complete})
	return v.Body
}

// mark remembers x (an object or array) as part of a view.
func (ev *evaluator) mark(x value.Value, m viewMark) {
	switch x.(type) {
	case *value.Object, *value.Array:
	default:
		return
	}
	if ev.views == nil {
		ev.views = map[value.Value]viewMark{}
	}
	if _, ok := ev.views[x]; !ok {
		ev.views[x] = m
	}
}

// viewOf returns the mark of x when x is part of a view.
func (ev *evaluator) viewOf(x value.Value) (viewMark, bool) {
	switch x.(type) {
	case *value.Object, *value.Array:
	default:
		return viewMark{}, false
	}
	if ev == nil || ev.views == nil {
		return viewMark{}, false
	}
	m, ok := ev.views[x]
	return m, ok
}

// child marks the member key of a view's part m as part of the view too.
func (ev *evaluator) child(m viewMark, v value.Value, key value.Value, prop bool) {
	switch v.(type) {
	case *value.Object, *value.Array:
	default:
		return
	}
	seg := exprText(key)
	if s, ok := key.(value.String); ok {
		seg = strings.ToLower(s.V)
	}
	path := seg
	if m.path != "" {
		path = m.path + "." + seg
	}
	ev.mark(v, viewMark{text: m.text + accessText(key, prop), path: path, complete: m.complete})
}

// isComplete reports whether the members of the part at path are all
// known: the path is one of the complete ones, or a member of one (an
// output is {type, value}). Deeper parts (an output's value) may hold
// views of resources themselves, so they are not complete.
func (m viewMark) isComplete() bool {
	for _, c := range m.complete {
		if len(m.path) < len(c) || !strings.EqualFold(c, m.path[:len(c)]) {
			continue
		}
		rest := m.path[len(c):]
		if rest == "" || rest[0] == '.' && !strings.Contains(rest[1:], ".") {
			return true
		}
	}
	return false
}

// afterDeployment is the value of a member a view lacks.
func afterDeployment(m viewMark, name string, at source.Pos) value.Unknown {
	text := m.text + "." + name
	return value.NewUnknown(text+" is only known after deployment", text, at)
}
