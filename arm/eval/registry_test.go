package eval

import (
	"strings"
	"testing"
)

// TestCoreFunctionsRegistered lists every function of the families this
// package implements: a missing registration fails here, before any
// template meets it.
func TestCoreFunctionsRegistered(t *testing.T) {
	families := map[string]string{
		"logical":    "and bool false if not or true",
		"comparison": "coalesce equals greater greaterOrEquals less lessOrEquals",
		"numeric":    "add copyIndex div float int max min mod mul sub",
		"array":      "array concat contains createArray distinct empty first flatten indexOf intersection last lastIndexOf length range skip take union tryGet tryIndexFromEnd indexFromEnd",
		"object":     "createObject items json null objectKeys shallowMerge",
		"lambda":     "filter groupBy lambdaVariables map mapValues reduce sort toObject",
		"deployment": "deployment deployer environment extensions parameters variables",
		"scope":      "managementGroup resourceGroup subscription tenant",
		"resource":   "extensionResourceId managementGroupResourceId pickZones providers reference references resourceId subscriptionResourceId tenantResourceId",
		"string":     "endsWith join like newGuid padLeft replace split startsWith string substring toLower toUpper trim",
	}
	for family, names := range families {
		for _, name := range strings.Fields(names) {
			f, ok := Lookup(name)
			if !ok {
				t.Errorf("%s function %s is not registered", family, name)
				continue
			}
			if f.Name != name {
				t.Errorf("%s is registered as %s: messages must spell it as documented", name, f.Name)
			}
			if f.Call == nil && f.Lazy == nil {
				t.Errorf("%s has no implementation", name)
			}
		}
	}
	if _, ok := Lookup("TOLOWER"); !ok {
		t.Error("Lookup must ignore case, as ARM does")
	}
}
