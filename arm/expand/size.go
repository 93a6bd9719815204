package expand

import (
	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// MaxValueBytes is ARM's limit on the size of a template after
// expansion (4 MB). A variable or resource body whose JSON would be
// larger cannot be deployed; it is reported, and replaced by an Unknown
// so that values doubling through variables cannot exhaust memory.
const MaxValueBytes = 4 << 20

// oversized reports whether v's JSON encoding would exceed limit bytes.
// It stops counting at the limit, so shared subtrees repeated an
// exponential number of times cost no more than the limit to measure.
func oversized(v value.Value, limit int) bool {
	budget := limit
	var walk func(v value.Value) bool
	walk = func(v value.Value) bool {
		switch v := v.(type) {
		case value.String:
			budget -= len(v.V) + 2
		case value.Unknown:
			budget -= len(v.Text) + 2
		case *value.Array:
			budget -= 2
			for _, e := range v.Elems {
				if budget < 0 || walk(e) {
					return true
				}
				budget--
			}
		case *value.Object:
			budget -= 2
			for _, m := range v.Members() {
				budget -= len(m.Key) + 4
				if budget < 0 || walk(m.Value) {
					return true
				}
			}
		default:
			budget -= 8
		}
		return budget < 0
	}
	return walk(v)
}

// capSize replaces an oversized value by an Unknown and reports it.
func (d *deployment) capSize(v value.Value, what string, at source.Pos) value.Value {
	if v == nil || !oversized(v, MaxValueBytes) {
		return v
	}
	d.errorf(at, "EXP051", "%s is larger than ARM's 4 MB template limit once expanded; azrule does not keep its value", what)
	return value.NewUnknown(what+" is larger than ARM's template size limit", "too large", at)
}
