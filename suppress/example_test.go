package suppress_test

import (
	"fmt"

	"github.com/azrule/azrule/source"
	"github.com/azrule/azrule/suppress"
)

func ExampleScan() {
	f := source.NewFile("main.bicep", []byte(`resource w 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-1'
  properties: {
    // azrule-disable-next-line Azure.ML.PublicAccess: reached through the hub's private endpoint
    publicNetworkAccess: 'Enabled'
  }
}
`))
	comments, errs := suppress.Scan(f)
	fmt.Println(len(errs), "errors")
	set := suppress.NewSet(comments)
	// The engine asks with the resource's line and the deciding value's line.
	c, ok := set.Match("Azure.ML.PublicAccess", "AZR-000405", 1, []int{5})
	fmt.Println(ok, c.Pos, c.Reason)
	// Output:
	// 0 errors
	// true main.bicep:4:5 reached through the hub's private endpoint
}
