package pathignore

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// charClass is a bracket expression: "[a-z_]", "[!0-9]", "[[:space:]]".
type charClass struct {
	negate bool
	ranges []runeRange
	named  []func(rune) bool
}

type runeRange struct{ lo, hi rune }

func (c *charClass) matches(r rune) bool {
	in := false
	for _, rg := range c.ranges {
		if rg.lo <= r && r <= rg.hi {
			in = true
			break
		}
	}
	if !in {
		for _, f := range c.named {
			if f(r) {
				in = true
				break
			}
		}
	}
	// A class never matches '/', negated or not: it stays inside a segment.
	return in != c.negate && r != '/'
}

// posixClasses are the names git's wildmatch accepts inside "[: :]".
var posixClasses = map[string]func(rune) bool{
	"alnum":  func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) },
	"alpha":  unicode.IsLetter,
	"blank":  func(r rune) bool { return r == ' ' || r == '\t' },
	"cntrl":  unicode.IsControl,
	"digit":  unicode.IsDigit,
	"graph":  func(r rune) bool { return unicode.IsGraphic(r) && !unicode.IsSpace(r) },
	"lower":  unicode.IsLower,
	"print":  unicode.IsPrint,
	"punct":  unicode.IsPunct,
	"space":  unicode.IsSpace,
	"upper":  unicode.IsUpper,
	"xdigit": func(r rune) bool { return unicode.Is(unicode.ASCII_Hex_Digit, r) },
}

// parseClass reads a bracket expression at the start of s and returns it
// with the number of bytes it took.
func parseClass(s string) (*charClass, int, error) {
	c := &charClass{}
	i := 1 // past '['
	if i < len(s) && (s[i] == '!' || s[i] == '^') {
		c.negate = true
		i++
	}
	first := true
	for {
		if i >= len(s) {
			return nil, 0, fmt.Errorf("has a '[' with no closing ']'; write '\\[' for a literal one")
		}
		if s[i] == ']' && !first {
			return c, i + 1, nil
		}
		first = false
		if s[i] == '[' && i+1 < len(s) && s[i+1] == ':' {
			end := -1
			for j := i + 2; j+1 < len(s); j++ {
				if s[j] == ':' && s[j+1] == ']' {
					end = j
					break
				}
			}
			if end >= 0 {
				name := s[i+2 : end]
				f, ok := posixClasses[name]
				if !ok {
					return nil, 0, fmt.Errorf("names an unknown character class [:%s:]", name)
				}
				c.named = append(c.named, f)
				i = end + 2
				continue
			}
		}
		lo, n, err := classRune(s, i)
		if err != nil {
			return nil, 0, err
		}
		i += n
		hi := lo
		if i+1 < len(s) && s[i] == '-' && s[i+1] != ']' {
			hi, n, err = classRune(s, i+1)
			if err != nil {
				return nil, 0, err
			}
			i += 1 + n
			if hi < lo {
				return nil, 0, fmt.Errorf("has the range %c-%c, which is backwards", lo, hi)
			}
		}
		c.ranges = append(c.ranges, runeRange{lo, hi})
	}
}

// classRune reads one possibly escaped character of a class at s[i].
func classRune(s string, i int) (rune, int, error) {
	if s[i] == '\\' {
		if i+1 >= len(s) {
			return 0, 0, fmt.Errorf("ends with a backslash; write '\\\\' for a literal one")
		}
		r, size := utf8.DecodeRuneInString(s[i+1:])
		return r, 1 + size, nil
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return r, size, nil
}
