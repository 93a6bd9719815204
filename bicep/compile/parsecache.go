package compile

import (
	"bytes"
	"sync"

	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/source"
)

// ParseCache holds parsed Bicep files for reuse across builds. It is safe
// for concurrent use. Trees in it are shared and must not be changed; the
// compiler only reads them. An entry is used only when the file's content
// is byte for byte what was parsed, so a file edited between builds is
// parsed again.
type ParseCache struct {
	mu    sync.Mutex
	files map[string]parsedFile
}

type parsedFile struct {
	file *source.File
	tree *ast.File
	errs source.ErrorList
}

// NewParseCache returns an empty cache.
func NewParseCache() *ParseCache { return &ParseCache{files: map[string]parsedFile{}} }

func (c *ParseCache) get(key string, content []byte) (parsedFile, bool) {
	c.mu.Lock()
	e, ok := c.files[key]
	c.mu.Unlock()
	if !ok || !bytes.Equal(e.file.Content, content) {
		return parsedFile{}, false
	}
	return e, true
}

func (c *ParseCache) put(key string, e parsedFile) {
	c.mu.Lock()
	c.files[key] = e
	c.mu.Unlock()
}
