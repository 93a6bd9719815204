package parser

import (
	"bytes"
	"sync"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

// Cache holds parsed files for reuse, so that a file that several steps
// read (the input planner looking for modules, then the compiler of every
// caller) is parsed once. It is safe for concurrent use. Trees in it are
// shared and must not be changed. A tree is reused only for a file of the
// same name and byte-for-byte the same content, so an edited file is
// parsed again. The nil *Cache parses every time.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached
}

type cached struct {
	file *source.File
	tree *ast.File
	errs source.ErrorList
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

// Parse returns ParseFile(f), from the cache when it holds f's name and
// content. The returned file is the one the tree's positions point into:
// f itself, or the equal file parsed first, which callers should then use
// in place of f so that positions compare equal.
func (c *Cache) Parse(f *source.File) (*ast.File, source.ErrorList, *source.File) {
	if c == nil {
		tree, errs := ParseFile(f)
		return tree, errs, f
	}
	c.mu.Lock()
	e, ok := c.files[f.Name]
	c.mu.Unlock()
	if ok && bytes.Equal(e.file.Content, f.Content) {
		return e.tree, e.errs, e.file
	}
	tree, errs := ParseFile(f)
	c.mu.Lock()
	c.files[f.Name] = cached{file: f, tree: tree, errs: errs}
	c.mu.Unlock()
	return tree, errs, f
}
