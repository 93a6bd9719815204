package suppress

import (
	"fmt"
	"strings"
	"testing"

	"github.com/azrule/azrule/source"
)

// benchBicep builds a Bicep file of n resources, each with strings,
// interpolation, a decorator and a suppression.
func benchBicep(n int) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `@description('Workspace %d, see https://example.com/docs')
// azrule-disable-next-line Azure.ML.PublicAccess: private endpoint %d
resource w%d 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-${uniqueString(resourceGroup().id, '%d')}'
  location: location
  properties: {
    /* block comment */
    publicNetworkAccess: 'Enabled' // trailing comment
    description: '''
multi-line // not a comment
'''
  }
}
`, i, i, i, i)
	}
	return []byte(b.String())
}

func BenchmarkScanBicep(b *testing.B) {
	src := benchBicep(500)
	f := source.NewFile("main.bicep", src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		cs, errs := Scan(f)
		if len(cs) != 500 || len(errs) != 0 {
			b.Fatalf("%d comments, %v", len(cs), errs)
		}
	}
}
