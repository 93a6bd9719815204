package eval

import (
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

func TestEncodingFunctions(t *testing.T) {
	tests := []struct {
		name string
		args []value.Value
		want string
	}{
		// Documented examples (template-functions-string).
		{"base64", []value.Value{exStr("one, two, three")}, "b25lLCB0d28sIHRocmVl"},
		{"base64ToString", []value.Value{exStr("b25lLCB0d28sIHRocmVl")}, "one, two, three"},
		{"dataUri", []value.Value{exStr("Hello")}, "data:text/plain;charset=utf8;base64,SGVsbG8="},
		{"dataUriToString", []value.Value{exStr("data:;base64,SGVsbG8sIFdvcmxkIQ==")}, "Hello, World!"},
		{"uri", []value.Value{exStr("http://contoso.org/firstpath"), exStr("myscript.sh")}, "http://contoso.org/myscript.sh"},
		{"uri", []value.Value{exStr("http://contoso.org/firstpath/"), exStr("myscript.sh")}, "http://contoso.org/firstpath/myscript.sh"},
		{"uri", []value.Value{exStr("http://contoso.org/firstpath/azuredeploy.json"), exStr("myscript.sh")}, "http://contoso.org/firstpath/myscript.sh"},
		{"uri", []value.Value{exStr("http://contoso.org/firstpath/azuredeploy.json/"), exStr("myscript.sh")}, "http://contoso.org/firstpath/azuredeploy.json/myscript.sh"},
		{"uri", []value.Value{exStr("http://contoso.com/resources/"), exStr("nested/azuredeploy.json")}, "http://contoso.com/resources/nested/azuredeploy.json"},
		{"uriComponent", []value.Value{exStr("http://contoso.com/resources/nested/azuredeploy.json")}, "http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json"},
		{"uriComponentToString", []value.Value{exStr("http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json")}, "http://contoso.com/resources/nested/azuredeploy.json"},

		// Bicep bicepparam baseline (Expressions), evaluated by Azure's engine.
		{"base64ToString", []value.Value{exStr("YWJj")}, "abc"},
		{"dataUriToString", []value.Value{exStr("data:text/plain;charset=utf8;base64,YWJj")}, "abc"},
		{"uri", []value.Value{exStr("https://github.com"), exStr("Azure/bicep")}, "https://github.com/Azure/bicep"},
		{"uriComponent", []value.Value{exStr("UB*8h 0+=_)9h9n")}, "UB%2A8h%200%2B%3D_%299h9n"},
		{"uriComponentToString", []value.Value{exStr("%20%25%20")}, " % "},

		// UTF-8 both ways; unreserved characters kept.
		{"base64", []value.Value{exStr("é")}, "w6k="},
		{"base64ToString", []value.Value{exStr(" w6k=\n")}, "é"},
		{"base64ToString", []value.Value{exStr("/w==")}, "\uFFFD"},
		{"uriComponent", []value.Value{exStr("a-b.c_d~é")}, "a-b.c_d~%C3%A9"},
		{"uriComponentToString", []value.Value{exStr("a+b%C3%A9%u00e9%zz%")}, "a béé%zz%"},

		// Data URIs: percent-encoded data, upper-case scheme, non-strings as JSON.
		{"dataUriToString", []value.Value{exStr("DATA:text/plain,a%20b")}, "a b"},
		{"dataUriToString", []value.Value{exStr("data:,")}, ""},
		{"dataUri", []value.Value{value.NewArray(source.Pos{}, exInt(1), exStr("a"))}, "data:application/json;charset=utf8;base64,WzEsImEiXQ=="},
		{"dataUri", []value.Value{exInt(42)}, "data:application/json;charset=utf8;base64,NDI="},
		{"dataUri", []value.Value{exBool(true)}, "data:application/json;charset=utf8;base64,VHJ1ZQ=="},

		// uri: RFC 3986 resolution and .NET's AbsoluteUri normalisation.
		{"uri", []value.Value{exStr("https://Contoso.COM:443/a/b/c"), exStr("../d e")}, "https://contoso.com/a/d%20e"},
		{"uri", []value.Value{exStr("http://contoso.com:8080/a"), exStr("/b?x=1")}, "http://contoso.com:8080/b?x=1"},
		{"uri", []value.Value{exStr("http://contoso.com/a"), exStr("https://other.net/b")}, "https://other.net/b"},
		{"uri", []value.Value{exStr("http://contoso.com/a/b"), exStr("")}, "http://contoso.com/a/b"},
		{"uri", []value.Value{exStr("http://contoso.com/a/"), exStr("b\\c")}, "http://contoso.com/a/b/c"},
		{"uri", []value.Value{exStr("http://contoso.com/"), exStr("%zz%4")}, "http://contoso.com/%25zz%254"},
		{"uri", []value.Value{exStr("http://contoso.com/"), exStr("a%20b")}, "http://contoso.com/a%20b"},
	}
	for _, tt := range tests {
		exWantString(t, tt.name, tt.args, tt.want)
	}
}

func TestBase64ToJSON(t *testing.T) {
	// Documented example: {"one": "a", "two": "b"}.
	got, err := exCall(t, "base64ToJson", exStr("eyJvbmUiOiAiYSIsICJ0d28iOiAiYiJ9"))
	if err != nil {
		t.Fatal(err)
	}
	want := value.NewObject(source.Pos{})
	want.Set("one", exStr("a"))
	want.Set("two", exStr("b"))
	if !value.Equal(got, want) {
		t.Errorf("base64ToJson = %s, want %s", value.Render(got), value.Render(want))
	}
	// The result is placed at the call, not in a file the user never wrote.
	o := got.(*value.Object)
	one, _ := o.Get("one")
	if o.Pos().Offset != 1 || one.Pos().Offset != 1 || o.Pos().File != exFile {
		t.Errorf("base64ToJson values are positioned at %v / %v, want the call", o.Pos(), one.Pos())
	}
	// Bicep baseline: base64ToJson(base64('{"hi": "there"}')).hi is 'there'.
	got, err = exCall(t, "base64ToJson", exStr("eyJoaSI6ICJ0aGVyZSJ9"))
	if err != nil {
		t.Fatal(err)
	}
	if hi, _ := got.(*value.Object).Get("hi"); !value.Equal(hi, exStr("there")) {
		t.Errorf("base64ToJson(...).hi = %s, want 'there'", value.Render(hi))
	}
	// Scalars and arrays are JSON too.
	got, err = exCall(t, "base64ToJson", exStr("WzEsdHJ1ZSxudWxsXQ==")) // [1,true,null]
	if err != nil {
		t.Fatal(err)
	}
	if want := value.NewArray(source.Pos{}, exInt(1), exBool(true), value.Null{}); !value.Equal(got, want) {
		t.Errorf("base64ToJson([1,true,null]) = %s", value.Render(got))
	}
}

func TestEncodingErrors(t *testing.T) {
	tests := []struct {
		name string
		args []value.Value
		arg  int
		want string
	}{
		{"base64", []value.Value{exInt(1)}, 0, "argument 1 must be a string, not Integer"},
		{"base64ToString", []value.Value{exStr("abc")}, 0, "not valid base64"},
		{"base64ToString", []value.Value{exStr("ab$=")}, 0, "not valid base64"},
		{"base64ToJson", []value.Value{exStr("e30")}, 0, "not valid base64"},
		{"base64ToJson", []value.Value{exStr("eyJhIjp9")}, 0, "not valid JSON"}, // {"a":}
		{"base64ToJson", []value.Value{exStr("")}, 0, "not valid JSON"},
		{"dataUri", []value.Value{value.Null{}}, 0, "not Null"},
		{"dataUriToString", []value.Value{exStr("text/plain;base64,SGk=")}, 0, "must start with 'data:'"},
		{"dataUriToString", []value.Value{exStr("data:text/plain;base64")}, 0, "',' before the data is missing"},
		{"dataUriToString", []value.Value{exStr("data:text/plain;charset=utf-16;base64,SGk=")}, 0, "charset 'utf-16' is not supported"},
		{"dataUriToString", []value.Value{exStr("data:text/plain;;base64,SGk=")}, 0, "empty parameter"},
		{"dataUriToString", []value.Value{exStr("data:;base64,SGk")}, 0, "not valid base64"},
		{"uri", []value.Value{exStr("contoso.com/a"), exStr("b")}, 0, "is not an absolute URI"},
		{"uri", []value.Value{exStr("http://contoso.com/a b"), exStr("b")}, 0, "is not an absolute URI"},
		{"uri", []value.Value{exStr("http://contoso.com/"), exStr("a\x01b")}, 1, "not a valid relative URI"},
		{"uri", []value.Value{exStr("http://contoso.com/"), exInt(3)}, 1, "argument 2 must be a string"},
		{"uriComponent", []value.Value{exBool(true)}, 0, "not Bool"},
		{"uriComponentToString", []value.Value{value.Null{}}, 0, "not Null"},
	}
	for _, tt := range tests {
		exWantError(t, tt.name, tt.args, tt.arg, tt.want)
	}
}

func TestURIComponentRoundTrip(t *testing.T) {
	for _, s := range []string{"", "plain", "a b+c&d=e/f?g#h", "ünï ☃ 𝄞", "100%"} {
		enc, err := exCall(t, "uriComponent", exStr(s))
		if err != nil {
			t.Fatal(err)
		}
		dec, err := exCall(t, "uriComponentToString", enc)
		if err != nil {
			t.Fatal(err)
		}
		if !value.Equal(dec, exStr(s)) {
			t.Errorf("uriComponentToString(uriComponent(%q)) = %q via %q", s, value.Render(dec), value.Render(enc))
		}
		d64, err := exCall(t, "dataUri", exStr(s))
		if err != nil {
			t.Fatal(err)
		}
		back, err := exCall(t, "dataUriToString", d64)
		if err != nil {
			t.Fatal(err)
		}
		if !value.Equal(back, exStr(s)) {
			t.Errorf("dataUriToString(dataUri(%q)) = %q", s, value.Render(back))
		}
	}
}
