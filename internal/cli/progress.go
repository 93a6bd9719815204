package cli

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressDelay is how long a scan runs before progress is shown: short
// scans stay quiet.
const progressDelay = time.Second

// progress shows "analysed N/M inputs" on a terminal's stderr, on one line
// rewritten in place, once a scan has run for progressDelay.
type progress struct {
	w     io.Writer
	start time.Time

	mu          sync.Mutex
	done, total int
	shown       bool
	last        time.Time
}

func newProgress(w io.Writer) *progress { return &progress{w: w, start: time.Now()} }

// update is scan.Options.Progress.
func (p *progress) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	now := time.Now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	p.shown = true
	fmt.Fprintf(p.w, "\razrule: analysed %d/%d inputs", done, total)
}

// finish clears the progress line, if one was shown.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
