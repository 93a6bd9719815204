package expr

// Walk calls fn for n and, while fn returns true, for each node below it,
// depth first in source order. Callers use it to find what an expression
// refers to (parameters(), variables(), reference(), copyIndex()) without
// evaluating it.
func Walk(n Node, fn func(Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	switch n := n.(type) {
	case *Call:
		for _, a := range n.Args {
			Walk(a, fn)
		}
	case *Property:
		Walk(n.X, fn)
	case *Index:
		Walk(n.X, fn)
		Walk(n.Index, fn)
	}
}
