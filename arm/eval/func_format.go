package eval

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/azrule/azrule/arm/value"
)

// format(formatString, args...) is .NET composite formatting
// (String.Format) with the invariant culture, as ARM does it:
//
//   - Format items are {index[,alignment][:formatString]}; "{{" and "}}"
//     are literal braces. A lone brace, a missing or out-of-range index, or
//     a malformed item is an error that says which character is wrong.
//   - Integers and floats take .NET's standard numeric formats (C D E F G
//     N P R X B, with an optional precision) and custom numeric patterns
//     ("0.00", "#,##0", "000-00", sections split by ';'). The invariant
//     culture prints ',' between groups of three, '.' before decimals, the
//     currency sign '¤' ("¤1,234.50", negative "(¤1,234.50)") and percent
//     as "12.50 %". Integers round half away from zero. A float prints
//     its shortest round-trip digits by default; with a precision its exact
//     binary value is rounded, an exact tie to the even digit (IEEE 754, as
//     .NET Core 3.0 and later do: 2.5 with F0 is "2"), and a custom
//     pattern first rounds it to 15 significant digits. A negative float
//     that rounds to zero keeps its sign ("-0.0").
//   - Strings print as they are and booleans as True or False; both
//     ignore a format string, as in .NET. Null prints as nothing.
//   - Arrays and objects print as compact JSON (what string() gives).
//   - An argument known only at deployment time prints as its placeholder,
//     and the result is then Unknown too, keeping the known text
//     ("vm-{{parameters('name')}}-01").

func init() {
	Register(&Func{Name: "format", MinArgs: 1, MaxArgs: -1, AcceptsUnknown: true, Call: callFormat})
}

// Limits on what a format string may ask for. .NET allows widths and
// precisions up to about a million and a billion; a template never needs
// that, and honouring it would let one expression allocate gigabytes.
const (
	maxFormatIndex     = 1_000_000
	maxFormatWidth     = 10_000
	maxFormatPrecision = 1_000
	maxFormatResult    = 1 << 20
)

func callFormat(c *Call) (value.Value, error) {
	if len(c.Args) == 0 {
		return nil, c.Errorf("expects a format string")
	}
	var f string
	switch v := c.Args[0].(type) {
	case value.String:
		f = v.V
	case value.Unknown:
		return value.Unknown{Origin: v.Origin, Text: "{{" + callText(c) + "}}", At: c.At}, nil
	default:
		return nil, c.ArgErrorf(0, "argument 1 must be a string, not %s", value.TypeName(v))
	}
	out, unknown, isUnknown, err := compositeFormat(c, f, c.Args[1:])
	if err != nil {
		return nil, err
	}
	if isUnknown {
		return value.Unknown{Origin: unknown.Origin, Text: out, At: c.At}, nil
	}
	return value.String{V: out, At: c.At}, nil
}

// callText writes the call back as expression text, for the placeholder
// of a format() whose format string is only known at deployment time.
func callText(c *Call) string {
	var b strings.Builder
	b.WriteString(c.Name)
	b.WriteByte('(')
	for i, a := range c.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		switch a := a.(type) {
		case value.Unknown:
			b.WriteString(strings.TrimSuffix(strings.TrimPrefix(a.Text, "{{"), "}}"))
		case value.String:
			b.WriteString("'" + strings.ReplaceAll(a.V, "'", "''") + "'")
		case value.Int, value.Bool, value.Float, value.Null:
			b.Write(value.AppendJSON(nil, a))
		default:
			b.WriteString("json('" + strings.ReplaceAll(string(value.AppendJSON(nil, a)), "'", "''") + "')")
		}
	}
	b.WriteByte(')')
	return b.String()
}

// compositeFormat expands f with args. It returns the first Unknown
// argument used, and whether there was one.
func compositeFormat(c *Call, f string, args []value.Value) (string, value.Unknown, bool, error) {
	var b strings.Builder
	b.Grow(len(f) + 16*len(args))
	var unknown value.Unknown
	isUnknown := false
	bad := func(i int, msg string) error {
		// Count characters, not bytes, as a person reading the string does.
		return c.ArgErrorf(0, "the format string is invalid at character %d: %s", utf8.RuneCountInString(f[:i])+1, msg)
	}
	for i := 0; i < len(f); {
		ch := f[i]
		switch {
		case ch == '}':
			if i+1 < len(f) && f[i+1] == '}' {
				b.WriteByte('}')
				i += 2
				continue
			}
			return "", unknown, false, bad(i, "a '}' that closes no format item; write '}}' for a literal '}'")
		case ch != '{':
			j := i + 1
			for j < len(f) && f[j] != '{' && f[j] != '}' {
				j++
			}
			b.WriteString(f[i:j])
			i = j
			continue
		case i+1 < len(f) && f[i+1] == '{':
			b.WriteByte('{')
			i += 2
			continue
		}
		// A format item: {index[,alignment][:formatString]}.
		start := i
		i++
		j := i
		for j < len(f) && isDigit(f[j]) {
			j++
		}
		if j == i {
			return "", unknown, false, bad(i, "a format item must start with an argument index, as in {0}; write '{{' for a literal '{'")
		}
		index, err := strconv.Atoi(f[i:j])
		if err != nil || index >= maxFormatIndex {
			return "", unknown, false, bad(i, "the argument index is too large")
		}
		i = skipSpaces(f, j)
		width, left := 0, false
		if i < len(f) && f[i] == ',' {
			i = skipSpaces(f, i+1)
			if i < len(f) && f[i] == '-' {
				left = true
				i++
			}
			j = i
			for j < len(f) && isDigit(f[j]) {
				j++
			}
			if j == i {
				return "", unknown, false, bad(i, "the alignment after ',' must be a number, as in {0,10} or {0,-10}")
			}
			width, err = strconv.Atoi(f[i:j])
			if err != nil || width > maxFormatWidth {
				return "", unknown, false, bad(i, "the alignment is larger than "+strconv.Itoa(maxFormatWidth))
			}
			i = skipSpaces(f, j)
		}
		spec := ""
		if i < len(f) && f[i] == ':' {
			j = i + 1
			for j < len(f) && f[j] != '}' {
				if f[j] == '{' {
					return "", unknown, false, bad(j, "a '{' inside the format string of a format item")
				}
				j++
			}
			spec = f[i+1 : j]
			i = j
		}
		if i >= len(f) {
			return "", unknown, false, bad(start, "the format item is not closed with '}'")
		}
		if f[i] != '}' {
			r, _ := utf8.DecodeRuneInString(f[i:])
			return "", unknown, false, bad(i, "unexpected '"+string(r)+"' in the format item; the form is {index[,alignment][:format]}")
		}
		i++
		if index >= len(args) {
			return "", unknown, false, c.ArgErrorf(0, "the format item %s uses argument index %d, but there %s only %d argument%s after the format string",
				f[start:i], index, isAre(len(args)), len(args), plural(len(args)))
		}
		text, u, uok, err := formatArg(args[index], spec)
		if err != nil {
			return "", unknown, false, c.ArgErrorf(index+1, "%s (in the format item %s)", err, f[start:i])
		}
		if uok && !isUnknown {
			unknown, isUnknown = u, true
		}
		if n := utf8.RuneCountInString(text); n < width {
			if !left {
				b.WriteString(strings.Repeat(" ", width-n))
			}
			b.WriteString(text)
			if left {
				b.WriteString(strings.Repeat(" ", width-n))
			}
		} else {
			b.WriteString(text)
		}
		if b.Len() > maxFormatResult {
			return "", unknown, false, c.Errorf("the result is longer than %d characters", maxFormatResult)
		}
	}
	return b.String(), unknown, isUnknown, nil
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// formatArg prints one argument with the format string of its item, and
// returns the Unknown it contains, if any.
func formatArg(v value.Value, spec string) (string, value.Unknown, bool, error) {
	switch v := v.(type) {
	case value.String:
		return v.V, value.Unknown{}, false, nil
	case value.Bool:
		if v.V {
			return "True", value.Unknown{}, false, nil
		}
		return "False", value.Unknown{}, false, nil
	case value.Null:
		return "", value.Unknown{}, false, nil
	case value.Int:
		s, err := formatNumber(decFromInt(v.V), true, spec)
		return s, value.Unknown{}, false, err
	case value.Float:
		switch {
		case math.IsNaN(v.V):
			return "NaN", value.Unknown{}, false, nil
		case math.IsInf(v.V, 1):
			return "Infinity", value.Unknown{}, false, nil
		case math.IsInf(v.V, -1):
			return "-Infinity", value.Unknown{}, false, nil
		}
		s, err := formatNumber(decFromFloat(v.V), false, spec)
		return s, value.Unknown{}, false, err
	case value.Unknown:
		return v.Text, v, true, nil
	}
	s := string(value.AppendJSON(nil, v))
	u, ok := value.FirstUnknown(v)
	return s, u, ok, nil
}

// decNum is a number as decimal digits: |value| = 0.d1d2d3... × 10^exp.
// digits has no leading or trailing zeros; zero has no digits. shortest
// marks a float whose digits are the shortest round-trip form rather than
// its exact binary value (what .NET prints when no precision is given).
type decNum struct {
	digits   []byte
	exp      int
	neg      bool
	shortest []byte
	shortExp int
	// tiesToEven rounds an exact midpoint to the even digit, as .NET
	// (IEEE 754) rounds the exact value of a double; otherwise midpoints
	// round away from zero, as .NET rounds integers.
	tiesToEven bool
}

func decFromInt(n int64) decNum {
	d := decNum{neg: n < 0}
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	d.digits = strconv.AppendUint(nil, u, 10)
	d.exp = len(d.digits)
	d.trim()
	if len(d.digits) == 0 {
		d.exp = 0
	}
	d.shortest, d.shortExp = d.digits, d.exp
	return d
}

func decFromFloat(f float64) decNum {
	d := decNum{neg: math.Signbit(f), tiesToEven: true}
	f = math.Abs(f)
	if f == 0 {
		return d
	}
	// The exact decimal value of the binary float: 767 significant digits
	// are enough for any float64.
	d.digits, d.exp = sciDigits(strconv.FormatFloat(f, 'e', 767, 64))
	d.trim()
	d.shortest, d.shortExp = sciDigits(strconv.FormatFloat(f, 'e', -1, 64))
	return d
}

// sciDigits splits "d.ddde±x" into digits and a 0.ddd exponent.
func sciDigits(s string) ([]byte, int) {
	e := strings.IndexByte(s, 'e')
	x, _ := strconv.Atoi(s[e+1:])
	digits := []byte(strings.Replace(s[:e], ".", "", 1))
	digits = []byte(strings.TrimRight(string(digits), "0"))
	return digits, x + 1
}

func (d *decNum) trim() {
	for len(d.digits) > 0 && d.digits[len(d.digits)-1] == '0' {
		d.digits = d.digits[:len(d.digits)-1]
	}
	for len(d.digits) > 0 && d.digits[0] == '0' {
		d.digits = d.digits[1:]
		d.exp--
	}
}

func (d *decNum) isZero() bool { return len(d.digits) == 0 }

// roundTo keeps n significant digits. digits are exact and trimmed, so
// the value is exactly halfway when the first dropped digit is the last
// digit and a 5.
func (d *decNum) roundTo(n int) {
	if n >= len(d.digits) {
		return
	}
	if n < 0 {
		d.digits = nil
		return
	}
	up := d.digits[n] > '5' || d.digits[n] == '5' && (n+1 < len(d.digits) || !d.tiesToEven || n > 0 && (d.digits[n-1]-'0')%2 == 1)
	d.digits = append([]byte(nil), d.digits[:n]...)
	if up {
		i := n - 1
		for ; i >= 0; i-- {
			if d.digits[i] < '9' {
				d.digits[i]++
				break
			}
			d.digits[i] = '0'
		}
		if i < 0 {
			d.digits = append([]byte{'1'}, d.digits...)
			d.exp++
		}
	}
	d.trim()
	if d.isZero() {
		d.exp = 0
	}
}

// roundDecimals keeps k digits after the decimal point.
func (d *decNum) roundDecimals(k int) {
	if d.isZero() {
		return
	}
	d.roundTo(d.exp + k)
}

// intDigits returns the digits before the decimal point ("" for < 1).
func (d *decNum) intDigits() string {
	if d.exp <= 0 {
		return ""
	}
	if d.exp >= len(d.digits) {
		return string(d.digits) + strings.Repeat("0", d.exp-len(d.digits))
	}
	return string(d.digits[:d.exp])
}

// fracDigits returns k digits after the decimal point, zero padded.
func (d *decNum) fracDigits(k int) string {
	var b strings.Builder
	for i := 0; i < k; i++ {
		pos := d.exp + i // index into digits of the (i+1)-th decimal
		if pos >= 0 && pos < len(d.digits) {
			b.WriteByte(d.digits[pos])
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// formatNumber applies a .NET numeric format string.
func formatNumber(d decNum, isInt bool, spec string) (string, error) {
	if spec == "" {
		spec = "G"
	}
	letter := spec[0]
	precision := -1
	if isASCIILetter(letter) && len(spec) <= 10 && allDigits(spec[1:]) {
		if len(spec) > 1 {
			p, _ := strconv.Atoi(spec[1:])
			if p > maxFormatPrecision {
				return "", errorString("the precision " + spec[1:] + " is larger than " + strconv.Itoa(maxFormatPrecision))
			}
			precision = p
		}
		return standardNumber(d, isInt, letter, precision, spec)
	}
	if !isInt {
		// .NET rounds a double to 15 significant digits before applying a
		// custom pattern, and then rounds that digit string half up.
		d.roundTo(15)
		d.tiesToEven = false
	}
	return customNumber(d, isInt, spec)
}

func isASCIILetter(ch byte) bool { return 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func standardNumber(d decNum, isInt bool, letter byte, precision int, spec string) (string, error) {
	sign := ""
	if d.neg {
		sign = "-"
	}
	switch letter {
	case 'D', 'd':
		if !isInt {
			return "", errorString("the format '" + spec + "' needs an integer, not a number with a fraction")
		}
		s := d.intDigits()
		if s == "" {
			s = "0"
		}
		if len(s) < precision {
			s = strings.Repeat("0", precision-len(s)) + s
		}
		return sign + s, nil
	case 'X', 'x', 'B', 'b':
		if !isInt {
			return "", errorString("the format '" + spec + "' needs an integer, not a number with a fraction")
		}
		n, _ := strconv.ParseUint(orZero(d.intDigits()), 10, 64)
		if d.neg {
			n = -n // two's complement, as .NET prints a negative Int64
		}
		base := 16
		if letter == 'B' || letter == 'b' {
			base = 2
		}
		s := strconv.FormatUint(n, base)
		if letter == 'X' {
			s = strings.ToUpper(s)
		}
		if len(s) < precision {
			s = strings.Repeat("0", precision-len(s)) + s
		}
		return s, nil
	case 'F', 'f', 'N', 'n':
		if precision < 0 {
			precision = 2
		}
		d.roundDecimals(precision)
		s := fixedDigits(&d, precision, letter == 'N' || letter == 'n')
		return negSign(d, isInt) + s, nil
	case 'P', 'p':
		if precision < 0 {
			precision = 2
		}
		if !d.isZero() {
			d.exp += 2
		}
		d.roundDecimals(precision)
		return negSign(d, isInt) + fixedDigits(&d, precision, true) + " %", nil
	case 'C', 'c':
		if precision < 0 {
			precision = 2
		}
		d.roundDecimals(precision)
		s := "¤" + fixedDigits(&d, precision, true)
		if negSign(d, isInt) != "" {
			return "(" + s + ")", nil
		}
		return s, nil
	case 'E', 'e':
		if precision < 0 {
			precision = 6
		}
		d.roundTo(precision + 1)
		return negSign(d, isInt) + sciText(d, precision+1, false, letter == 'e', 3), nil
	case 'G', 'g', 'R', 'r':
		if letter == 'R' || letter == 'r' {
			precision = -1
		}
		expChar := letter == 'g'
		if precision <= 0 {
			if isInt {
				s := orZero(d.intDigits())
				return sign + s, nil
			}
			// Shortest round-trip digits; scientific from 1E+15 up and
			// below 1E-05, as .NET prints a double.
			r := decNum{digits: d.shortest, exp: d.shortExp, neg: d.neg}
			return negSign(r, isInt) + generalText(r, 15, expChar), nil
		}
		d.roundTo(precision)
		return negSign(d, isInt) + generalText(d, precision, expChar), nil
	}
	return "", errorString("'" + spec + "' is not a numeric format: use one of C, D, E, F, G, N, P, R, X or B with an optional precision, or a custom pattern such as '0.00'")
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// negSign is the sign of a negative number. An integer that rounds to
// zero loses it; a float keeps it ("-0.00"), as .NET Core 3.0 and later
// print negative floats.
func negSign(d decNum, isInt bool) string {
	if d.neg && (!d.isZero() || !isInt) {
		return "-"
	}
	return ""
}

// fixedDigits prints d with k decimals, grouping the integer part when
// group is set.
func fixedDigits(d *decNum, k int, group bool) string {
	s := orZero(d.intDigits())
	if group {
		s = groupThousands(s)
	}
	if k > 0 {
		s += "." + d.fracDigits(k)
	}
	return s
}

// groupThousands inserts ',' between groups of three digits.
func groupThousands(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// sciText prints d as d.ddd…E+xxx with n significant digits, padded
// with zeros unless trimZeros is set, and at least minExp exponent digits.
func sciText(d decNum, n int, trimZeros, lower bool, minExp int) string {
	digits := string(d.digits)
	if len(digits) < n && !trimZeros {
		digits += strings.Repeat("0", n-len(digits))
	}
	if digits == "" {
		digits = "0"
	}
	exp := 0
	if !d.isZero() {
		exp = d.exp - 1
	}
	s := digits[:1]
	if len(digits) > 1 {
		s += "." + digits[1:]
	}
	e := "E"
	if lower {
		e = "e"
	}
	es := "+"
	if exp < 0 {
		es, exp = "-", -exp
	}
	x := strconv.Itoa(exp)
	if len(x) < minExp {
		x = strings.Repeat("0", minExp-len(x)) + x
	}
	return s + e + es + x
}

// generalText is .NET's "G": fixed notation from 0.0001 up to
// threshold digits before the point, scientific (at least two exponent
// digits) otherwise; no trailing zeros either way.
func generalText(d decNum, threshold int, lower bool) string {
	if d.isZero() {
		return "0"
	}
	if d.exp >= -3 && d.exp <= threshold {
		ip := orZero(d.intDigits())
		fp := ""
		if len(d.digits) > d.exp {
			fp = d.fracDigits(len(d.digits) - d.exp)
		}
		if fp != "" {
			return ip + "." + fp
		}
		return ip
	}
	return sciText(d, len(d.digits), true, lower, 2)
}

// customSection is one ';'-separated part of a custom numeric format.
type customSection struct {
	pattern    string
	intSlots   int  // digit placeholders before the decimal point
	fracSlots  int  // digit placeholders after it
	firstZero  int  // slot index of the first '0' before the point, or intSlots
	lastZero   int  // number of fraction slots up to and including the last '0'
	grouping   bool // a ',' between integer placeholders
	scale      int  // powers of 1000 to divide by (',' just before the point)
	percent    int  // '%' count: multiply by 100 each
	permille   int  // '‰' count: multiply by 1000 each
	sci        bool // an exponent: E0, E+0, e-0 ...
	sciPlus    bool
	sciDigits  int
	hasDecimal bool
}

// splitSections splits a custom format on ';' outside quotes and escapes.
func splitSections(spec string) []string {
	var out []string
	start := 0
	for i := 0; i < len(spec); i++ {
		switch spec[i] {
		case '\\':
			i++
		case '\'', '"':
			q := spec[i]
			for i++; i < len(spec) && spec[i] != q; i++ {
			}
		case ';':
			out = append(out, spec[start:i])
			start = i + 1
		}
	}
	return append(out, spec[start:])
}

// analyse reads the placeholders of a section.
func analyse(p string) (customSection, error) {
	s := customSection{pattern: p, firstZero: -1}
	pendingCommas := 0
	for i := 0; i < len(p); i++ {
		switch ch := p[i]; ch {
		case '0', '#':
			if pendingCommas > 0 && !s.hasDecimal && s.intSlots > 0 {
				s.grouping = true
			}
			pendingCommas = 0
			if s.hasDecimal {
				s.fracSlots++
				if ch == '0' {
					s.lastZero = s.fracSlots
				}
			} else {
				if ch == '0' && s.firstZero < 0 {
					s.firstZero = s.intSlots
				}
				s.intSlots++
			}
		case '.':
			if !s.hasDecimal {
				s.scale += pendingCommas
				pendingCommas = 0
				s.hasDecimal = true
			}
		case ',':
			if !s.hasDecimal {
				pendingCommas++
			}
		case '%':
			s.percent++
		case '\u00e2': // first byte of '‰' (U+2030) in UTF-8
			if strings.HasPrefix(p[i:], "‰") {
				s.permille++
				i += len("‰") - 1
			}
		case 'E', 'e':
			j := i + 1
			plus := false
			if j < len(p) && (p[j] == '+' || p[j] == '-') {
				plus = p[j] == '+'
				j++
			}
			k := j
			for k < len(p) && p[k] == '0' {
				k++
			}
			if k > j && !s.sci {
				s.sci, s.sciPlus, s.sciDigits = true, plus, k-j
				i = k - 1
			}
		case '\\':
			i++
		case '\'', '"':
			q := ch
			for i++; i < len(p) && p[i] != q; i++ {
			}
			if i >= len(p) {
				return s, errorString("the quoted text in '" + p + "' is not closed")
			}
		}
	}
	if !s.hasDecimal {
		s.scale += pendingCommas
	}
	if s.firstZero < 0 {
		s.firstZero = s.intSlots
	}
	return s, nil
}

// customNumber applies a custom numeric format such as "#,##0.00;(#)".
func customNumber(d decNum, isInt bool, spec string) (string, error) {
	parts := splitSections(spec)
	if len(parts) > 3 {
		parts = parts[:3]
	}
	secs := make([]customSection, len(parts))
	for i, p := range parts {
		s, err := analyse(p)
		if err != nil {
			return "", err
		}
		secs[i] = s
	}
	sec := secs[0]
	explicitNeg := false
	switch {
	case d.isZero() && len(secs) == 3 && secs[2].pattern != "":
		sec = secs[2]
	case d.neg && !d.isZero() && len(secs) >= 2 && secs[1].pattern != "":
		sec, explicitNeg = secs[1], true
	}
	if !d.isZero() {
		d.exp += 2*sec.percent + 3*sec.permille - 3*sec.scale
	}
	exp := 0
	if sec.sci {
		if !d.isZero() {
			exp = d.exp - max(sec.intSlots, 1)
			d.exp -= exp
		}
		d.roundTo(max(sec.intSlots, 1) + sec.fracSlots)
		if !d.isZero() && d.exp > max(sec.intSlots, 1) { // rounding carried a digit
			d.exp--
			exp++
		}
	} else {
		d.roundDecimals(sec.fracSlots)
	}
	intStr := d.intDigits()
	if need := sec.intSlots - sec.firstZero; len(intStr) < need {
		intStr = strings.Repeat("0", need-len(intStr)) + intStr
	}
	frac := d.fracDigits(sec.fracSlots)
	keep := sec.lastZero
	for k := len(frac); k > keep; k-- {
		if frac[k-1] != '0' {
			keep = k
			break
		}
	}
	frac = frac[:keep]

	var b strings.Builder
	if !explicitNeg && negSign(d, isInt) != "" {
		b.WriteByte('-')
	}
	// Integer digits fill the placeholders from the right; digits beyond
	// the placeholders all go to the first one.
	offset := len(intStr) - sec.intSlots // digit index of slot 0
	writeDigit := func(idx int) {
		b.WriteByte(intStr[idx])
		if left := len(intStr) - 1 - idx; sec.grouping && left > 0 && left%3 == 0 {
			b.WriteByte(',')
		}
	}
	slot, inFrac, fracPos := 0, false, 0
	p := sec.pattern
	for i := 0; i < len(p); i++ {
		ch := p[i]
		switch {
		case ch == '0' || ch == '#':
			if !inFrac {
				if slot == 0 {
					for idx := 0; idx < offset; idx++ {
						writeDigit(idx)
					}
				}
				if idx := offset + slot; idx >= 0 && idx < len(intStr) {
					writeDigit(idx)
				}
				slot++
				continue
			}
			if fracPos < len(frac) {
				b.WriteByte(frac[fracPos])
			}
			fracPos++
		case ch == '.':
			if !inFrac {
				if sec.intSlots == 0 {
					for idx := range len(intStr) {
						writeDigit(idx)
					}
				}
				inFrac = true
				if len(frac) > 0 {
					b.WriteByte('.')
				}
			}
		case ch == ',':
			// Grouping and scaling are applied above.
		case ch == '\\':
			if i+1 < len(p) {
				i++
				b.WriteByte(p[i])
			}
		case ch == '\'' || ch == '"':
			j := strings.IndexByte(p[i+1:], ch)
			b.WriteString(p[i+1 : i+1+j])
			i += j + 1
		case (ch == 'E' || ch == 'e') && sec.sci && isExponentAt(p, i):
			j := i + 1
			if p[j] == '+' || p[j] == '-' {
				j++
			}
			for j < len(p) && p[j] == '0' {
				j++
			}
			b.WriteByte(ch)
			x := exp
			switch {
			case x < 0:
				b.WriteByte('-')
				x = -x
			case sec.sciPlus:
				b.WriteByte('+')
			}
			xs := strconv.Itoa(x)
			if len(xs) < sec.sciDigits {
				xs = strings.Repeat("0", sec.sciDigits-len(xs)) + xs
			}
			b.WriteString(xs)
			i = j - 1
		default:
			b.WriteByte(ch)
		}
	}
	return b.String(), nil
}

// isExponentAt reports whether p[i] starts an exponent (E0, E+0, E-0).
func isExponentAt(p string, i int) bool {
	j := i + 1
	if j < len(p) && (p[j] == '+' || p[j] == '-') {
		j++
	}
	return j < len(p) && p[j] == '0'
}
