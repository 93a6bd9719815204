package compile

import (
	"testing"

	"github.com/azrule/azrule/arm/value"
)

// TestMultilineCRLF checks that a file with CRLF line ends keeps them in
// the values of its multi-line strings, holes or not, as Bicep does; only
// the line break after the opening quotes is dropped.
func TestMultilineCRLF(t *testing.T) {
	src := "param p string\r\n" +
		"var plain = '''\r\na\r\nb\r\n'''\r\n" +
		"var holes = $'''\r\nx ${p}\r\ny\r\n'''\r\n" +
		"output o1 string = plain\r\noutput o2 string = holes\r\n"
	tpl, errs := compileSource(t, src, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	vars, _ := tpl.Get("variables")
	want := map[string]string{
		"plain": "a\r\nb\r\n",
		"holes": "[format('x {0}\r\ny\r\n', parameters('p'))]",
	}
	for name, w := range want {
		v, _ := vars.(*value.Object).Get(name)
		if s, _ := v.(value.String); s.V != w {
			t.Errorf("%s = %q, want %q", name, s.V, w)
		}
	}
}
