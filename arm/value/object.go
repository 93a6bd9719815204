package value

import (
	"strings"

	"github.com/azrule/azrule/source"
)

// Member is one key and value of an Object. KeyPos is where the key was
// written.
type Member struct {
	Key    string
	KeyPos source.Pos
	Value  Value
}

// Object is an ordered map whose keys are matched without regard to case,
// as ARM matches property names. Setting a key that exists under another
// case replaces the value and keeps the first spelling.
type Object struct {
	members []Member
	index   map[string]int // lower-cased key -> member index; built past indexAfter members
	At      source.Pos
}

// indexAfter is the member count past which an Object keeps a map: below
// it, a linear scan with EqualFold is faster and allocates nothing.
const indexAfter = 8

// NewObject returns an empty object positioned at at.
func NewObject(at source.Pos) *Object { return &Object{At: at} }

// Len is the number of members.
func (o *Object) Len() int { return len(o.members) }

// Members returns the members in order. The slice must not be modified.
func (o *Object) Members() []Member { return o.members }

// Keys returns the keys in order.
func (o *Object) Keys() []string {
	keys := make([]string, len(o.members))
	for i, m := range o.members {
		keys[i] = m.Key
	}
	return keys
}

func (o *Object) find(key string) int {
	if o.index != nil {
		if i, ok := o.index[strings.ToLower(key)]; ok {
			return i
		}
		return -1
	}
	for i := range o.members {
		if strings.EqualFold(o.members[i].Key, key) {
			return i
		}
	}
	return -1
}

// Get returns the value of key, matched without regard to case.
func (o *Object) Get(key string) (Value, bool) {
	if o == nil {
		return nil, false
	}
	if i := o.find(key); i >= 0 {
		return o.members[i].Value, true
	}
	return nil, false
}

// Member returns the member of key, matched without regard to case.
func (o *Object) Member(key string) (Member, bool) {
	if o == nil {
		return Member{}, false
	}
	if i := o.find(key); i >= 0 {
		return o.members[i], true
	}
	return Member{}, false
}

// Has reports whether key is present.
func (o *Object) Has(key string) bool { return o != nil && o.find(key) >= 0 }

// Set adds or replaces key.
func (o *Object) Set(key string, v Value) { o.SetMember(Member{Key: key, Value: v}) }

// SetMember adds or replaces m.Key. A replaced member keeps its original
// key spelling and position.
func (o *Object) SetMember(m Member) {
	if i := o.find(m.Key); i >= 0 {
		o.members[i].Value = m.Value
		return
	}
	o.members = append(o.members, m)
	switch {
	case o.index != nil:
		o.index[strings.ToLower(m.Key)] = len(o.members) - 1
	case len(o.members) > indexAfter:
		o.reindex()
	}
}

func (o *Object) reindex() {
	o.index = make(map[string]int, len(o.members))
	for i, m := range o.members {
		k := strings.ToLower(m.Key)
		if _, dup := o.index[k]; !dup {
			o.index[k] = i
		}
	}
}

// Delete removes key if present.
func (o *Object) Delete(key string) {
	i := o.find(key)
	if i < 0 {
		return
	}
	o.members = append(o.members[:i:i], o.members[i+1:]...)
	if o.index != nil {
		o.reindex()
	}
}

// Clone returns a shallow copy: a new member list sharing the values.
func (o *Object) Clone() *Object {
	c := &Object{At: o.At, members: make([]Member, len(o.members))}
	copy(c.members, o.members)
	if len(c.members) > indexAfter {
		c.reindex()
	}
	return c
}

// DeepCopy returns a copy that shares no arrays or objects with v.
func DeepCopy(v Value) Value {
	switch v := v.(type) {
	case *Array:
		c := &Array{At: v.At, Elems: make([]Value, len(v.Elems))}
		for i, e := range v.Elems {
			c.Elems[i] = DeepCopy(e)
		}
		return c
	case *Object:
		c := &Object{At: v.At, members: make([]Member, len(v.members))}
		for i, m := range v.members {
			m.Value = DeepCopy(m.Value)
			c.members[i] = m
		}
		if len(c.members) > indexAfter {
			c.reindex()
		}
		return c
	}
	return v
}
