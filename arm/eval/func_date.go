package eval

import (
	"strconv"
	"strings"
	"time"

	"github.com/azrule/azrule/arm/value"
)

// The date functions: dateTimeAdd, dateTimeFromEpoch, dateTimeToEpoch and
// utcNow. ARM computes in UTC and formats with .NET's date and time
// format strings in the invariant culture; this file implements both
// kinds of .NET format string (the one-letter standard formats and the
// custom patterns) so that a format argument means what it means in Azure.
//
// Decisions:
//   - Input timestamps are ISO 8601 in the extended form: yyyy-MM-dd,
//     optionally followed by 'T' or a space and HH:mm[:ss[.fffffff]],
//     optionally followed by 'Z' or an offset. A timestamp without a zone
//     is UTC. Results are always UTC. The basic form yyyyMMddTHHmmssZ that
//     utcNow() returns by default is refused, as ARM refuses it (Azure/bicep
//     issue 1532), with a message that says what to write instead.
//   - Durations are xs:duration, which is what ARM parses
//     ([-]PnYnMnDTnHnMn.nS, upper case, no weeks). As documented, a year is
//     365 days and a month 30 days.
//   - Without a format, dateTimeAdd and dateTimeFromEpoch print
//     yyyy-MM-ddTHH:mm:ssZ, with the fraction of a second only when there
//     is one (what Azure returns for the documented examples and in the
//     Bicep compiler's evaluated baselines).
//   - utcNow() is a deployment-time value: it returns an Unknown. ARM only
//     allows it in a parameter's defaultValue; the evaluator, which knows
//     where an expression sits, enforces that. The format argument is
//     still checked here, so a bad format is reported before deployment.

func init() {
	Register(&Func{Name: "dateTimeAdd", MinArgs: 2, MaxArgs: 3, Call: callDateTimeAdd})
	Register(&Func{Name: "dateTimeFromEpoch", MinArgs: 1, MaxArgs: 1, Call: callDateTimeFromEpoch})
	Register(&Func{Name: "dateTimeToEpoch", MinArgs: 1, MaxArgs: 1, Call: callDateTimeToEpoch})
	Register(&Func{Name: "utcNow", MinArgs: 0, MaxArgs: 1, Call: callUtcNow})
}

// .NET's DateTime range: 0001-01-01 to 9999-12-31T23:59:59.9999999.
var (
	minDateTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDateTime = time.Date(9999, 12, 31, 23, 59, 59, 999999900, time.UTC)
)

func callDateTimeAdd(c *Call) (value.Value, error) {
	base, err := dateArg(c, 0)
	if err != nil {
		return nil, err
	}
	ds, err := c.String(1)
	if err != nil {
		return nil, err
	}
	ticks, ok := parseISODuration(ds)
	if !ok {
		hint := ""
		if strings.ContainsAny(ds, "Ww") {
			hint = "; ARM does not accept weeks, write 7 days as P7D"
		}
		return nil, c.ArgErrorf(1, "'%s' is not an ISO 8601 duration such as 'P1D', 'PT1H' or '-P1Y2M'%s", ds, hint)
	}
	t, ok := addTicks(base, ticks)
	if !ok {
		return nil, c.ArgErrorf(1, "adding '%s' to %s leaves the range of dates (years 1 to 9999)", ds, formatDefaultDate(base))
	}
	return formatDateResult(c, t, 2)
}

func callDateTimeFromEpoch(c *Call) (value.Value, error) {
	n, err := c.Int(0)
	if err != nil {
		return nil, err
	}
	if n < minDateTime.Unix() || n > maxDateTime.Unix() {
		return nil, c.ArgErrorf(0, "%d seconds from the Unix epoch is outside the range of dates (years 1 to 9999)", n)
	}
	return value.String{V: formatDefaultDate(time.Unix(n, 0).UTC()), At: c.At}, nil
}

func callDateTimeToEpoch(c *Call) (value.Value, error) {
	t, err := dateArg(c, 0)
	if err != nil {
		return nil, err
	}
	return value.Int{V: t.Unix(), At: c.At}, nil
}

func callUtcNow(c *Call) (value.Value, error) {
	text := "utcNow()"
	if len(c.Args) > 0 {
		f, err := c.String(0)
		if err != nil {
			return nil, err
		}
		if _, err := formatDotNetDate(time.Date(2000, 1, 2, 3, 4, 5, 0, time.UTC), f); err != nil {
			return nil, c.ArgErrorf(0, "'%s' is not a valid date and time format string: %s", f, err)
		}
		text = "utcNow('" + f + "')"
	}
	return value.NewUnknown("utcNow() is only known at deployment time", text, c.At), nil
}

// dateArg parses argument i as an ISO 8601 timestamp.
func dateArg(c *Call, i int) (time.Time, error) {
	s, err := c.String(i)
	if err != nil {
		return time.Time{}, err
	}
	t, ok := parseISODateTime(s)
	if !ok {
		if looksBasic(s) {
			return time.Time{}, c.ArgErrorf(i, "'%s' is in the basic form that utcNow() returns by default, which ARM does not accept here: use utcNow('u') or a value such as '2024-01-31T12:00:00Z'", s)
		}
		return time.Time{}, c.ArgErrorf(i, "'%s' is not an ISO 8601 date and time such as '2024-01-31T12:00:00Z'", s)
	}
	return t, nil
}

// formatDateResult formats t with the optional format argument i.
func formatDateResult(c *Call, t time.Time, i int) (value.Value, error) {
	if i >= len(c.Args) {
		return value.String{V: formatDefaultDate(t), At: c.At}, nil
	}
	f, err := c.String(i)
	if err != nil {
		return nil, err
	}
	s, ferr := formatDotNetDate(t, f)
	if ferr != nil {
		return nil, c.ArgErrorf(i, "'%s' is not a valid date and time format string: %s", f, ferr)
	}
	return value.String{V: s, At: c.At}, nil
}

// formatDefaultDate prints yyyy-MM-ddTHH:mm:ss[.FFFFFFF]Z.
func formatDefaultDate(t time.Time) string {
	s, _ := formatDotNetDate(t, "yyyy-MM-ddTHH:mm:ss.FFFFFFFK")
	return s
}

// ticksPerSecond is .NET's 100-nanosecond tick rate; durations are counted
// in ticks, as TimeSpan counts them, so that P1000Y does not overflow.
const ticksPerSecond = 10_000_000

// addTicks adds a tick count to t, within .NET's date range.
func addTicks(t time.Time, ticks int64) (time.Time, bool) {
	secs, rem := ticks/ticksPerSecond, ticks%ticksPerSecond
	days, secs := secs/86400, secs%86400
	if days > 3_700_000 || days < -3_700_000 {
		return time.Time{}, false
	}
	r := t.AddDate(0, 0, int(days)).Add(time.Duration(secs)*time.Second + time.Duration(rem)*100)
	if r.Before(minDateTime) || r.After(maxDateTime) {
		return time.Time{}, false
	}
	return r, true
}

// parseISODateTime parses the ISO 8601 forms described above.
func parseISODateTime(s string) (time.Time, bool) {
	p := &dateScanner{s: strings.TrimSpace(s)}
	year, ok := p.digits(4)
	if !ok || !p.eat('-') {
		return time.Time{}, false
	}
	month, ok1 := p.digits(2)
	if !ok1 || !p.eat('-') {
		return time.Time{}, false
	}
	day, ok2 := p.digits(2)
	if !ok2 {
		return time.Time{}, false
	}
	var hour, minute, sec, nsec int
	loc := time.UTC
	if p.eat('T') || p.eat('t') || p.eat(' ') {
		var ok bool
		if hour, ok = p.digits(2); !ok || !p.eat(':') {
			return time.Time{}, false
		}
		if minute, ok = p.digits(2); !ok {
			return time.Time{}, false
		}
		if p.eat(':') {
			if sec, ok = p.digits(2); !ok {
				return time.Time{}, false
			}
			if p.eat('.') {
				n, scale := 0, 0
				for p.more() && isDigit(p.peek()) {
					if scale < 9 {
						n = n*10 + int(p.peek()-'0')
						scale++
					}
					p.i++
				}
				if scale == 0 {
					return time.Time{}, false
				}
				for ; scale < 9; scale++ {
					n *= 10
				}
				nsec = n
			}
		}
		utc := p.eat('Z') || p.eat('z')
		if !utc && p.more() && (p.peek() == '+' || p.peek() == '-') {
			sign := 1
			if p.peek() == '-' {
				sign = -1
			}
			p.i++
			oh, ok := p.digits(2)
			if !ok || oh > 14 {
				return time.Time{}, false
			}
			om := 0
			if p.eat(':') || (p.more() && isDigit(p.peek())) {
				if om, ok = p.digits(2); !ok || om > 59 {
					return time.Time{}, false
				}
			}
			loc = time.FixedZone("", sign*(oh*3600+om*60))
		}
	}
	if p.more() || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc)
	if t.Day() != day || year < 1 { // 2023-02-30 normalises to March
		return time.Time{}, false
	}
	t = t.UTC()
	if t.Before(minDateTime) || t.After(maxDateTime) {
		return time.Time{}, false
	}
	return t.Truncate(100), true
}

// looksBasic reports whether s is in the basic form yyyyMMddTHHmmss[Z].
func looksBasic(s string) bool {
	if len(s) < 15 || s[8] != 'T' {
		return false
	}
	return allDigits(s[:8]) && allDigits(s[9:15]) && (len(s) == 15 || s[15:] == "Z")
}

type dateScanner struct {
	s string
	i int
}

func (p *dateScanner) more() bool { return p.i < len(p.s) }
func (p *dateScanner) peek() byte { return p.s[p.i] }

func (p *dateScanner) eat(ch byte) bool {
	if p.i < len(p.s) && p.s[p.i] == ch {
		p.i++
		return true
	}
	return false
}

// digits reads exactly n decimal digits.
func (p *dateScanner) digits(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v := 0
	for _, ch := range []byte(p.s[p.i : p.i+n]) {
		if !isDigit(ch) {
			return 0, false
		}
		v = v*10 + int(ch-'0')
	}
	p.i += n
	return v, true
}

func isDigit(ch byte) bool { return '0' <= ch && ch <= '9' }

// parseISODuration parses [-]P[nY][nM][nD][T[nH][nM][n[.n]S]] into ticks.
// It fails on malformed input and on overflow.
func parseISODuration(s string) (int64, bool) {
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	if !strings.HasPrefix(s, "P") {
		return 0, false
	}
	s = s[1:]
	const day = 86400 * ticksPerSecond
	dateUnits := []struct {
		letter byte
		ticks  int64
	}{{'Y', 365 * day}, {'M', 30 * day}, {'D', day}}
	timeUnits := []struct {
		letter byte
		ticks  int64
	}{{'H', 3600 * ticksPerSecond}, {'M', 60 * ticksPerSecond}, {'S', ticksPerSecond}}
	var total int64
	components := 0
	inTime := false
	next := 0 // index of the next allowed unit, so units come in order
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return 0, false
			}
			inTime, next, s = true, 0, s[1:]
			if s == "" {
				return 0, false
			}
			continue
		}
		j := 0
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == 0 || j > 18 {
			return 0, false
		}
		n, _ := strconv.ParseInt(s[:j], 10, 64)
		var frac int64 // fraction of a second, in ticks
		if j < len(s) && (s[j] == '.' || s[j] == ',') {
			k := j + 1
			scale := int64(ticksPerSecond)
			for k < len(s) && isDigit(s[k]) {
				scale /= 10
				frac += int64(s[k]-'0') * scale
				k++
			}
			if k == j+1 || k >= len(s) || !inTime || s[k] != 'S' {
				return 0, false // only seconds may have a fraction
			}
			j = k
		}
		if j >= len(s) {
			return 0, false
		}
		letter := s[j]
		units := dateUnits
		if inTime {
			units = timeUnits
		}
		found := false
		for u := next; u < len(units); u++ {
			if units[u].letter == letter {
				if n > (1<<62)/units[u].ticks {
					return 0, false
				}
				total += n*units[u].ticks + frac
				if total > 1<<62 {
					return 0, false
				}
				next, found = u+1, true
				break
			}
		}
		if !found {
			return 0, false
		}
		components++
		s = s[j+1:]
	}
	if components == 0 {
		return 0, false
	}
	if neg {
		total = -total
	}
	return total, true
}

// Invariant-culture names and patterns.
var (
	dotNetDayNames   = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	dotNetMonthNames = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

	dotNetStandardDateFormats = map[byte]string{
		'd': "MM/dd/yyyy",
		'D': "dddd, dd MMMM yyyy",
		'f': "dddd, dd MMMM yyyy HH:mm",
		'F': "dddd, dd MMMM yyyy HH:mm:ss",
		'g': "MM/dd/yyyy HH:mm",
		'G': "MM/dd/yyyy HH:mm:ss",
		'm': "MMMM dd",
		'M': "MMMM dd",
		'o': "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
		'O': "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
		'r': "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
		'R': "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
		's': "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
		't': "HH:mm",
		'T': "HH:mm:ss",
		'u': "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
		'U': "dddd, dd MMMM yyyy HH:mm:ss",
		'y': "yyyy MMMM",
		'Y': "yyyy MMMM",
	}
)

// maxDateFormatLen caps format strings: .NET has no limit, but a format
// is a few characters and a huge one is a mistake, not a need.
const maxDateFormatLen = 1024

// formatDotNetDate formats the UTC time t as DateTime.ToString(format,
// CultureInfo.InvariantCulture) does.
func formatDotNetDate(t time.Time, format string) (string, error) {
	if format == "" {
		format = "G"
	}
	if len(format) > maxDateFormatLen {
		return "", errorString("the format is longer than " + strconv.Itoa(maxDateFormatLen) + " characters")
	}
	if len(format) == 1 {
		p, ok := dotNetStandardDateFormats[format[0]]
		if !ok {
			return "", errorString("'" + format + "' is not a standard format; write a custom pattern such as 'yyyy-MM-dd'")
		}
		format = p
	}
	t = t.UTC()
	var b strings.Builder
	for i := 0; i < len(format); {
		ch := format[i]
		n := 1
		for i+n < len(format) && format[i+n] == ch {
			n++
		}
		switch ch {
		case 'd':
			switch n {
			case 1, 2:
				pad(&b, t.Day(), n)
			case 3:
				b.WriteString(dotNetDayNames[t.Weekday()][:3])
			default:
				b.WriteString(dotNetDayNames[t.Weekday()])
			}
		case 'f', 'F':
			if n > 7 {
				return "", errorString("more than 7 '" + string(ch) + "' in a row")
			}
			frac := strconv.Itoa(t.Nanosecond()/100 + 10_000_000)[1 : 1+n]
			if ch == 'F' {
				frac = strings.TrimRight(frac, "0")
				if frac == "" {
					// .NET drops the separator before an empty fraction.
					s := b.String()
					if strings.HasSuffix(s, ".") {
						b.Reset()
						b.WriteString(s[:len(s)-1])
					}
				}
			}
			b.WriteString(frac)
		case 'g':
			b.WriteString("A.D.")
		case 'h':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			pad(&b, h, min(n, 2))
		case 'H':
			pad(&b, t.Hour(), min(n, 2))
		case 'K':
			b.WriteString(strings.Repeat("Z", n))
		case 'm':
			pad(&b, t.Minute(), min(n, 2))
		case 'M':
			switch n {
			case 1, 2:
				pad(&b, int(t.Month()), n)
			case 3:
				b.WriteString(dotNetMonthNames[t.Month()-1][:3])
			default:
				b.WriteString(dotNetMonthNames[t.Month()-1])
			}
		case 's':
			pad(&b, t.Second(), min(n, 2))
		case 't':
			ampm := "AM"
			if t.Hour() >= 12 {
				ampm = "PM"
			}
			if n == 1 {
				ampm = ampm[:1]
			}
			b.WriteString(ampm)
		case 'y':
			y := t.Year()
			if n <= 2 {
				pad(&b, y%100, n)
			} else {
				pad(&b, y, n)
			}
		case 'z':
			switch n {
			case 1:
				b.WriteString("+0")
			case 2:
				b.WriteString("+00")
			default:
				b.WriteString("+00:00")
			}
		case ':', '/':
			b.WriteString(strings.Repeat(string(ch), n))
		case '\'', '"':
			j := i + 1
			for ; j < len(format) && format[j] != ch; j++ {
				if format[j] == '\\' && j+1 < len(format) {
					j++
				}
				b.WriteByte(format[j])
			}
			if j >= len(format) {
				return "", errorString("the quoted text starting at character " + strconv.Itoa(i+1) + " is not closed")
			}
			i = j + 1
			continue
		case '\\':
			if i+1 >= len(format) {
				return "", errorString("the format ends with '\\'")
			}
			b.WriteByte(format[i+1])
			i += 2
			continue
		case '%':
			// "%d" is the custom specifier d on its own; a second % is an error.
			if i+1 < len(format) && format[i+1] == '%' {
				return "", errorString("'%%' is not allowed")
			}
			i++
			continue
		default:
			b.WriteString(format[i : i+n])
		}
		i += n
	}
	return b.String(), nil
}

// pad writes n with at least width digits.
func pad(b *strings.Builder, n, width int) {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b.WriteByte('0')
	}
	b.WriteString(s)
}
