package eval

import (
	"strings"
	"testing"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// viewEnv answers reference('dep') with a deployment's view, whose
// outputs are complete, and reference('sa') with a storage account's.
type viewEnv struct{ testEnv }

func (e *viewEnv) ReferenceView(target value.Value, api string, full bool, at source.Pos) (View, bool, error) {
	s, _ := target.(value.String)
	text := map[string]string{
		"dep": `{"outputs": {"o": {"type": "object", "value": {"known": 1}}}, "provisioningState": "Succeeded"}`,
		"sa":  `{"minimumTlsVersion": "TLS1_2", "list": [{"a": 1}], "acls": null}`,
	}[s.V]
	if text == "" {
		return View{}, false, nil
	}
	v, err := jsonc.Parse(source.NewFile("view.json", []byte(text)))
	if err != nil {
		return View{}, false, err
	}
	vw := View{Body: v, Target: s.V}
	if s.V == "dep" {
		vw.Complete = []string{"outputs"}
	}
	return vw, true, nil
}

func (e *viewEnv) ReferencesView(symbol, mode string, at source.Pos) ([]View, bool, error) {
	if symbol != "coll" {
		return nil, false, nil
	}
	v, _, err := e.ReferenceView(value.String{V: "sa"}, "", false, at)
	v.Target = "coll[0]"
	return []View{v}, true, err
}

func TestViewMembers(t *testing.T) {
	cases := []struct{ expr, want, err string }{
		{"[reference('sa').minimumTlsVersion]", "TLS1_2", ""},
		{"[reference('sa').primaryEndpoints.blob]", "unknown:reference('sa').primaryEndpoints is only known after deployment", ""},
		{"[reference('sa').acls.bypass]", "unknown:reference('sa').acls is only known after deployment", ""},
		{"[reference('sa').list[0].b]", "unknown:reference('sa').list[0].b is only known after deployment", ""},
		{"[reference('sa').list[1]]", "", "array index 1 is out of bounds"},
		{"[tryGet(reference('sa'), 'list', 0, 'b')]", "unknown:reference('sa').list[0].b is only known after deployment", ""},
		{"[tryGet(createObject('a', 1), 'b')]", "null", ""},
		{"[reference('dep').outputs.o.value.known]", "1", ""},
		{"[reference('dep').outputs.o.value.late]", "unknown:reference('dep').outputs.o.value.late is only known after deployment", ""},
		{"[reference('dep').outputs.nope]", "", "property 'nope' does not exist"},
		{"[reference('dep').outputs.o.nope]", "", "property 'nope' does not exist"},
		{"[reference('dep').correlationId]", "unknown:reference('dep').correlationId is only known after deployment", ""},
		{"[references('coll')[0].minimumTlsVersion]", "TLS1_2", ""},
		{"[map(references('coll'), lambda('r', lambdaVariables('r').principalId))[0]]", "unknown:reference('coll[0]').principalId is only known after deployment", ""},
		// Marks belong to the view, not to equal values built elsewhere.
		{"[createObject('a', 1).b]", "", "property 'b' does not exist"},
	}
	for _, tc := range cases {
		env := &viewEnv{*newTestEnv()}
		v, err := run(t, env, tc.expr)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.expr, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		got := value.Render(v)
		if u, ok := v.(value.Unknown); ok {
			got = "unknown:" + u.Origin
		}
		if got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
}
