package eval

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// The encoding functions: base64, data URIs, URI building and URI
// component escaping. They follow what ARM does on .NET:
//
//   - Text is UTF-8 both ways. Bytes that do not decode as UTF-8 become
//     U+FFFD, as .NET's UTF-8 decoder makes them.
//   - base64 decoding accepts what Convert.FromBase64String accepts: the
//     standard alphabet with '=' padding, white space ignored.
//   - uriComponent escapes as Uri.EscapeDataString: everything except the
//     RFC 3986 unreserved characters A-Z a-z 0-9 - . _ ~, as %XX of the
//     UTF-8 bytes, upper-case hex.
//   - uriComponentToString and the percent-encoded (non-base64) form of
//     dataUriToString decode as HttpUtility.UrlDecode: %XX and %uXXXX
//     escapes, '+' as a space, malformed escapes kept as written.
//   - uri resolves the relative reference against the base as RFC 3986
//     section 5 says (which is where ARM's documented trailing-slash rule
//     comes from) and prints the result as Uri.AbsoluteUri does: scheme
//     and host lower case, the scheme's default port dropped.

func init() {
	Register(&Func{Name: "base64", MinArgs: 1, MaxArgs: 1, Call: callBase64})
	Register(&Func{Name: "base64ToString", MinArgs: 1, MaxArgs: 1, Call: callBase64ToString})
	Register(&Func{Name: "base64ToJson", MinArgs: 1, MaxArgs: 1, Call: callBase64ToJSON})
	Register(&Func{Name: "dataUri", MinArgs: 1, MaxArgs: 1, Call: callDataURI})
	Register(&Func{Name: "dataUriToString", MinArgs: 1, MaxArgs: 1, Call: callDataURIToString})
	Register(&Func{Name: "uri", MinArgs: 2, MaxArgs: 2, Call: callURI})
	Register(&Func{Name: "uriComponent", MinArgs: 1, MaxArgs: 1, Call: callURIComponent})
	Register(&Func{Name: "uriComponentToString", MinArgs: 1, MaxArgs: 1, Call: callURIComponentToString})
}

func callBase64(c *Call) (value.Value, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	return value.String{V: base64.StdEncoding.EncodeToString([]byte(s)), At: c.At}, nil
}

func callBase64ToString(c *Call) (value.Value, error) {
	b, err := decodeBase64Arg(c)
	if err != nil {
		return nil, err
	}
	return value.String{V: utf8Text(b), At: c.At}, nil
}

func callBase64ToJSON(c *Call) (value.Value, error) {
	b, err := decodeBase64Arg(c)
	if err != nil {
		return nil, err
	}
	// The decoded text is parsed as a file of its own; its values are then
	// placed at the call, the only place in the user's files they come from.
	f := source.NewFile(c.Name+"()", []byte(utf8Text(b)))
	v, perr := jsonc.Parse(f)
	if perr != nil {
		msg := perr.Error()
		if se, ok := perr.(*source.Error); ok {
			p := se.Pos.Position()
			msg = se.Message + " (line " + strconv.Itoa(p.Line) + ", column " + strconv.Itoa(p.Column) + " of the decoded text)"
		}
		return nil, c.ArgErrorf(0, "the decoded value is not valid JSON: %s", msg)
	}
	return placeAt(v, c.At), nil
}

// decodeBase64Arg decodes argument 0 as Convert.FromBase64String does.
func decodeBase64Arg(c *Call) ([]byte, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	b, err := decodeBase64(s)
	if err != nil {
		return nil, c.ArgErrorf(0, "the value is not valid base64: %s", err)
	}
	return b, nil
}

// decodeBase64 accepts standard base64 with padding, ignoring white space.
func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n':
			return -1
		}
		return r
	}, s)
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if ce, ok := err.(base64.CorruptInputError); ok {
			return nil, errorString("illegal character or length at byte " + strconv.FormatInt(int64(ce), 10))
		}
		return nil, err
	}
	return b, nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

// utf8Text decodes b as UTF-8, replacing invalid bytes with U+FFFD.
func utf8Text(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// placeAt returns v with every value positioned at at.
func placeAt(v value.Value, at source.Pos) value.Value {
	switch v := v.(type) {
	case *value.Array:
		out := &value.Array{At: at, Elems: make([]value.Value, len(v.Elems))}
		for i, e := range v.Elems {
			out.Elems[i] = placeAt(e, at)
		}
		return out
	case *value.Object:
		out := value.NewObject(at)
		for _, m := range v.Members() {
			out.SetMember(value.Member{Key: m.Key, KeyPos: at, Value: placeAt(m.Value, at)})
		}
		return out
	}
	return value.WithPos(v, at)
}

// dataUri: a string is text/plain; anything else ARM serialises as JSON
// and labels application/json.
func callDataURI(c *Call) (value.Value, error) {
	var data, mediaType string
	switch v := c.Args[0].(type) {
	case value.String:
		data, mediaType = v.V, "text/plain;charset=utf8"
	case value.Null:
		return nil, c.ArgErrorf(0, "argument 1 must be a string, not Null")
	case value.Bool:
		// .NET converts the boolean to text before encoding it.
		data, mediaType = "False", "application/json;charset=utf8"
		if v.V {
			data = "True"
		}
	default:
		data, mediaType = string(value.AppendJSON(nil, v)), "application/json;charset=utf8"
	}
	return value.String{V: "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString([]byte(data)), At: c.At}, nil
}

// dataUriToString decodes data:[<media type>][;charset=<c>][;base64],<data>.
// The charset, when given, must be UTF-8 (or its subset ASCII): no other
// text encoding is decoded.
func callDataURIToString(c *Call) (value.Value, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	const prefix = "data:"
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return nil, c.ArgErrorf(0, "the value is not a data URI: it must start with 'data:'")
	}
	comma := strings.IndexByte(s, ',')
	if comma < 0 {
		return nil, c.ArgErrorf(0, "the value is not a data URI: the ',' before the data is missing")
	}
	meta, data := s[len(prefix):comma], s[comma+1:]
	var params []string
	if meta != "" {
		params = strings.Split(meta, ";")
	}
	isBase64 := false
	for i, p := range params {
		switch {
		case i == 0:
			// The media type; it may be empty ("data:;base64,...").
		case strings.TrimSpace(p) == "":
			return nil, c.ArgErrorf(0, "the data URI has an empty parameter in '%s'", meta)
		case i == len(params)-1 && strings.EqualFold(p, "base64"):
			isBase64 = true
		case len(p) > 8 && strings.EqualFold(p[:8], "charset="):
			switch strings.ToLower(p[8:]) {
			case "utf-8", "utf8", "us-ascii", "ascii":
			default:
				return nil, c.ArgErrorf(0, "the data URI charset '%s' is not supported: use utf-8", p[8:])
			}
		}
	}
	var b []byte
	if isBase64 {
		if b, err = decodeBase64(data); err != nil {
			return nil, c.ArgErrorf(0, "the data of the data URI is not valid base64: %s", err)
		}
	} else {
		b = urlDecode(data)
	}
	return value.String{V: utf8Text(b), At: c.At}, nil
}

func callURIComponent(c *Call) (value.Value, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	return value.String{V: escapeDataString(s), At: c.At}, nil
}

func callURIComponentToString(c *Call) (value.Value, error) {
	s, err := c.String(0)
	if err != nil {
		return nil, err
	}
	return value.String{V: utf8Text(urlDecode(s)), At: c.At}, nil
}

const upperHex = "0123456789ABCDEF"

// escapeDataString escapes all but the RFC 3986 unreserved characters.
func escapeDataString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if isUnreserved(ch) {
			b.WriteByte(ch)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[ch>>4])
		b.WriteByte(upperHex[ch&15])
	}
	return b.String()
}

func isUnreserved(ch byte) bool {
	return 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' ||
		ch == '-' || ch == '.' || ch == '_' || ch == '~'
}

// urlDecode decodes as HttpUtility.UrlDecode: '+' is a space, %XX is a
// byte, %uXXXX is a UTF-16 code unit (written out as UTF-8), and any
// malformed escape stays as written.
func urlDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '+':
			out = append(out, ' ')
		case ch == '%' && i+5 < len(s) && (s[i+1] == 'u' || s[i+1] == 'U'):
			if n, ok := hexValue(s[i+2 : i+6]); ok {
				out = utf8.AppendRune(out, rune(n))
				i += 5
				continue
			}
			out = append(out, ch)
		case ch == '%' && i+2 < len(s):
			if n, ok := hexValue(s[i+1 : i+3]); ok {
				out = append(out, byte(n))
				i += 2
				continue
			}
			out = append(out, ch)
		default:
			out = append(out, ch)
		}
	}
	return out
}

func hexValue(h string) (int, bool) {
	n := 0
	for i := 0; i < len(h); i++ {
		var d byte
		switch ch := h[i]; {
		case '0' <= ch && ch <= '9':
			d = ch - '0'
		case 'a' <= ch && ch <= 'f':
			d = ch - 'a' + 10
		case 'A' <= ch && ch <= 'F':
			d = ch - 'A' + 10
		default:
			return 0, false
		}
		n = n<<4 | int(d)
	}
	return n, true
}

// defaultPorts are the ports Uri.AbsoluteUri leaves out.
var defaultPorts = map[string]string{"http": "80", "https": "443", "ftp": "21", "ws": "80", "wss": "443"}

func callURI(c *Call) (value.Value, error) {
	baseStr, err := c.String(0)
	if err != nil {
		return nil, err
	}
	relStr, err := c.String(1)
	if err != nil {
		return nil, err
	}
	base, err := url.Parse(baseStr)
	if err != nil || base.Scheme == "" || strings.ContainsAny(baseStr, " \\") {
		return nil, c.ArgErrorf(0, "'%s' is not an absolute URI: give a base such as 'https://contoso.com/path/'", baseStr)
	}
	// .NET treats backslashes in http(s) references as slashes, and
	// escapes a '%' that does not start an escape instead of failing.
	ref, err := url.Parse(escapeStrayPercent(strings.ReplaceAll(relStr, "\\", "/")))
	if err != nil {
		return nil, c.ArgErrorf(1, "'%s' is not a valid relative URI: %s", relStr, urlErrText(err))
	}
	u := base.ResolveReference(ref)
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); p != "" && defaultPorts[u.Scheme] == p {
		u.Host = strings.TrimSuffix(u.Host, ":"+p)
	}
	if u.Host != "" && u.Path == "" && u.Opaque == "" {
		u.Path = "/"
	}
	return value.String{V: u.String(), At: c.At}, nil
}

// escapeStrayPercent writes a '%' not followed by two hex digits as %25.
func escapeStrayPercent(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if _, ok := hexValue(s[i+1 : min(i+3, len(s))]); !ok || i+2 >= len(s) {
				b.WriteString("%25")
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func urlErrText(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}
