package pathignore_test

import (
	"fmt"

	"github.com/azrule/azrule/pathignore"
)

func ExampleMatcher_Match() {
	m, err := pathignore.Compile([]string{
		"# only analyse the deployments",
		"*",
		"!deployments/**/*.bicepparam",
	})
	if err != nil {
		panic(err)
	}
	for _, p := range []string{"deployments/dev/main.bicepparam", "modules/app/main.bicep"} {
		fmt.Println(p, m.Match(p, false))
	}
	// Output:
	// deployments/dev/main.bicepparam false
	// modules/app/main.bicep true
}
