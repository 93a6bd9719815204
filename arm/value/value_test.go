package value

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func obj(kv ...any) *Object {
	o := NewObject(noPos)
	for i := 0; i < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1].(Value))
	}
	return o
}

var noPos = Int{}.At

func TestObjectCaseInsensitive(t *testing.T) {
	o := obj("Identity", String{V: "x"})
	if v, ok := o.Get("identity"); !ok || v.(String).V != "x" {
		t.Fatal("Get ignores case")
	}
	o.Set("IDENTITY", String{V: "y"})
	if o.Len() != 1 || o.Keys()[0] != "Identity" {
		t.Fatalf("replace keeps first spelling: %v", o.Keys())
	}
	if v, _ := o.Get("identity"); v.(String).V != "y" {
		t.Fatal("replace sets the value")
	}
	o.Delete("iDentity")
	if o.Len() != 0 || o.Has("identity") {
		t.Fatal("Delete ignores case")
	}
}

func TestObjectIndexPastThreshold(t *testing.T) {
	o := NewObject(noPos)
	for i := 0; i < 40; i++ {
		o.Set(fmt.Sprintf("Key%d", i), Int{V: int64(i)})
	}
	for i := 0; i < 40; i++ {
		v, ok := o.Get(fmt.Sprintf("key%d", i))
		if !ok || v.(Int).V != int64(i) {
			t.Fatalf("key%d: %v %v", i, v, ok)
		}
	}
	o.Delete("KEY3")
	if o.Has("key3") || !o.Has("key4") || o.Len() != 39 {
		t.Fatal("Delete with index")
	}
	if v, _ := o.Get("key39"); v.(Int).V != 39 {
		t.Fatal("index rebuilt after delete")
	}
	c := o.Clone()
	c.Set("key0", Int{V: -1})
	if v, _ := o.Get("key0"); v.(Int).V != 0 {
		t.Fatal("Clone shares members")
	}
}

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b Value
		want bool
	}{
		{String{V: "a"}, String{V: "a"}, true},
		{String{V: "a"}, String{V: "A"}, false}, // equals() is ordinal
		{Int{V: 1}, Float{V: 1}, true},
		{Int{V: 1}, String{V: "1"}, false},
		{Null{}, Null{}, true},
		{Bool{V: true}, Bool{V: false}, false},
		{NewArray(noPos, Int{V: 1}, Int{V: 2}), NewArray(noPos, Int{V: 1}, Int{V: 2}), true},
		{NewArray(noPos, Int{V: 1}), NewArray(noPos, Int{V: 2}), false},
		{obj("a", Int{V: 1}, "b", Null{}), obj("B", Null{}, "A", Int{V: 1}), true},
		{obj("a", Int{V: 1}), obj("a", Int{V: 1}, "b", Int{V: 2}), false},
		{NewUnknown("p", "parameters('p')", noPos), NewUnknown("p", "parameters('p')", noPos), false},
	}
	for _, tt := range tests {
		if got := Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%s, %s) = %v", Render(tt.a), Render(tt.b), got)
		}
	}
}

func TestJSON(t *testing.T) {
	o := obj("z", String{V: "<a \"q\">\n"}, "a", NewArray(noPos, Int{V: -3}, Float{V: 2.5}, Bool{V: true}, Null{}),
		"u", NewUnknown("parameter 'x' has no value", "parameters('x')", noPos))
	got := string(AppendJSON(nil, o))
	want := `{"z":"<a \"q\">\n","a":[-3,2.5,true,null],"u":"{{parameters('x')}}"}`
	if got != want {
		t.Fatalf("AppendJSON:\n got %s\nwant %s", got, want)
	}
	var back map[string]any
	if err := json.Unmarshal([]byte(got), &back); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(o); err != nil || strings.TrimSpace(buf.String()) != want {
		t.Fatalf("MarshalJSON through encoding/json differs: %s (%v)", buf.String(), err)
	}
	if u, ok := FirstUnknown(o); !ok || u.Origin != "parameter 'x' has no value" {
		t.Fatalf("FirstUnknown = %v, %v", u, ok)
	}
	if _, ok := FirstUnknown(obj("a", Int{V: 1})); ok {
		t.Fatal("FirstUnknown found one in a known object")
	}
}

func TestDeepCopyIsIndependent(t *testing.T) {
	inner := obj("k", Int{V: 1})
	o := obj("inner", inner, "list", NewArray(noPos, inner))
	c := DeepCopy(o).(*Object)
	inner.Set("k", Int{V: 2})
	ci, _ := c.Get("inner")
	if v, _ := ci.(*Object).Get("k"); v.(Int).V != 1 {
		t.Fatal("DeepCopy shares nested objects")
	}
}
