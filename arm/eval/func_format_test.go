package eval

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

func exFloat(f float64) value.Value { return value.Float{V: f} }

// pointOne is a variable so that 0.1 + 0.2 is float64 arithmetic, not an
// exact constant expression.
var pointOne = 0.1

func TestFormat(t *testing.T) {
	obj := value.NewObject(source.Pos{})
	obj.Set("a", exInt(1))
	obj.Set("b", exStr("x"))
	tests := []struct {
		args []value.Value
		want string
	}{
		// Documented example (template-functions-string).
		{[]value.Value{exStr("{0}, {1}. Formatted number: {2:N0}"), exStr("Hello"), exStr("User"), exInt(8175133)}, "Hello, User. Formatted number: 8,175,133"},
		// Bicep bicepparam baseline (Expressions).
		{[]value.Value{exStr("->{0}<-"), exInt(123)}, "->123<-"},

		// Composite formatting: escapes, reuse, order, alignment.
		{[]value.Value{exStr("{{0}} is {0}"), exStr("x")}, "{0} is x"},
		{[]value.Value{exStr("}}{{")}, "}{"},
		{[]value.Value{exStr("{1}{0}{1}"), exStr("a"), exStr("b")}, "bab"},
		{[]value.Value{exStr("[{0,6}]"), exStr("abc")}, "[   abc]"},
		{[]value.Value{exStr("[{0,-6}]"), exStr("abc")}, "[abc   ]"},
		{[]value.Value{exStr("[{0 , -6 :D2}]"), exInt(7)}, "[07    ]"},
		{[]value.Value{exStr("[{0,2}]"), exStr("toolong")}, "[toolong]"},
		{[]value.Value{exStr("[{0,4}]"), exStr("é")}, "[   é]"},
		{[]value.Value{exStr("no items")}, "no items"},
		{[]value.Value{exStr("")}, ""},

		// Booleans, null, strings ignore format strings; JSON for the rest.
		{[]value.Value{exStr("{0} {1:N2}"), exBool(true), exBool(false)}, "True False"},
		{[]value.Value{exStr("[{0}]"), value.Null{}}, "[]"},
		{[]value.Value{exStr("{0:D5}"), exStr("abc")}, "abc"},
		{[]value.Value{exStr("{0}"), value.NewArray(source.Pos{}, exInt(1), exStr("a"))}, `[1,"a"]`},
		{[]value.Value{exStr("{0}"), obj}, `{"a":1,"b":"x"}`},

		// Standard numeric formats on integers, invariant culture.
		{[]value.Value{exStr("{0:D3}|{1:d3}|{2:D}"), exInt(7), exInt(-7), exInt(0)}, "007|-007|0"},
		{[]value.Value{exStr("{0:N2}|{1:N0}|{2:n}"), exInt(1234567), exInt(-1000), exInt(5)}, "1,234,567.00|-1,000|5.00"},
		{[]value.Value{exStr("{0:F}|{1:F0}|{2:f3}"), exInt(2), exInt(-3), exInt(4)}, "2.00|-3|4.000"},
		{[]value.Value{exStr("{0:X}|{1:x4}|{2:X}"), exInt(255), exInt(255), exInt(-1)}, "FF|00ff|FFFFFFFFFFFFFFFF"},
		{[]value.Value{exStr("{0:B}|{1:B8}"), exInt(5), exInt(5)}, "101|00000101"},
		{[]value.Value{exStr("{0:P}|{1:P0}|{2:p1}"), exInt(1), exInt(-2), exInt(0)}, "100.00 %|-200 %|0.0 %"},
		{[]value.Value{exStr("{0:C}|{1:C0}|{2:c}"), exInt(1234), exInt(-5), exInt(0)}, "¤1,234.00|(¤5)|¤0.00"},
		{[]value.Value{exStr("{0:E}|{1:e2}|{2:E0}"), exInt(1234), exInt(1234), exInt(-5)}, "1.234000E+003|1.23e+003|-5E+000"},
		{[]value.Value{exStr("{0:G}|{1:G2}|{2:G5}|{3:g2}"), exInt(12345), exInt(12345), exInt(123), exInt(125)}, "12345|1.2E+04|123|1.3e+02"},
		{[]value.Value{exStr("{0:R}|{1}"), exInt(-42), exInt(-9223372036854775808)}, "-42|-9223372036854775808"},
		{[]value.Value{exStr("{0:N0}"), exInt(9223372036854775807)}, "9,223,372,036,854,775,807"},

		// Floats: shortest round-trip by default; with a precision, the exact
		// binary value rounded (1234.55 is 1234.5499999…), exact ties to even
		// (dotnet/runtime#1640, dotnet/docs#22089); custom patterns round
		// 15 digits half up and keep the sign of -0 (dotnet/runtime#32458).
		{[]value.Value{exStr("{0}|{1}|{2}|{3}"), exFloat(1.5), exFloat(1e15), exFloat(123456789012345), exFloat(pointOne + 0.2)}, "1.5|1E+15|123456789012345|0.30000000000000004"},
		{[]value.Value{exStr("{0}|{1}|{2}"), exFloat(0.0001), exFloat(0.00001), exFloat(-2.5e-7)}, "0.0001|1E-05|-2.5E-07"},
		{[]value.Value{exStr("{0:F2}|{1:F2}|{2:F2}|{3:F1}"), exFloat(0.125), exFloat(2.675), exFloat(1.005), exFloat(-0.04)}, "0.12|2.67|1.00|-0.0"},
		{[]value.Value{exStr("{0:F0}|{1:F0}|{2:F0}|{3:F0}|{4:G4}|{5:F2}"), exFloat(0.5), exFloat(1.5), exFloat(2.5), exFloat(3.5), exFloat(1234.5), exFloat(0.375)}, "0|2|2|4|1234|0.38"},
		{[]value.Value{exStr("{0:0}|{1:0.00}"), exFloat(-0.1), exFloat(0.125)}, "-0|0.13"},
		{[]value.Value{exStr("{0:N1}|{1:P1}|{2:E2}"), exFloat(1234.55), exFloat(0.1234), exFloat(0.000123)}, "1,234.5|12.3 %|1.23E-004"},
		{[]value.Value{exStr("{0:G3}|{1:G3}"), exFloat(3.14159), exFloat(314159.0)}, "3.14|3.14E+05"},

		// Custom numeric formats.
		{[]value.Value{exStr("{0:0000}|{1:#}|{2:#}|{3:0}"), exInt(42), exInt(42), exInt(0), exInt(0)}, "0042|42||0"},
		{[]value.Value{exStr("{0:#,##0.00}|{1:#,0}"), exInt(1234567), exInt(-1234)}, "1,234,567.00|-1,234"},
		{[]value.Value{exStr("{0:00-00}|{1:(###) ###-####}"), exInt(1234), exInt(4255550123)}, "12-34|(425) 555-0123"},
		{[]value.Value{exStr("{0:0.###}|{1:0.0##}|{2:.00}"), exFloat(1.5), exFloat(2), exFloat(3.14159)}, "1.5|2.0|3.14"},
		{[]value.Value{exStr("{0:0%}|{1:#,#,,}|{2:0.0E+00}|{3:0e0}"), exFloat(0.25), exInt(1234567890), exInt(12345), exInt(-5)}, "25%|1,235|1.2E+04|-5e0"},
		{[]value.Value{exStr("{0:#,##0;(#,##0);zero}|{1:#,##0;(#,##0);zero}|{2:#,##0;(#,##0);zero}"), exInt(-1234), exInt(0), exInt(5)}, "(1,234)|zero|5"},
		{[]value.Value{exStr("{0:\\#0}|{1:'n='0}|{2:0\"!\"}"), exInt(5), exInt(6), exInt(7)}, "#5|n=6|7!"},
		{[]value.Value{exStr("{0:000}"), exInt(-12)}, "-012"},
		// Custom patterns see a double rounded to 15 significant digits.
		{[]value.Value{exStr("{0:0.0}|{1:N1}"), exFloat(1234.55), exFloat(1234.55)}, "1234.6|1,234.5"},
	}
	for _, tt := range tests {
		exWantString(t, "format", tt.args, tt.want)
	}
}

func TestFormatUnknown(t *testing.T) {
	name := value.NewUnknown("parameter 'name' has no value", "parameters('name')", source.Pos{})
	got, err := exCall(t, "format", exStr("vm-{0}-{1:D2}"), name, exInt(1))
	if err != nil {
		t.Fatal(err)
	}
	u, ok := got.(value.Unknown)
	if !ok || u.Text != "vm-{{parameters('name')}}-01" || u.Origin != name.Origin || u.At != exFile.Pos(1) {
		t.Errorf("format with an Unknown argument = %#v, want Unknown 'vm-{{parameters('name')}}-01'", got)
	}
	got, err = exCall(t, "format", name, exInt(1))
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := got.(value.Unknown); !ok || u.Text != "{{format(parameters('name'), 1)}}" || u.Origin != name.Origin {
		t.Errorf("format with an Unknown format string = %#v, want an Unknown naming the call", got)
	}
	// A format string that is known is still checked.
	exWantError(t, "format", []value.Value{exStr("{1}"), name}, 0, "index 1")
}

func TestFormatErrors(t *testing.T) {
	tests := []struct {
		args []value.Value
		arg  int
		want string
	}{
		{[]value.Value{exInt(5)}, 0, "argument 1 must be a string, not Integer"},
		{[]value.Value{exStr("{0}")}, 0, "the format item {0} uses argument index 0, but there are only 0 arguments after the format string"},
		{[]value.Value{exStr("{0}{1}"), exStr("a")}, 0, "the format item {1} uses argument index 1, but there is only 1 argument"},
		{[]value.Value{exStr("a}b"), exStr("a")}, 0, "invalid at character 2: a '}' that closes no format item; write '}}'"},
		{[]value.Value{exStr("a{b}"), exStr("a")}, 0, "invalid at character 3: a format item must start with an argument index"},
		{[]value.Value{exStr("é}"), exStr("a")}, 0, "invalid at character 2:"},
		{[]value.Value{exStr("{ 0}"), exStr("a")}, 0, "must start with an argument index"},
		{[]value.Value{exStr("x{"), exStr("a")}, 0, "invalid at character 3"},
		{[]value.Value{exStr("{0"), exStr("a")}, 0, "invalid at character 1: the format item is not closed"},
		{[]value.Value{exStr("{0:N2"), exInt(1)}, 0, "is not closed"},
		{[]value.Value{exStr("{0,x}"), exStr("a")}, 0, "invalid at character 4: the alignment after ',' must be a number"},
		{[]value.Value{exStr("{0x}"), exStr("a")}, 0, "unexpected 'x' in the format item"},
		{[]value.Value{exStr("{0:a{b}"), exStr("a")}, 0, "a '{' inside the format string"},
		{[]value.Value{exStr("{0,100000}"), exStr("a")}, 0, "the alignment is larger than 10000"},
		{[]value.Value{exStr("{99999999}"), exStr("a")}, 0, "the argument index is too large"},
		{[]value.Value{exStr("{0:Q2}"), exInt(1)}, 1, "'Q2' is not a numeric format"},
		{[]value.Value{exStr("{1:D}"), exInt(1), exFloat(1.5)}, 2, "the format 'D' needs an integer, not a number with a fraction (in the format item {1:D})"},
		{[]value.Value{exStr("{0:X}"), exFloat(1.5)}, 1, "needs an integer"},
		{[]value.Value{exStr("{0:D5000}"), exInt(1)}, 1, "the precision 5000 is larger than 1000"},
		{[]value.Value{exStr("{0:'abc}"), exInt(1)}, 1, "not closed"},
	}
	for _, tt := range tests {
		exWantError(t, "format", tt.args, tt.arg, tt.want)
	}
	// The result size is capped, not the machine's memory.
	big := strings.Repeat("{0,10000}", 200)
	exWantError(t, "format", []value.Value{exStr(big), exStr("a")}, -1, "the result is longer than")
}

func BenchmarkFormat(b *testing.B) {
	c := exBenchCall("format", exStr("{0}-{1:D3}-{2}"), exStr("vm"), exInt(7), exStr("eastus"))
	f, _ := Lookup("format")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Call(c); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzFormat: no format string or numeric pattern panics, and every error
// is a positioned *source.Error.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{"{0}", "{0,-5:N2}", "{{}}", "{0:#,##0.00;(#);z}", "{1:0.0E+00}", "{0:'a\\'b'}", "{0:‰0}", "{0:E0}", "{0:.}", "{0:,.}"} {
		f.Add(s, int64(-1234567), 12.5)
	}
	f.Fuzz(func(t *testing.T, format string, n int64, x float64) {
		v, err := exCall(t, "format", exStr(format), exInt(n), exFloat(x), exStr("s"))
		if err != nil {
			if _, ok := err.(*source.Error); !ok {
				t.Fatalf("error %T is not a *source.Error: %v", err, err)
			}
			return
		}
		if _, ok := v.(value.String); !ok {
			t.Fatalf("format returned %T", v)
		}
	})
}
