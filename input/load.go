package input

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// Loaded is a file that has been read and, for JSON, decoded and
// classified.
type Loaded struct {
	Candidate
	Kind Kind
	File *source.File
	// Value is the decoded document for JSON kinds, nil otherwise.
	Value value.Value
	abs   string
}

// Set is the result of loading: every file read, the analyses to run and
// the problems found.
type Set struct {
	Files  []*Loaded
	Units  []Unit
	Errors []*source.Error

	mu      sync.Mutex
	byAbs   map[string]*Loaded
	byFile  map[*source.File]*Loaded
	allowed []string // absolute folders that linked files may come from
	absRoot string
}

// Load walks paths, reads and classifies every candidate, and plans the
// analyses. Files are read and decoded in parallel; the result is in a
// stable order.
func Load(paths []string, opt Options) *Set {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	root := opt.Root
	if root == "" {
		root = "."
	}
	s := &Set{byAbs: map[string]*Loaded{}, byFile: map[*source.File]*Loaded{}}
	s.absRoot, _ = filepath.Abs(root)
	s.allowed = append(s.allowed, s.absRoot)
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			abs = filepath.Dir(abs)
		}
		s.allowed = append(s.allowed, abs)
	}
	cands, errs := Walk(paths, opt)
	s.Errors = append(s.Errors, errs...)

	loaded := make([]*Loaded, len(cands))
	fileErrs := make([]*source.Error, len(cands))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				loaded[i], fileErrs[i] = load(cands[i])
			}
		}()
	}
	for i := range cands {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, l := range loaded {
		if fileErrs[i] != nil {
			s.Errors = append(s.Errors, fileErrs[i])
		}
		if l != nil {
			s.Files = append(s.Files, l)
			s.byAbs[l.abs] = l
			s.byFile[l.File] = l
		}
	}
	s.plan(opt.Standalone, opt.Parsed)
	return s
}

// load reads and classifies one candidate. A JSON file that does not
// parse is returned with its error only when its name says it is meant
// for azrule's kind of input; see jsonWorthReporting.
func load(c Candidate) (*Loaded, *source.Error) {
	f, serr := ReadFile(c)
	if serr != nil {
		return nil, serr
	}
	abs, _ := filepath.Abs(c.Path)
	l := &Loaded{Candidate: c, File: f, abs: abs}
	switch strings.ToLower(filepath.Ext(c.Path)) {
	case ".bicep":
		l.Kind = Bicep
		return l, nil
	case ".bicepparam":
		l.Kind = BicepParams
		return l, nil
	}
	v, err := jsonc.Parse(f)
	if err != nil {
		if e, ok := err.(*source.Error); ok {
			return nil, e
		}
		return nil, &source.Error{Pos: f.Whole(), Message: err.Error()}
	}
	l.Value = v
	l.Kind = Classify(v)
	if l.Kind == Other {
		return nil, nil
	}
	return l, nil
}

// Resolve finds the file that rel names, relative to the folder of from:
// a file already loaded, or one read now from disk. It refuses a path
// that leaves the scanned tree.
func (s *Set) Resolve(from *source.File, rel string) (*Loaded, *source.Error) {
	var dir string
	if l := s.byName(from); l != nil {
		dir = filepath.Dir(l.abs)
	} else {
		dir = filepath.Join(s.absRoot, filepath.Dir(filepath.FromSlash(from.Name)))
	}
	target := filepath.Clean(filepath.Join(dir, filepath.FromSlash(rel)))
	if !s.inside(target) {
		return nil, &source.Error{Pos: from.Whole(), Code: "AZR-IN004",
			Message: "'" + rel + "' leaves the scanned folder; scan a folder that contains it"}
	}
	s.mu.Lock()
	l, ok := s.byAbs[target]
	s.mu.Unlock()
	if ok {
		return l, nil
	}
	c := Candidate{Path: target, Rel: relName(s.absRoot, target)}
	l, err := load(c)
	if err != nil {
		return nil, err
	}
	if l == nil {
		return nil, &source.Error{Pos: from.Whole(), Code: "AZR-IN005",
			Message: "'" + rel + "' is not a template, parameter file or Bicep file"}
	}
	s.mu.Lock()
	if prev, ok := s.byAbs[target]; ok {
		l = prev
	} else {
		s.byAbs[target] = l
		s.byFile[l.File] = l
	}
	s.mu.Unlock()
	return l, nil
}

func (s *Set) byName(f *source.File) *Loaded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byFile[f]
}

func (s *Set) inside(abs string) bool {
	for _, dir := range s.allowed {
		if abs == dir || strings.HasPrefix(abs, dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
