package config

import (
	"os"
	"path/filepath"

	"github.com/azrule/azrule/source"
)

// FileNames are the options files Find looks for, in the order tried:
// PSRule's four names in PSRule's order, then .ps-rule.yaml for projects
// that keep tool settings in dot files. The first that exists wins.
var FileNames = []string{"ps-rule.yaml", "ps-rule.yml", "psrule.yaml", "psrule.yml", ".ps-rule.yaml"}

// MaxFileSize caps the size of an options file read by Load.
const MaxFileSize = 4 << 20

// Find looks for an options file in the directory root (not above it,
// not below it) and returns its path.
func Find(root string) (path string, ok bool) {
	for _, name := range FileNames {
		p := filepath.Join(root, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

// Load reads and parses the options file at path. The file's name in
// positions is path with forward slashes.
func Load(path string) (*Config, []*source.Error) {
	name := filepath.ToSlash(path)
	st, err := os.Stat(path)
	if err == nil && st.Size() > MaxFileSize {
		f := source.NewFile(name, nil)
		return Default(), []*source.Error{{Pos: f.Whole(), Code: CodeLimit,
			Message: "the options file is larger than 4 MiB; it is not read"}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f := source.NewFile(name, nil)
		return Default(), []*source.Error{{Pos: f.Whole(), Code: CodeRead,
			Message: "cannot read the options file: " + pathErrText(err)}}
	}
	return Parse(source.NewFile(name, data))
}

// pathErrText drops the path from an *os.PathError: the position names
// the file already.
func pathErrText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// LoadRoot is what a run does before anything else: find the options file
// in root, read it (the defaults when there is none), then apply environ.
// The errors of both steps are returned together.
func LoadRoot(root string, environ []string) (*Config, []*source.Error) {
	c, errs := Default(), []*source.Error(nil)
	if p, ok := Find(root); ok {
		c, errs = Load(p)
	}
	errs = append(errs, c.ApplyEnv(environ)...)
	return c, errs
}
