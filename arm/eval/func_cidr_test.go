package eval

import (
	"testing"

	"github.com/azrule/azrule/arm/value"
)

func TestParseCidr(t *testing.T) {
	tests := []struct {
		in   string
		want string // the object as compact JSON, keys in ARM's order
	}{
		// Documented examples (template-functions-cidr).
		{"10.144.0.0/20", `{"network":"10.144.0.0","netmask":"255.255.240.0","broadcast":"10.144.15.255","firstUsable":"10.144.0.1","lastUsable":"10.144.15.254","cidr":20}`},
		{"fdad:3236:5555::/48", `{"network":"fdad:3236:5555::","netmask":"ffff:ffff:ffff::","firstUsable":"fdad:3236:5555::","lastUsable":"fdad:3236:5555:ffff:ffff:ffff:ffff:ffff","cidr":48}`},
		// Host bits are masked off.
		{"192.168.1.100/24", `{"network":"192.168.1.0","netmask":"255.255.255.0","broadcast":"192.168.1.255","firstUsable":"192.168.1.1","lastUsable":"192.168.1.254","cidr":24}`},
		// Point-to-point and single addresses.
		{"10.0.0.4/31", `{"network":"10.0.0.4","netmask":"255.255.255.254","broadcast":"10.0.0.5","firstUsable":"10.0.0.4","lastUsable":"10.0.0.5","cidr":31}`},
		{"192.168.1.100/32", `{"network":"192.168.1.100","netmask":"255.255.255.255","broadcast":"192.168.1.100","firstUsable":"192.168.1.100","lastUsable":"192.168.1.100","cidr":32}`},
		{"0.0.0.0/0", `{"network":"0.0.0.0","netmask":"0.0.0.0","broadcast":"255.255.255.255","firstUsable":"0.0.0.1","lastUsable":"255.255.255.254","cidr":0}`},
		{"2001:DB8::1/128", `{"network":"2001:db8::1","netmask":"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff","firstUsable":"2001:db8::1","lastUsable":"2001:db8::1","cidr":128}`},
		{"::/0", `{"network":"::","netmask":"::","firstUsable":"::","lastUsable":"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff","cidr":0}`},
	}
	for _, tt := range tests {
		got, err := exCall(t, "parseCidr", exStr(tt.in))
		if err != nil {
			t.Errorf("parseCidr('%s'): %v", tt.in, err)
			continue
		}
		if s := string(value.AppendJSON(nil, got)); s != tt.want {
			t.Errorf("parseCidr('%s') =\n  %s\nwant\n  %s", tt.in, s, tt.want)
		}
	}
}

func TestCidrSubnet(t *testing.T) {
	tests := []struct {
		network string
		bits    int64
		index   int64
		want    string
	}{
		// Documented examples: the first five /24 of a /20, /52 of a /48.
		{"10.144.0.0/20", 24, 0, "10.144.0.0/24"},
		{"10.144.0.0/20", 24, 1, "10.144.1.0/24"},
		{"10.144.0.0/20", 24, 2, "10.144.2.0/24"},
		{"10.144.0.0/20", 24, 3, "10.144.3.0/24"},
		{"10.144.0.0/20", 24, 4, "10.144.4.0/24"},
		{"fdad:3236:5555::/48", 52, 0, "fdad:3236:5555::/52"},
		{"fdad:3236:5555::/48", 52, 1, "fdad:3236:5555:1000::/52"},
		{"fdad:3236:5555::/48", 52, 2, "fdad:3236:5555:2000::/52"},
		{"fdad:3236:5555::/48", 52, 3, "fdad:3236:5555:3000::/52"},
		{"fdad:3236:5555::/48", 52, 4, "fdad:3236:5555:4000::/52"},
		// Edges: the last subnet, the same prefix, host bits in the input.
		{"10.144.0.0/20", 24, 15, "10.144.15.0/24"},
		{"10.0.0.0/16", 18, 1, "10.0.64.0/18"},
		{"10.144.0.0/20", 20, 0, "10.144.0.0/20"},
		{"10.144.7.9/20", 32, 4095, "10.144.15.255/32"},
		{"2001:db8::/32", 128, 1, "2001:db8::1/128"},
	}
	for _, tt := range tests {
		exWantString(t, "cidrSubnet", []value.Value{exStr(tt.network), exInt(tt.bits), exInt(tt.index)}, tt.want)
	}
}

func TestCidrHost(t *testing.T) {
	tests := []struct {
		network string
		index   int64
		want    string
	}{
		// Documented examples.
		{"10.144.3.0/24", 0, "10.144.3.1"},
		{"10.144.3.0/24", 1, "10.144.3.2"},
		{"10.144.3.0/24", 4, "10.144.3.5"},
		{"fdad:3236:5555:3000::/52", 0, "fdad:3236:5555:3000::1"},
		{"fdad:3236:5555:3000::/52", 4, "fdad:3236:5555:3000::5"},
		// The last host before the broadcast, across an octet, /31, IPv6 end.
		{"192.168.1.0/24", 253, "192.168.1.254"},
		{"10.0.0.0/16", 255, "10.0.1.0"},
		{"192.168.1.0/31", 0, "192.168.1.0"},
		{"192.168.1.0/31", 1, "192.168.1.1"},
		{"2001:db8::/127", 0, "2001:db8::1"},
		{"2001:db8::/64", 0, "2001:db8::1"},
	}
	for _, tt := range tests {
		exWantString(t, "cidrHost", []value.Value{exStr(tt.network), exInt(tt.index)}, tt.want)
	}
}

func TestCidrErrors(t *testing.T) {
	tests := []struct {
		name string
		args []value.Value
		arg  int
		want string
	}{
		{"parseCidr", []value.Value{exStr("192.168.1/24")}, 0, "not a valid IP address range in CIDR notation"},
		{"parseCidr", []value.Value{exStr("192.168.1.0/33")}, 0, "not a valid IP address range"},
		{"parseCidr", []value.Value{exStr("192.168.1.256/24")}, 0, "not a valid IP address range"},
		{"parseCidr", []value.Value{exStr("10.0.0.0")}, 0, "not a valid IP address range"},
		{"parseCidr", []value.Value{exStr("fe80::1%eth0/64")}, 0, "not a valid IP address range"},
		{"parseCidr", []value.Value{exInt(10)}, 0, "must be a string, not Integer"},
		{"parseCidr", []value.Value{exStr(" 10.0.0.0/8")}, 0, "not a valid IP address range"},
		{"cidrSubnet", []value.Value{exStr("10.144.0.0/20"), exInt(24), exInt(16)}, 2, "index 16 is out of range: '10.144.0.0/20' has 16 subnets of /24 (indexes 0 to 15)"},
		{"cidrSubnet", []value.Value{exStr("10.144.0.0/20"), exInt(24), exInt(-1)}, 2, "negative"},
		{"cidrSubnet", []value.Value{exStr("10.144.0.0/20"), exInt(16), exInt(0)}, 1, "must be equal to or larger than the CIDR 20"},
		{"cidrSubnet", []value.Value{exStr("10.144.0.0/20"), exInt(33), exInt(0)}, 1, "not a valid IPv4 prefix length: use 0 to 32"},
		{"cidrSubnet", []value.Value{exStr("2001:db8::/32"), exInt(129), exInt(0)}, 1, "not a valid IPv6 prefix length: use 0 to 128"},
		{"cidrSubnet", []value.Value{exStr("10.0.0/16"), exInt(24), exInt(0)}, 0, "not a valid IP address range"},
		{"cidrSubnet", []value.Value{exStr("10.0.0.0/16"), exStr("24"), exInt(0)}, 1, "argument 2 must be an integer, not String"},
		{"cidrSubnet", []value.Value{exStr("::/0"), exInt(128), exInt(9223372036854775807)}, -2, ""},
		{"cidrHost", []value.Value{exStr("192.168.1.1/32"), exInt(0)}, 0, "has no usable host address"},
		{"cidrHost", []value.Value{exStr("2001:db8::1/128"), exInt(0)}, 0, "has no usable host address"},
		{"cidrHost", []value.Value{exStr("192.168.1.0/24"), exInt(254)}, 1, "index 254 is out of range: '192.168.1.0/24' has 254 usable host addresses (indexes 0 to 253)"},
		{"cidrHost", []value.Value{exStr("192.168.1.0/24"), exInt(-1)}, 1, "negative"},
		{"cidrHost", []value.Value{exStr("192.168.1.0.0/24"), exInt(0)}, 0, "not a valid IP address range"},
		{"cidrHost", []value.Value{exStr("192.168.1.0/24"), exBool(true)}, 1, "must be an integer, not Bool"},
	}
	for _, tt := range tests {
		if tt.arg == -2 {
			// A huge index inside a huge range is valid, not an overflow.
			if _, err := exCall(t, tt.name, tt.args...); err != nil {
				t.Errorf("%s(%s): %v", tt.name, exRender(tt.args), err)
			}
			continue
		}
		exWantError(t, tt.name, tt.args, tt.arg, tt.want)
	}
}

// TestCidrHostMatchesParseCidr: the hosts cidrHost enumerates are exactly
// the usable range parseCidr reports, for every IPv4 prefix length.
func TestCidrHostMatchesParseCidr(t *testing.T) {
	for bits := 1; bits <= 31; bits++ {
		network := "10.0.0.0/" + exItoa(int64(bits))
		info, err := exCall(t, "parseCidr", exStr(network))
		if err != nil {
			t.Fatal(err)
		}
		o := info.(*value.Object)
		first, _ := o.Get("firstUsable")
		last, _ := o.Get("lastUsable")
		h0, err := exCall(t, "cidrHost", exStr(network), exInt(0))
		if err != nil {
			t.Fatalf("cidrHost('%s', 0): %v", network, err)
		}
		if !value.Equal(h0, first) {
			t.Errorf("cidrHost('%s', 0) = %s, parseCidr firstUsable = %s", network, value.Render(h0), value.Render(first))
		}
		hosts := int64(1)<<(32-bits) - 2
		if bits == 31 {
			hosts = 2
		}
		hn, err := exCall(t, "cidrHost", exStr(network), exInt(hosts-1))
		if err != nil {
			t.Fatalf("cidrHost('%s', %d): %v", network, hosts-1, err)
		}
		if !value.Equal(hn, last) {
			t.Errorf("cidrHost('%s', %d) = %s, parseCidr lastUsable = %s", network, hosts-1, value.Render(hn), value.Render(last))
		}
		if _, err := exCall(t, "cidrHost", exStr(network), exInt(hosts)); err == nil {
			t.Errorf("cidrHost('%s', %d): want out of range", network, hosts)
		}
	}
}

func exItoa(n int64) string { return string(value.AppendJSON(nil, value.Int{V: n})) }
