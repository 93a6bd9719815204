package config

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/azrule/azrule/source"
)

var yamlLineRE = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// yamlErrorPos finds the line (and column) yaml.v3 names in its message.
func yamlErrorPos(f *source.File, err error) source.Pos {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return f.Pos(0)
	}
	line, _ := strconv.Atoi(m[1])
	// yaml.v3 numbers parser errors (unlike scanner errors) from 0: it
	// prints the 0-based line of the construct left open.
	if strings.Contains(err.Error(), "did not find expected") {
		line++
	}
	col := 1
	if m[2] != "" {
		col, _ = strconv.Atoi(m[2])
	}
	return lineColPos(f, line, col)
}

// yamlErrorText drops yaml.v3's "yaml: line N:" prefix: the position is
// shown separately.
func yamlErrorText(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if loc := yamlLineRE.FindStringIndex(s); loc != nil && loc[0] == 0 {
		s = strings.TrimLeft(s[loc[1]:], ": ")
	}
	return "invalid YAML: " + s
}
