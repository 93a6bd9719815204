package eval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// Func is a built-in template function.
type Func struct {
	// Name is the function's name as documented ("uniqueString"). Lookup
	// ignores case, as ARM does.
	Name string
	// MinArgs and MaxArgs bound the argument count; MaxArgs < 0 means
	// no upper bound. The evaluator checks them before calling.
	MinArgs, MaxArgs int
	// AcceptsUnknown lets Call see value.Unknown arguments. Without it,
	// a call with an Unknown argument returns an Unknown naming the call,
	// without running Call.
	AcceptsUnknown bool
	// Call computes the result from evaluated arguments.
	Call func(c *Call) (value.Value, error)
	// Lazy, when set, is used instead of Call: no argument is evaluated
	// before the function asks for it with c.Eval(i), and c.Args is nil
	// (c.ArgPos still has one entry per argument). if, and, or and
	// coalesce use it to short-circuit as ARM does.
	Lazy func(c *Call) (value.Value, error)
	// Lambdas lets lambda(...) be written as an argument; it arrives as a
	// *Lambda. Everywhere else lambda() is an error, as in ARM.
	Lambdas bool
}

// Call is one invocation of a Func with evaluated arguments.
type Call struct {
	Env  Env
	Name string
	// At is the position of the call in the source.
	At source.Pos
	// Args are the evaluated arguments; ArgPos[i] is where argument i
	// was written.
	Args   []value.Value
	ArgPos []source.Pos
	// Eval evaluates argument i of a Lazy function; it is nil otherwise.
	Eval func(i int) (value.Value, error)

	ev      *evaluator         // the evaluator making the call: lambda scopes
	argText func(i int) string // argument i as written, for Lazy functions
}

// NArgs is the number of arguments written, for Lazy functions too.
func (c *Call) NArgs() int { return len(c.ArgPos) }

// Errorf returns an error at the call.
func (c *Call) Errorf(format string, args ...any) error {
	return source.Errorf(c.At, "%s", c.Name+": "+fmt.Sprintf(format, args...))
}

// ArgErrorf returns an error at argument i.
func (c *Call) ArgErrorf(i int, format string, args ...any) error {
	at := c.At
	if i < len(c.ArgPos) && c.ArgPos[i].IsValid() {
		at = c.ArgPos[i]
	}
	return source.Errorf(at, "%s", c.Name+": "+fmt.Sprintf(format, args...))
}

// String returns argument i as a string, or an error naming the type
// that was given.
func (c *Call) String(i int) (string, error) {
	if s, ok := c.Args[i].(value.String); ok {
		return s.V, nil
	}
	return "", c.ArgErrorf(i, "argument %d must be a string, not %s", i+1, value.TypeName(c.Args[i]))
}

// Int returns argument i as an integer.
func (c *Call) Int(i int) (int64, error) {
	if n, ok := c.Args[i].(value.Int); ok {
		return n.V, nil
	}
	return 0, c.ArgErrorf(i, "argument %d must be an integer, not %s", i+1, value.TypeName(c.Args[i]))
}

var (
	registry = map[string]*Func{}
	// exact holds each function under its documented spelling too, so the
	// common case (a template spells the name as documented) needs no
	// lower-casing.
	exact = map[string]*Func{}
)

// Register adds f to the built-in functions. It panics on a duplicate
// name: that is a programming error found by any test.
func Register(f *Func) {
	key := strings.ToLower(f.Name)
	if _, dup := registry[key]; dup {
		panic("eval: function registered twice: " + f.Name)
	}
	registry[key] = f
	exact[f.Name] = f
}

// Lookup finds a built-in function by name, ignoring case.
func Lookup(name string) (*Func, bool) {
	if f, ok := exact[name]; ok {
		return f, true
	}
	f, ok := registry[strings.ToLower(name)]
	return f, ok
}

// Names returns the names of all built-in functions, sorted.
func Names() []string {
	names := make([]string, 0, len(registry))
	for _, f := range registry {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return names
}
