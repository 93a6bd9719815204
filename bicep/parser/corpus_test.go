package parser

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

func globFiles(t testing.TB, root, suffix string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, suffix) {
			out = append(out, path)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func parsePath(t testing.TB, path string) source.ErrorList {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, errs := ParseFile(source.NewFile(path, b))
	checkSpans(t, f)
	return errs
}

// checkSpans requires every node's span to be well formed and to lie
// inside its parent's, and every child to start at or after the previous
// sibling's start (source order).
func checkSpans(t testing.TB, f *ast.File) {
	t.Helper()
	type frame struct {
		n         ast.Node
		lastStart int
	}
	stack := []frame{}
	bad := 0
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		from, to := n.Pos().Offset, n.End().Offset
		if to < from || n.Pos().File != f.File {
			bad++
		}
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			if from < top.n.Pos().Offset || to > top.n.End().Offset || from < top.lastStart {
				bad++
				if bad < 5 {
					t.Errorf("%s: %T [%d,%d) not inside %T [%d,%d) after %d", n.Pos(), n, from, to, top.n, top.n.Pos().Offset, top.n.End().Offset, top.lastStart)
				}
			}
			top.lastStart = from
		}
		stack = append(stack, frame{n: n})
		return true
	})
}

// TestCorpusValid parses every file the Bicep compiler accepts
// syntactically and requires zero errors.
func TestCorpusValid(t *testing.T) {
	c := testdir.Corpus(t)
	var files []string
	for _, f := range globFiles(t, filepath.Join(c, "bicep-samples", "baselines"), "/main.bicep") {
		if !strings.HasPrefix(filepath.Base(filepath.Dir(f)), "Invalid") {
			files = append(files, f)
		}
	}
	files = append(files, globFiles(t, filepath.Join(c, "bicep-samples", "user_submitted"), "/main.bicep")...)
	files = append(files, globFiles(t, filepath.Join(c, "carml"), ".bicep")...)
	for _, f := range globFiles(t, filepath.Join(c, "bicep-samples", "baselines_bicepparam"), ".bicepparam") {
		if !strings.Contains(f, "/Invalid_") && !strings.HasSuffix(f, ".diagnostics.bicepparam") {
			files = append(files, f)
		}
	}
	failed := 0
	for _, f := range files {
		if errs := parsePath(t, f); len(errs) > 0 {
			failed++
			t.Errorf("%d errors; first: %v", len(errs), errs[0])
		}
	}
	t.Logf("valid corpus: %d files, %d parsed without errors, %d with errors", len(files), len(files)-failed, failed)
}

// diagLine matches one expected diagnostic in a main.diagnostics.bicep.
var diagLine = regexp.MustCompile(`^//@\[(\d+):(\d+)\) \[([A-Za-z0-9-]+) \((Error|Warning|Info)\)\]`)

// syntaxCodes are the Bicep codes produced by the lexer and parser (not by
// the binder or type checker).
var syntaxCodes = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`BCP001 BCP002 BCP003 BCP004 BCP005 BCP006 BCP007 BCP008 BCP009 BCP010
		BCP012 BCP013 BCP015 BCP016 BCP017 BCP018 BCP019 BCP020 BCP022 BCP023 BCP024 BCP064 BCP068 BCP087
		BCP096 BCP097 BCP103 BCP117 BCP118 BCP123 BCP132 BCP140 BCP153 BCP162 BCP167 BCP201 BCP202 BCP226
		BCP236 BCP237 BCP238 BCP243 BCP249 BCP266 BCP279 BCP325 BCP346 BCP347`) {
		syntaxCodes[c] = true
	}
}

// expectedSyntaxLines returns the 1-based lines of main.bicep on which the
// compiler reports a syntax error, read from main.diagnostics.bicep (where
// each source line is followed by its //@[..] diagnostic lines).
func expectedSyntaxLines(t *testing.T, diagPath string) map[int]bool {
	b, err := os.ReadFile(diagPath)
	if err != nil {
		return nil
	}
	lines := map[int]bool{}
	src := 0
	for _, l := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		if m := diagLine.FindStringSubmatch(l); m != nil {
			if m[4] == "Error" && syntaxCodes[m[3]] {
				lines[src] = true
			}
			continue
		}
		src++
	}
	return lines
}

// TestCorpusInvalid parses every Invalid* baseline: none may crash; a file
// the compiler reports syntax errors for must yield errors here, and a file
// with only semantic errors must parse cleanly. It logs how many of the
// compiler's syntax-error lines we also report an error on.
func TestCorpusInvalid(t *testing.T) {
	c := testdir.Corpus(t)
	var files []string
	for _, f := range globFiles(t, filepath.Join(c, "bicep-samples", "baselines"), "/main.bicep") {
		if strings.HasPrefix(filepath.Base(filepath.Dir(f)), "Invalid") {
			files = append(files, f)
		}
	}
	for _, f := range globFiles(t, filepath.Join(c, "bicep-samples", "baselines_bicepparam"), ".bicepparam") {
		if strings.Contains(f, "/Invalid_") && !strings.HasSuffix(f, ".diagnostics.bicepparam") {
			files = append(files, f)
		}
	}
	wantLines, gotLines := 0, 0
	for _, f := range files {
		errs := parsePath(t, f)
		diag := strings.TrimSuffix(f, ".bicep") + ".diagnostics.bicep"
		if strings.HasSuffix(f, ".bicepparam") {
			diag = strings.TrimSuffix(f, ".bicepparam") + ".diagnostics.bicepparam"
		}
		want := expectedSyntaxLines(t, diag)
		got := map[int]bool{}
		for _, e := range errs {
			got[e.Pos.Position().Line] = true
		}
		for l := range want {
			wantLines++
			if got[l] {
				gotLines++
			}
		}
		switch {
		case len(want) > 0 && len(errs) == 0:
			t.Errorf("%s: the compiler reports syntax errors on %d lines; we report none", f, len(want))
		case len(want) == 0 && len(errs) > 0:
			t.Errorf("%s: the compiler reports no syntax errors; we report %d, first: %v", f, len(errs), errs[0])
		}
		t.Logf("%s: %d errors; compiler syntax-error lines %d", filepath.Base(filepath.Dir(f)), len(errs), len(want))
	}
	t.Logf("invalid corpus: %d files; we report an error on %d of the compiler's %d syntax-error lines", len(files), gotLines, wantLines)
}
