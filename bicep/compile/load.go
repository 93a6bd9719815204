package compile

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/bicep/ast"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/yamlvalue"
)

// MaxLoadSize caps a file read by a load*Content function (Bicep's own
// limits are of this order: 131072 characters of text, 96 KiB base64).
const MaxLoadSize = 1 << 20

// loadCall evaluates a load*Content call at compile time. The content is
// hoisted to a variable $fxv#i, as Bicep does, and the call becomes
// variables('$fxv#i'); inside a function, where ARM allows no variables,
// the content is written in place.
func (c *fileCompiler) loadCall(e *ast.CallExpr, name string, l *lctx) aexpr {
	v := c.load(e, name, l)
	if v == nil {
		return aNull{}
	}
	if l.inFunc || c.into != nil {
		// A function, or a declaration copied into an importing file,
		// has no variables of this file to read.
		return valueExpr(v)
	}
	i := c.fxvIndex(e)
	c.fxv[i] = escapeValue(v)
	return call("variables", aStr{"$fxv#" + itoa(i)})
}

// fxvIndex returns the $fxv# number of a hoisted load call. Bicep numbers
// every hoisted load of the file in declaration order (variables and
// modules interleaved as written), whatever order they are lowered in, so
// the calls are numbered once, up front.
func (c *fileCompiler) fxvIndex(e *ast.CallExpr) int {
	if c.fxvSlots == nil {
		c.fxvSlots = map[*ast.CallExpr]int{}
		for _, d := range c.file.Decls {
			if _, ok := d.(*ast.FuncDecl); ok {
				continue // loads in functions are written in place
			}
			var direct *ast.CallExpr
			if vd, ok := d.(*ast.VarDecl); ok {
				if ce, ok := vd.Value.(*ast.CallExpr); ok && ce.Name != nil && c.directLoad(ce.Name.Name) {
					direct = ce
				}
			}
			ast.Inspect(d, func(n ast.Node) bool {
				ce, ok := n.(*ast.CallExpr)
				if ok && ce != direct && ce.Name != nil && isLoad(ce.Name.Name) && (ce.Recv == nil || isSysNamespace(c, ce.Recv)) {
					if _, seen := c.fxvSlots[ce]; !seen {
						c.fxvSlots[ce] = len(c.fxvCalls)
						c.fxvCalls = append(c.fxvCalls, ce)
					}
				}
				return true
			})
		}
		c.fxv = make([]value.Value, len(c.fxvCalls))
	}
	if i, ok := c.fxvSlots[e]; ok {
		return i
	}
	// A call the walk did not see: the next number.
	i := len(c.fxvCalls)
	c.fxvSlots[e] = i
	c.fxvCalls = append(c.fxvCalls, e)
	c.fxv = append(c.fxv, nil)
	return i
}

// loadedContents returns the hoisted contents by $fxv# number, loading
// those whose calls were not lowered (Bicep writes them all).
func (c *fileCompiler) loadedContents() []value.Value {
	for i, v := range c.fxv {
		if v != nil {
			continue
		}
		e := c.fxvCalls[i]
		if lv := c.load(e, e.Name.Name, &lctx{c: c}); lv != nil {
			c.fxv[i] = escapeValue(lv)
		} else {
			c.fxv[i] = value.Null{At: e.Pos()}
		}
	}
	return c.fxv
}

// literalArg returns argument i when it is a string literal.
func (c *fileCompiler) literalArg(e *ast.CallExpr, i int, name string) (string, bool) {
	if i >= len(e.Args) {
		return "", false
	}
	s, ok := e.Args[i].(*ast.StringLit)
	if ok {
		if v, ok := s.Value(); ok {
			return v, true
		}
	}
	c.errorf(e.Args[i].Pos(), CodeBadLoad, "the arguments of %s() must be string literals known when the file is compiled", name)
	return "", false
}

// load reads the file a load*Content call names and returns its content
// as a value.
func (c *fileCompiler) load(e *ast.CallExpr, name string, l *lctx) value.Value {
	at := e.Pos()
	rel, ok := c.literalArg(e, 0, name)
	if !ok {
		return nil
	}
	path := filepath.Join(c.dir, filepath.FromSlash(rel))
	if name == "loadDirectoryFileInfo" {
		return c.dirInfo(e, rel, path)
	}
	f, err := c.b.read(path)
	if err != nil {
		c.errorf(e.Args[0].Pos(), CodeLoadFailed, "cannot read '%s' for %s(): %v", rel, name, errText(err))
		return nil
	}
	if len(f.Content) > MaxLoadSize {
		c.errorf(e.Args[0].Pos(), CodeBadLoad, "'%s' is larger than %d bytes, the most %s() reads", rel, MaxLoadSize, name)
		return nil
	}
	switch name {
	case "loadFileAsBase64":
		return value.String{V: base64.StdEncoding.EncodeToString(f.Content), At: at}
	case "loadTextContent":
		enc := "utf-8"
		if len(e.Args) > 1 {
			if enc, ok = c.literalArg(e, 1, name); !ok {
				return nil
			}
		}
		text, ok := decodeText(f.Content, enc)
		if !ok {
			c.errorf(e.Args[1].Pos(), CodeBadLoad, "unknown encoding '%s'; use utf-8, utf-16, utf-16BE, us-ascii or iso-8859-1", enc)
			return nil
		}
		return value.String{V: text, At: at}
	case "loadJsonContent", "loadYamlContent":
		var v value.Value
		if name == "loadJsonContent" {
			jv, err := jsonc.Parse(f)
			if err != nil {
				c.errorf(e.Args[0].Pos(), CodeBadLoad, "'%s' is not valid JSON: %v", rel, err)
				return nil
			}
			v = jv
		} else {
			docs, errs := yamlvalue.Options{MaxDepth: maxLowerDepth, MaxDocuments: 1}.Decode(f)
			if len(errs) > 0 || len(docs) == 0 {
				msg := "the file is empty"
				if len(errs) > 0 {
					msg = errs[0].Error()
				}
				c.errorf(e.Args[0].Pos(), CodeBadLoad, "'%s' is not valid YAML: %s", rel, msg)
				return nil
			}
			v = docs[0].Value
		}
		if len(e.Args) > 1 {
			p, ok := c.literalArg(e, 1, name)
			if !ok {
				return nil
			}
			sel, err := jsonPath(v, p)
			if err != nil {
				c.errorf(e.Args[1].Pos(), CodeBadLoad, "the path '%s' does not select a value of '%s': %v", p, rel, err)
				return nil
			}
			v = sel
		}
		return v
	}
	return nil
}

// decodeText decodes file content in a named encoding, dropping a byte
// order mark.
func decodeText(b []byte, enc string) (string, bool) {
	switch strings.ToLower(enc) {
	case "utf-8", "utf8":
		s := string(b)
		return strings.TrimPrefix(s, "\ufeff"), true
	case "us-ascii", "ascii":
		var sb strings.Builder
		for _, c := range b {
			if c > 127 {
				sb.WriteRune('?')
			} else {
				sb.WriteByte(c)
			}
		}
		return sb.String(), true
	case "iso-8859-1", "latin1":
		var sb strings.Builder
		for _, c := range b {
			sb.WriteRune(rune(c))
		}
		return sb.String(), true
	case "utf-16", "utf-16le", "utf-16be":
		be := strings.EqualFold(enc, "utf-16be")
		if len(b) >= 2 {
			if b[0] == 0xff && b[1] == 0xfe {
				b, be = b[2:], false
			} else if b[0] == 0xfe && b[1] == 0xff {
				b, be = b[2:], true
			}
		}
		u := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			if be {
				u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
			} else {
				u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
			}
		}
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// jsonPath selects from v with a JSONPath of the subset Bicep's load
// functions take in practice: $, .name, ['name'], [index] and [*] or .*.
func jsonPath(v value.Value, p string) (value.Value, error) {
	p = strings.TrimSpace(p)
	p = strings.TrimPrefix(p, "$")
	cur := []value.Value{v}
	many := false
	for p != "" {
		var key string
		var idx = -1
		wild := false
		switch {
		case strings.HasPrefix(p, ".*"):
			wild, p = true, p[2:]
		case strings.HasPrefix(p, "["):
			end := strings.Index(p, "]")
			if end < 0 {
				return nil, errorf("unclosed [")
			}
			in := strings.TrimSpace(p[1:end])
			p = p[end+1:]
			switch {
			case strings.HasPrefix(in, "?(") && strings.HasSuffix(in, ")"):
				var next []value.Value
				for _, x := range cur {
					if a, ok := x.(*value.Array); ok {
						for _, el := range a.Elems {
							if match, err := jsonFilter(el, in[2:len(in)-1]); err != nil {
								return nil, err
							} else if match {
								next = append(next, el)
							}
						}
					}
				}
				cur, many = next, true
				continue
			case in == "*":
				wild = true
			case len(in) >= 2 && (in[0] == '\'' || in[0] == '"'):
				key = in[1 : len(in)-1]
			default:
				n, err := strconv.Atoi(in)
				if err != nil {
					return nil, errorf("bad index %q", in)
				}
				idx = n
			}
		case strings.HasPrefix(p, "."):
			p = p[1:]
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			key, p = p[:end], p[end:]
		default:
			return nil, errorf("unexpected %q", p)
		}
		var next []value.Value
		for _, x := range cur {
			switch x := x.(type) {
			case *value.Object:
				if wild {
					for _, m := range x.Members() {
						next = append(next, m.Value)
					}
				} else if idx < 0 {
					if m, ok := x.Get(key); ok {
						next = append(next, m)
					}
				}
			case *value.Array:
				if wild {
					next = append(next, x.Elems...)
				} else if idx >= 0 && idx < len(x.Elems) {
					next = append(next, x.Elems[idx])
				}
			}
		}
		if wild {
			many = true
		}
		cur = next
	}
	if many {
		return value.NewArray(v.Pos(), cur...), nil
	}
	if len(cur) == 0 {
		return nil, errorf("nothing matches")
	}
	return cur[0], nil
}

// valueExpr writes a value as an ARM expression (createObject,
// createArray and literals).
func valueExpr(v value.Value) aexpr { return toExpr(v, false) }

// emittedExpr is valueExpr for a value the compiler emitted, whose strings
// may be expressions "[...]" or escaped literals "[[...".
func emittedExpr(v value.Value) aexpr { return toExpr(v, true) }

func toExpr(v value.Value, emitted bool) aexpr {
	switch v := v.(type) {
	case value.String:
		// A value emitted earlier may hold expressions: keep them as
		// expressions, and undo the escape of literal strings.
		if !emitted {
			return aStr{v.V}
		}
		if len(v.V) >= 2 && v.V[0] == '[' && v.V[len(v.V)-1] == ']' && v.V[1] != '[' {
			return aRaw{v.V[1 : len(v.V)-1]}
		}
		if strings.HasPrefix(v.V, "[[") {
			return aStr{v.V[1:]}
		}
		return aStr{v.V}
	case value.Int:
		return aInt{strconv.FormatInt(v.V, 10)}
	case value.Float:
		return call("json", aStr{strconv.FormatFloat(v.V, 'g', -1, 64)})
	case value.Bool:
		return aBool{v.V}
	case *value.Array:
		args := make([]aexpr, len(v.Elems))
		for i, e := range v.Elems {
			args[i] = toExpr(e, emitted)
		}
		return call("createArray", args...)
	case *value.Object:
		var args []aexpr
		for _, m := range v.Members() {
			args = append(args, aStr{m.Key}, toExpr(m.Value, emitted))
		}
		return call("createObject", args...)
	}
	return aNull{}
}

// dirInfo lists the files of a directory for loadDirectoryFileInfo(path[,
// pattern]): {relativePath, baseName, extension} for each file, in name
// order, relativePath from the Bicep file's directory.
func (c *fileCompiler) dirInfo(e *ast.CallExpr, rel, path string) value.Value {
	at := e.Pos()
	pattern := "*"
	if len(e.Args) > 1 {
		p, ok := c.literalArg(e, 1, "loadDirectoryFileInfo")
		if !ok {
			return nil
		}
		pattern = p
	}
	entries, err := c.b.opts.ReadDir(path)
	if err != nil {
		c.errorf(e.Args[0].Pos(), CodeLoadFailed, "cannot list the directory '%s' for loadDirectoryFileInfo(): %v", rel, errText(err))
		return nil
	}
	out := value.NewArray(at)
	base := strings.TrimSuffix(filepath.ToSlash(filepath.Clean(filepath.FromSlash(rel))), "/")
	// Bicep lists the files in .NET's default string order (letters
	// without case first), not in the byte order ReadDir returns.
	entries = append([]os.DirEntry(nil), entries...)
	sort.SliceStable(entries, func(i, j int) bool { return cultureLess(entries[i].Name(), entries[j].Name()) })
	for _, de := range entries {
		if de.IsDir() {
			continue
		}
		if ok, _ := filepath.Match(pattern, de.Name()); !ok {
			continue
		}
		o := value.NewObject(at)
		o.Set("relativePath", value.String{V: base + "/" + de.Name(), At: at})
		o.Set("baseName", value.String{V: de.Name(), At: at})
		o.Set("extension", value.String{V: filepath.Ext(de.Name()), At: at})
		out.Elems = append(out.Elems, o)
	}
	return out
}

// jsonFilter evaluates a JSONPath filter "@.field op literal" on v.
func jsonFilter(v value.Value, f string) (bool, error) {
	ops := []string{"==", "!=", "<=", ">=", "<", ">"}
	for _, op := range ops {
		i := strings.Index(f, op)
		if i < 0 {
			continue
		}
		left, right := strings.TrimSpace(f[:i]), strings.TrimSpace(f[i+len(op):])
		if !strings.HasPrefix(left, "@") {
			return false, errorf("filter %q must start with @", f)
		}
		got, err := jsonPath(v, "$"+left[1:])
		if err != nil {
			return false, nil
		}
		var cmp int
		switch g := got.(type) {
		case value.Int, value.Float:
			n, err := strconv.ParseFloat(right, 64)
			if err != nil {
				return false, nil
			}
			x := 0.0
			if gi, ok := g.(value.Int); ok {
				x = float64(gi.V)
			} else {
				x = g.(value.Float).V
			}
			switch {
			case x < n:
				cmp = -1
			case x > n:
				cmp = 1
			}
		case value.String:
			cmp = strings.Compare(g.V, strings.Trim(right, "'\""))
		default:
			return false, nil
		}
		switch op {
		case "==":
			return cmp == 0, nil
		case "!=":
			return cmp != 0, nil
		case "<=":
			return cmp <= 0, nil
		case ">=":
			return cmp >= 0, nil
		case "<":
			return cmp < 0, nil
		}
		return cmp > 0, nil
	}
	return false, errorf("unsupported filter %q", f)
}

// isLoad reports whether name is a compile-time load function.
func isLoad(name string) bool {
	switch name {
	case "loadTextContent", "loadFileAsBase64", "loadJsonContent", "loadYamlContent", "loadDirectoryFileInfo":
		return true
	}
	return false
}

// directLoad reports whether a variable whose value is just a call of
// load function name holds the loaded content itself. The current Bicep
// does that for text (loadTextContent, loadFileAsBase64) and hoists
// loaded JSON, YAML and directory listings to $fxv# variables; the older
// release (Options.Legacy) held every load directly.
func (c *fileCompiler) directLoad(name string) bool {
	switch name {
	case "loadTextContent", "loadFileAsBase64":
		return true
	}
	return c.legacy && isLoad(name)
}

// escapeValue escapes the strings of loaded content that ARM would read
// as expressions.
func escapeValue(v value.Value) value.Value {
	switch x := v.(type) {
	case value.String:
		x.V = escapeLiteral(x.V)
		return x
	case *value.Array:
		out := value.NewArray(x.At)
		for _, e := range x.Elems {
			out.Elems = append(out.Elems, escapeValue(e))
		}
		return out
	case *value.Object:
		out := value.NewObject(x.At)
		for _, m := range x.Members() {
			m.Key = escapeLiteral(m.Key)
			m.Value = escapeValue(m.Value)
			out.SetMember(m)
		}
		return out
	}
	return v
}
