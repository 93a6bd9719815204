package eval

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/source"
)

// offsetTable maps each byte offset of a decoded JSON string to the file
// offset of the character (or escape sequence) that produced it, with one
// more entry for the closing quote. It is built once per evaluation, so
// positions inside strings with escapes cost O(1) each instead of a scan
// from the start of the string per position.
//
// It decodes escapes as package jsonc does (a surrogate pair written as
// two \u escapes is one character); when the decoded length does not come
// out as expected it returns nil and positions fall back to
// jsonc.StringPos.
func offsetTable(f *source.File, quote int, decodedLen int) []int {
	src := f.Content
	if quote < 0 || quote >= len(src) || src[quote] != '"' {
		return nil
	}
	table := make([]int, 0, decodedLen+1)
	off := quote + 1
	for len(table) < decodedLen && off < len(src) && src[off] != '"' {
		if src[off] != '\\' {
			table = append(table, off)
			off++
			continue
		}
		r, n := decodeEscape(src, off)
		if n == 0 {
			return nil
		}
		l := utf8.RuneLen(r)
		if l < 0 {
			l = utf8.RuneLen(utf8.RuneError)
		}
		for k := 0; k < l; k++ {
			table = append(table, off)
		}
		off += n
	}
	table = append(table, off)
	if len(table) != decodedLen+1 {
		return nil
	}
	return table
}

// stringPos maps byte offset off of s.V to its file position, using the
// offset table (correct after surrogate pairs) when it can be built.
func stringPos(s value.String, off int) source.Pos {
	if f := s.At.File; f != nil {
		if t := offsetTable(f, s.At.Offset, len(s.V)); off >= 0 && off < len(t) {
			return f.Pos(t[off])
		}
	}
	return jsonc.StringPos(s, off)
}

// decodeEscape decodes the escape at src[off] ('\\'), returning the rune
// and the bytes it spans, or n == 0 when it is not valid.
func decodeEscape(src []byte, off int) (r rune, n int) {
	if off+1 >= len(src) {
		return 0, 0
	}
	switch src[off+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return rune(src[off+1]), 2 // every simple escape decodes to one byte
	case 'u':
		r, ok := hex4(src, off+2)
		if !ok {
			return 0, 0
		}
		if utf16.IsSurrogate(r) {
			if off+12 <= len(src) && src[off+6] == '\\' && src[off+7] == 'u' {
				if r2, ok := hex4(src, off+8); ok {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						return d, 12
					}
				}
			}
			return utf8.RuneError, 6
		}
		return r, 6
	}
	return 0, 0
}

func hex4(b []byte, off int) (rune, bool) {
	if off+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[off : off+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}
