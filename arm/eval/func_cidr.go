package eval

import (
	"math/big"
	"net/netip"
	"strconv"

	"github.com/azrule/azrule/arm/value"
)

// The CIDR functions: parseCidr, cidrSubnet and cidrHost, for IPv4 and
// IPv6, with the documented output shapes. Decisions where the
// documentation is silent, taken from the RFCs and from Microsoft's own
// reimplementation of these functions (DSC v3):
//
//   - Host bits set in the input are masked off ("10.0.0.5/24" is the
//     network 10.0.0.0/24).
//   - IPv4 reserves the network and broadcast addresses: firstUsable is
//     network+1 and lastUsable broadcast-1, except for /31 (both addresses
//     usable, RFC 3021) and /32 (the single address).
//   - IPv6 has no broadcast: parseCidr leaves the key out, firstUsable is
//     the network address and lastUsable the last address of the range.
//   - cidrHost(network, i) is the i-th host after the network address, for
//     IPv4 and IPv6 alike (as documented: index 0 of 10.144.3.0/24 is
//     10.144.3.1, of fdad:3236:5555:3000::/52 is fdad:3236:5555:3000::1);
//     in IPv4 the broadcast address is not a host; a /31 has hosts 0 and 1;
//     a /32 or /128 has no host.
//   - IPv6 addresses print in RFC 5952 form (lower case, longest run of
//     zero groups as "::").

func init() {
	Register(&Func{Name: "parseCidr", MinArgs: 1, MaxArgs: 1, Call: callParseCidr})
	Register(&Func{Name: "cidrSubnet", MinArgs: 3, MaxArgs: 3, Call: callCidrSubnet})
	Register(&Func{Name: "cidrHost", MinArgs: 2, MaxArgs: 2, Call: callCidrHost})
}

// cidrArg parses argument i as a CIDR range and masks off host bits.
func cidrArg(c *Call, i int) (netip.Prefix, error) {
	s, err := c.String(i)
	if err != nil {
		return netip.Prefix{}, err
	}
	p, perr := netip.ParsePrefix(s)
	if perr != nil || p.Addr().Zone() != "" {
		return netip.Prefix{}, c.ArgErrorf(i, "'%s' is not a valid IP address range in CIDR notation, such as '10.0.0.0/16' or 'fd00::/48'", s)
	}
	return p.Masked(), nil
}

// addrInt returns the address as an unsigned integer.
func addrInt(a netip.Addr) *big.Int {
	b := a.AsSlice()
	return new(big.Int).SetBytes(b)
}

// intAddr converts n back to an address of the same family as like.
func intAddr(n *big.Int, like netip.Addr) netip.Addr {
	size := like.BitLen() / 8
	buf := make([]byte, size)
	n.FillBytes(buf)
	a, _ := netip.AddrFromSlice(buf)
	return a
}

// rangeOf returns the first and last address of p as integers.
func rangeOf(p netip.Prefix) (first, last *big.Int) {
	first = addrInt(p.Addr())
	hostBits := uint(p.Addr().BitLen() - p.Bits())
	span := new(big.Int).Lsh(big.NewInt(1), hostBits)
	last = new(big.Int).Add(first, span)
	last.Sub(last, big.NewInt(1))
	return first, last
}

func callParseCidr(c *Call) (value.Value, error) {
	p, err := cidrArg(c, 0)
	if err != nil {
		return nil, err
	}
	addr := p.Addr()
	first, last := rangeOf(p)
	mask := maskAddr(p)
	firstUsable, lastUsable := new(big.Int).Set(first), new(big.Int).Set(last)
	if addr.Is4() && p.Bits() < 31 {
		firstUsable.Add(firstUsable, big.NewInt(1))
		lastUsable.Sub(lastUsable, big.NewInt(1))
	}
	at := c.At
	o := value.NewObject(at)
	o.Set("network", value.String{V: addr.String(), At: at})
	o.Set("netmask", value.String{V: mask.String(), At: at})
	if addr.Is4() {
		o.Set("broadcast", value.String{V: intAddr(last, addr).String(), At: at})
	}
	o.Set("firstUsable", value.String{V: intAddr(firstUsable, addr).String(), At: at})
	o.Set("lastUsable", value.String{V: intAddr(lastUsable, addr).String(), At: at})
	o.Set("cidr", value.Int{V: int64(p.Bits()), At: at})
	return o, nil
}

// maskAddr returns the netmask of p as an address.
func maskAddr(p netip.Prefix) netip.Addr {
	bitLen := p.Addr().BitLen()
	buf := make([]byte, bitLen/8)
	for i := 0; i < p.Bits(); i++ {
		buf[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(buf)
	return a
}

func callCidrSubnet(c *Call) (value.Value, error) {
	p, err := cidrArg(c, 0)
	if err != nil {
		return nil, err
	}
	newBits, err := c.Int(1)
	if err != nil {
		return nil, err
	}
	index, err := c.Int(2)
	if err != nil {
		return nil, err
	}
	bitLen := int64(p.Addr().BitLen())
	family := "IPv4"
	if bitLen == 128 {
		family = "IPv6"
	}
	switch {
	case newBits < 0 || newBits > bitLen:
		return nil, c.ArgErrorf(1, "the new CIDR %d is not a valid %s prefix length: use 0 to %d", newBits, family, bitLen)
	case newBits < int64(p.Bits()):
		return nil, c.ArgErrorf(1, "the new CIDR %d must be equal to or larger than the CIDR %d of '%s'", newBits, p.Bits(), p)
	case index < 0:
		return nil, c.ArgErrorf(2, "the subnet index %d is negative", index)
	}
	count := new(big.Int).Lsh(big.NewInt(1), uint(newBits)-uint(p.Bits()))
	idx := big.NewInt(index)
	if idx.Cmp(count) >= 0 {
		return nil, c.ArgErrorf(2, "the subnet index %d is out of range: '%s' has %s subnets of /%d (indexes 0 to %s)",
			index, p, count, newBits, new(big.Int).Sub(count, big.NewInt(1)))
	}
	start := addrInt(p.Addr())
	start.Add(start, new(big.Int).Lsh(idx, uint(bitLen-newBits)))
	return value.String{V: intAddr(start, p.Addr()).String() + "/" + strconv.FormatInt(newBits, 10), At: c.At}, nil
}

func callCidrHost(c *Call) (value.Value, error) {
	p, err := cidrArg(c, 0)
	if err != nil {
		return nil, err
	}
	index, err := c.Int(1)
	if err != nil {
		return nil, err
	}
	if index < 0 {
		return nil, c.ArgErrorf(1, "the host index %d is negative", index)
	}
	host, count, ok := cidrHostAt(p, index)
	if count.Sign() == 0 {
		return nil, c.ArgErrorf(0, "'%s' has no usable host address", p)
	}
	if !ok {
		return nil, c.ArgErrorf(1, "the host index %d is out of range: '%s' has %s usable host addresses (indexes 0 to %s)",
			index, p, count, new(big.Int).Sub(count, big.NewInt(1)))
	}
	return value.String{V: host.String(), At: c.At}, nil
}

// cidrHostAt returns host index of p, the number of hosts, and whether
// index is within range.
func cidrHostAt(p netip.Prefix, index int64) (netip.Addr, *big.Int, bool) {
	first, last := rangeOf(p)
	bits, bitLen := p.Bits(), p.Addr().BitLen()
	switch {
	case bits == bitLen:
		return netip.Addr{}, new(big.Int), false
	case p.Addr().Is4() && bits == 31:
		// Point-to-point: both addresses are hosts.
	default:
		first.Add(first, big.NewInt(1))
		if p.Addr().Is4() {
			last.Sub(last, big.NewInt(1))
		}
	}
	count := new(big.Int).Sub(last, first)
	count.Add(count, big.NewInt(1))
	if big.NewInt(index).Cmp(count) >= 0 {
		return netip.Addr{}, count, false
	}
	return intAddr(first.Add(first, big.NewInt(index)), p.Addr()), count, true
}
