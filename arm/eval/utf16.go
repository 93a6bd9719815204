package eval

import (
	"unicode/utf16"
	"unicode/utf8"
)

// ARM runs on .NET, where a string is a sequence of UTF-16 code units:
// length(), substring(), indexOf(), skip(), take() and padLeft() count in
// those units. For ASCII text, units and bytes are the same and no
// conversion is made.

// units is s as UTF-16 code units, or nil when s is ASCII.
func units(s string) []uint16 {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf16.Encode([]rune(s))
		}
	}
	return nil
}

// ulen is the length of s in UTF-16 code units.
func ulen(s string) int {
	if u := units(s); u != nil {
		return len(u)
	}
	return len(s)
}

// uslice is s[from:to] counted in UTF-16 code units.
func uslice(s string, from, to int) string {
	u := units(s)
	if u == nil {
		return s[from:to]
	}
	return string(utf16.Decode(u[from:to]))
}

// uindex converts a byte index in s to a UTF-16 index.
func uindex(s string, byteIdx int) int {
	if byteIdx < 0 {
		return byteIdx
	}
	return ulen(s[:byteIdx])
}
