package yamlvalue

import (
	"math"
	"math/big"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

// converter holds the state of one Convert call.
type converter struct {
	f *source.File
	posCache
	opt                Options
	maxDepth, maxNodes int
	nodes              int
	deep, full         bool // each limit is reported once
	errs               source.ErrorList
	// reported marks mappings whose duplicate keys were passed to
	// Options.Duplicate, so that an anchored mapping used again through
	// aliases is not reported again.
	reported map[*yaml.Node]bool
}

func (c *converter) errorf(at source.Pos, code, format string, args ...any) {
	e := source.Errorf(at, format, args...)
	e.Code = code
	c.errs = append(c.errs, e)
}

// enter counts one node at the given depth and reports whether it is
// within the limits. Every step of the conversion that can repeat through
// aliases (a value, a merge) goes through it, so that the work is bounded
// by MaxNodes whatever the file.
func (c *converter) enter(at source.Pos, depth int) bool {
	if c.full {
		return false
	}
	if depth > c.maxDepth {
		if !c.deep {
			c.deep = true
			c.errorf(at, CodeDepth, "values are nested more than %d deep; flatten them", c.maxDepth)
		}
		return false
	}
	c.nodes++
	if c.nodes > c.maxNodes {
		c.full = true
		c.errorf(at, CodeSize, "the file expands to more than %d values (check for alias loops and aliases of aliases)", c.maxNodes)
		return false
	}
	return true
}

// value converts n at the given depth of nesting.
func (c *converter) value(n *yaml.Node, depth int) value.Value {
	at := c.pos(n)
	if !c.enter(at, depth) {
		return value.Null{At: at}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return value.Null{At: at}
		}
		return c.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return value.Null{At: at}
		}
		// The copy stands where the alias is written.
		return value.WithPos(c.value(n.Alias, depth+1), at)
	case yaml.SequenceNode:
		arr := &value.Array{At: at, Elems: make([]value.Value, 0, len(n.Content))}
		for _, e := range n.Content {
			if c.full {
				break
			}
			arr.Elems = append(arr.Elems, c.value(e, depth+1))
		}
		return arr
	case yaml.MappingNode:
		obj := value.NewObject(at)
		c.pairs(obj, n, depth)
		return obj
	case yaml.ScalarNode:
		return scalar(n, at)
	}
	return value.Null{At: at}
}

// pairs sets the members of mapping n on obj: later keys replace earlier
// ones, "<<" merges fill in what n does not set.
func (c *converter) pairs(obj *value.Object, n *yaml.Node, depth int) {
	var seen map[string]*yaml.Node
	report := c.opt.Duplicate != nil && !c.reported[n]
	if report {
		if c.reported == nil {
			c.reported = map[*yaml.Node]bool{}
		}
		c.reported[n] = true
		seen = map[string]*yaml.Node{}
	}
	for i := 0; i+1 < len(n.Content) && !c.full; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			c.merge(obj, v, depth+1)
			continue
		}
		kr := Resolve(k)
		if kr == nil || kr.Kind != yaml.ScalarNode {
			c.errorf(c.pos(k), CodeShape, "a mapping key must be a plain value, not %s", KindWord(k))
			continue
		}
		if report {
			lk := strings.ToLower(kr.Value)
			if first, dup := seen[lk]; dup {
				c.opt.Duplicate(kr.Value, c.pos(k), c.pos(first))
			} else {
				seen[lk] = k
			}
		}
		obj.SetMember(value.Member{Key: kr.Value, KeyPos: c.pos(k), Value: c.value(v, depth+1)})
	}
}

// merge applies the value of a "<<" key: a mapping, or a list of
// mappings, whose members obj does not have yet are added, keeping the
// positions where they are written.
func (c *converter) merge(obj *value.Object, v *yaml.Node, depth int) {
	src := Resolve(v)
	if src == nil {
		return
	}
	maps := []*yaml.Node{v}
	if src.Kind == yaml.SequenceNode {
		maps = src.Content
	}
	for _, m := range maps {
		mr := Resolve(m)
		if mr == nil || mr.Kind != yaml.MappingNode {
			c.errorf(c.pos(m), CodeShape, "a '<<' merge takes a mapping or a list of mappings, not %s", KindWord(m))
			continue
		}
		if !c.enter(c.pos(m), depth) {
			return
		}
		// The merged mapping is read whole first, so that its own keys
		// win over its own merges, as they would where it is written.
		tmp := value.NewObject(c.pos(mr))
		c.pairs(tmp, mr, depth)
		for _, mem := range tmp.Members() {
			if !obj.Has(mem.Key) {
				obj.SetMember(mem)
			}
		}
	}
}

// scalar types a scalar by its resolved YAML tag.
func scalar(n *yaml.Node, at source.Pos) value.Value {
	tag := n.ShortTag()
	if (tag == "!!int" || tag == "!!float") && n.Style == 0 && strings.ContainsRune(n.Value, '_') {
		// YAML 1.1 digit separators, which yaml.v3 still reads as numbers:
		// PSRule keeps "2023_12" as written, and so do we. A number tagged
		// !!int explicitly has a style and is read as a number.
		return value.String{V: n.Value, At: at}
	}
	switch tag {
	case "!!null":
		return value.Null{At: at}
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return value.Bool{V: b, At: at}
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return value.Int{V: i, At: at}
		}
		// Too large for int64: still a number.
		var f float64
		if n.Decode(&f) == nil {
			return value.Float{V: f, At: at}
		}
		if bf, ok := new(big.Float).SetString(strings.ReplaceAll(n.Value, "_", "")); ok {
			f, _ := bf.Float64()
			if !math.IsInf(f, 0) {
				return value.Float{V: f, At: at}
			}
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return value.Float{V: f, At: at}
		}
	}
	// Strings, timestamps, binary and unknown tags stay text.
	return value.String{V: n.Value, At: at}
}
