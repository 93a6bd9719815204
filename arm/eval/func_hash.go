package eval

import (
	"crypto/sha1"
	"encoding/hex"
	"math/bits"
	"strings"

	"github.com/azrule/azrule/arm/value"
)

// uniqueString and guid are the two deterministic name generators of ARM.
// Templates build resource names and role assignment names from them, so
// a rule that checks a name only works when these produce byte for byte
// what Azure produces. Both join their string arguments with '-' and hash
// the UTF-8 bytes of the result:
//
//   - uniqueString: a 64-bit MurmurHash variant (two 32-bit lanes, the
//     mixing constants of MurmurHash3 x86_128), written as 13 characters of
//     base32 with the alphabet a-z2-7, most significant bits first.
//   - guid: a name-based UUID version 5 (SHA-1) in the namespace
//     11fb06fb-712d-4ddd-98c7-e71bbd588830, printed lower case.
//
// Both are pinned in tests against values produced by Azure itself.

func init() {
	Register(&Func{Name: "uniqueString", MinArgs: 1, MaxArgs: -1, Call: callUniqueString})
	Register(&Func{Name: "guid", MinArgs: 1, MaxArgs: -1, Call: callGUID})
}

func callUniqueString(c *Call) (value.Value, error) {
	s, err := joinStringArgs(c)
	if err != nil {
		return nil, err
	}
	return value.String{V: UniqueString(s), At: c.At}, nil
}

func callGUID(c *Call) (value.Value, error) {
	s, err := joinStringArgs(c)
	if err != nil {
		return nil, err
	}
	return value.String{V: GUID(s), At: c.At}, nil
}

// joinStringArgs joins all arguments with '-', as both functions hash
// them. ARM accepts only strings here; an integer must go through
// string() first.
func joinStringArgs(c *Call) (string, error) {
	if len(c.Args) == 0 {
		return "", c.Errorf("expects at least 1 argument")
	}
	if len(c.Args) == 1 {
		return c.String(0)
	}
	n := 0
	for _, a := range c.Args {
		if s, ok := a.(value.String); ok {
			n += len(s.V) + 1
		}
	}
	var b strings.Builder
	b.Grow(n)
	for i := range c.Args {
		s, err := c.String(i)
		if err != nil {
			return "", err
		}
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// UniqueString returns ARM's uniqueString of s, where s is the arguments
// already joined with '-'.
func UniqueString(s string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz234567"
	h := murmurHash64(s)
	var out [13]byte
	for i := range out {
		out[i] = alphabet[h>>59]
		h <<= 5
	}
	return string(out[:])
}

// murmurHash64 is the 64-bit MurmurHash variant behind uniqueString: two
// 32-bit lanes over 8-byte blocks, little-endian, seed 0. It reads the
// string's bytes in place, which are its UTF-8 encoding.
func murmurHash64(data string) uint64 {
	const c1, c2 = 0x239b961b, 0xab0e9789
	var h1, h2 uint32
	n := len(data)
	i := 0
	for ; i+8 <= n; i += 8 {
		k1 := littleEndianPartial(data[i : i+4])
		k2 := littleEndianPartial(data[i+4 : i+8])

		k1 *= c1
		k1 = bits.RotateLeft32(k1, 15)
		k1 *= c2
		h1 ^= k1
		h1 = bits.RotateLeft32(h1, 19)
		h1 += h2
		h1 = h1*5 + 0x561ccd1b

		k2 *= c2
		k2 = bits.RotateLeft32(k2, 17)
		k2 *= c1
		h2 ^= k2
		h2 = bits.RotateLeft32(h2, 13)
		h2 += h1
		h2 = h2*5 + 0x0bcaa747
	}
	if tail := data[i:]; len(tail) > 0 {
		k1 := littleEndianPartial(tail[:min(len(tail), 4)])
		k1 *= c1
		k1 = bits.RotateLeft32(k1, 15)
		k1 *= c2
		h1 ^= k1
		if len(tail) > 4 {
			k2 := littleEndianPartial(tail[4:])
			k2 *= c2
			k2 = bits.RotateLeft32(k2, 17)
			k2 *= c1
			h2 ^= k2
		}
	}
	h1 ^= uint32(n)
	h2 ^= uint32(n)
	h1 += h2
	h2 += h1
	h1 = fmix32(h1)
	h2 = fmix32(h2)
	h1 += h2
	h2 += h1
	return uint64(h2)<<32 | uint64(h1)
}

// littleEndianPartial reads up to 4 bytes as a little-endian integer.
func littleEndianPartial(b string) uint32 {
	var v uint32
	for j := len(b) - 1; j >= 0; j-- {
		v = v<<8 | uint32(b[j])
	}
	return v
}

// fmix32 is MurmurHash3's finalizer.
func fmix32(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// armGUIDNamespace is the UUID namespace ARM's guid() hashes in, in RFC
// 4122 (network) byte order.
var armGUIDNamespace = [16]byte{
	0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd,
	0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30,
}

// GUID returns ARM's guid of s, where s is the arguments already joined
// with '-'.
func GUID(s string) string {
	h := sha1.New()
	h.Write(armGUIDNamespace[:])
	h.Write([]byte(s))
	var sum [sha1.Size]byte
	u := h.Sum(sum[:0])[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	var out [36]byte
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], u[10:16])
	return string(out[:])
}
