package config_test

import (
	"fmt"

	"github.com/azrule/azrule/config"
	"github.com/azrule/azrule/source"
)

func ExampleParse() {
	f := source.NewFile("ps-rule.yaml", []byte(`output:
  outcome: Fail
  formt: json
configuration:
  AZURE_RESOURCE_GROUP:
    location: australiaeast
`))
	c, errs := config.Parse(f)
	fmt.Println(len(errs), "errors")
	for _, w := range c.Warnings {
		fmt.Println(w)
	}
	errs = c.ApplyEnv([]string{"PSRULE_OUTPUT_OUTCOME=Fail;Error"})
	fmt.Println(len(errs), "errors;", "outcome:", c.Output.Outcome)
	loc, _ := c.ResourceGroup().Get("location")
	fmt.Println(loc.Pos())
	// Output:
	// 0 errors
	// ps-rule.yaml:3:3: CFG003 unknown option output.formt; did you mean output.format?
	// 0 errors; outcome: Problem
	// ps-rule.yaml:6:15
}
