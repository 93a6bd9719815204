package eval

import (
	"sync"
	"testing"

	"github.com/azrule/azrule/arm/value"
)

// TestConcurrentEvaluation evaluates the same expressions from many
// goroutines: the parse cache and the registry are shared, evaluators are
// not. Run with -race to make it meaningful.
func TestConcurrentEvaluation(t *testing.T) {
	want := make([]string, len(benchMix))
	for i, s := range benchMix {
		v, err := EvalString(value.String{V: s}, newTestEnv())
		if err != nil {
			t.Fatal(err)
		}
		want[i] = render(v)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(benchMix))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			env := newTestEnv()
			for i, s := range benchMix {
				v, err := EvalString(value.String{V: s}, env)
				if err != nil || render(v) != want[i] {
					errs <- s
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("concurrent evaluation of %s gave a different result", s)
	}
}
