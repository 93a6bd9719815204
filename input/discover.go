package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/azrule/azrule/bicep/parser"
	"github.com/azrule/azrule/source"
)

// MaxFileSize is the largest input file read. Real templates are far
// smaller; a larger file is almost always generated data, and reading it
// would cost memory for nothing. It is reported when hit.
const MaxFileSize = 32 << 20

// Kind says what a discovered file is.
type Kind int

// The kinds of input file.
const (
	// Other is a file azrule does not analyse.
	Other Kind = iota
	// Template is an ARM deployment template (.json).
	Template
	// Parameters is an ARM deployment parameter file (.json).
	Parameters
	// Resources is a file of exported resources (.json).
	Resources
	// Bicep is a .bicep file.
	Bicep
	// BicepParams is a .bicepparam file.
	BicepParams
)

var kindNames = [...]string{"other", "template", "parameters", "resources", "bicep", "bicepparam"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Options control discovery.
type Options struct {
	// Root is the folder that displayed names are relative to and that
	// linked files may not leave. Empty means the current directory.
	Root string
	// Ignore reports whether a path (relative to Root, forward slashes)
	// is to be skipped; for a folder, whether the whole folder is. Nil
	// ignores nothing.
	Ignore func(rel string, isDir bool) bool
	// Standalone analyses every template and Bicep file on its own as
	// well, even one that parameter files, callers or .bicepparam files
	// already analyse. Off by default: users do not want each finding
	// twice.
	Standalone bool
	// Parsed, when set, is where planning's parse of Bicep files (to find
	// their modules) is kept for the compiler to reuse.
	Parsed *parser.Cache
}

// Candidate is a file found by the walk, before it is read.
type Candidate struct {
	// Path is the file's path on disk.
	Path string
	// Rel is the path shown to users: relative to the root, with forward
	// slashes.
	Rel string
}

// Walk lists the candidate input files under paths (files or folders), in
// a stable order. A path given explicitly is used even when hidden. Errors
// name the path and say what went wrong; the walk goes on past them.
func Walk(paths []string, opt Options) ([]Candidate, []*source.Error) {
	root := opt.Root
	if root == "" {
		root = "."
	}
	absRoot, _ := filepath.Abs(root)
	var out []Candidate
	var errs []*source.Error
	seen := map[string]bool{}
	add := func(path string) {
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = path
		}
		if seen[abs] {
			return
		}
		seen[abs] = true
		out = append(out, Candidate{Path: path, Rel: relName(absRoot, abs)})
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, pathError(p, err))
			continue
		}
		if !info.IsDir() {
			if isCandidateName(p) {
				add(p)
			} else {
				errs = append(errs, &source.Error{Pos: source.NewFile(filepath.ToSlash(p), nil).Whole(),
					Code: "AZR-IN001", Message: "not a file azrule reads; give a .json, .jsonc, .bicep or .bicepparam file or a folder"})
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, pathError(path, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			abs, _ := filepath.Abs(path)
			rel := relName(absRoot, abs)
			if d.IsDir() {
				if path != p && opt.Ignore != nil && opt.Ignore(rel, true) {
					return fs.SkipDir
				}
				return nil
			}
			if opt.Ignore != nil && opt.Ignore(rel, false) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(path)
				if err != nil || st.IsDir() {
					return nil // dangling links and links to folders are not followed
				}
			}
			if isCandidateName(name) {
				add(path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, pathError(p, err))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rel < out[j].Rel })
	return out, errs
}

func isCandidateName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".jsonc", ".bicep", ".bicepparam":
		return true
	}
	return false
}

// relName is abs relative to root with forward slashes ("../x.json" for a
// file beside the root, as the user would type it), or abs itself when no
// relative path exists (another volume).
func relName(root, abs string) string {
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

func pathError(path string, err error) *source.Error {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	if errors.Is(err, fs.ErrNotExist) {
		msg = "no such file or folder"
	}
	return &source.Error{Pos: source.NewFile(filepath.ToSlash(path), nil).Whole(), Code: "AZR-IN002", Message: msg}
}

// ReadFile reads a candidate into a source.File, enforcing MaxFileSize.
func ReadFile(c Candidate) (*source.File, *source.Error) {
	st, err := os.Stat(c.Path)
	if err != nil {
		return nil, pathError(c.Rel, err)
	}
	if st.Size() > MaxFileSize {
		return nil, &source.Error{Pos: source.NewFile(c.Rel, nil).Whole(), Code: "AZR-IN003",
			Message: fmt.Sprintf("file is %d bytes, over the %d-byte limit for an input; exclude it with input.pathIgnore", st.Size(), MaxFileSize)}
	}
	b, err := os.ReadFile(c.Path)
	if err != nil {
		return nil, pathError(c.Rel, err)
	}
	return source.NewFile(c.Rel, b), nil
}
