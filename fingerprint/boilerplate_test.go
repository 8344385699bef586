package fingerprint

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBoilerplateHost(t *testing.T) {
	for _, tc := range []struct{ host, want string }{
		{"schemas.openxmlformats.org", ReasonNamespace},
		{"www.w3.org", ReasonNamespace},
		{"ns.adobe.com", ReasonNamespace},
		{"adobe.com", ""},
		{"schemas.microsoft.com", ReasonNamespace},
		{"microsoft.com", ""},
		{"Gmail.com.", ReasonFreeMail},
		{"yahoo.co.jp", ReasonFreeMail},
		{"ezweb.ne.jp", ReasonFreeMail},
		{"i.softbank.jp", ReasonFreeMail},
		{"softbank.jp", ""},
		{"www.example.com", ReasonReserved},
		{"host.test", ReasonReserved},
		{"localhost", ReasonReserved},
		{"toray.co.jp", ""},
	} {
		t.Run(tc.host, func(t *testing.T) {
			got, ok := BoilerplateHost(tc.host)
			assert.Equal(t, tc.want != "", ok)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Equal(t, ReasonFreeMail, BoilerplateDomains()["gmail.com"])
}

func TestBoilerplateIP(t *testing.T) {
	for _, tc := range []struct {
		ip   string
		want bool
	}{
		{"10.1.2.3", true}, {"172.16.0.1", true}, {"192.168.1.1", true}, {"127.0.0.1", true},
		{"169.254.1.1", true}, {"0.0.0.0", true}, {"224.0.0.1", true}, {"192.0.2.5", true},
		{"100.64.0.1", true}, {"::1", true}, {"fe80::1", true}, {"fd12::1", true}, {"2001:db8::1", true},
		{"::ffff:10.0.0.1", true}, {"8.8.8.8", false}, {"133.1.2.3", false}, {"2400:4050::1", false},
	} {
		t.Run(tc.ip, func(t *testing.T) {
			_, ok := BoilerplateIP(netip.MustParseAddr(tc.ip))
			assert.Equal(t, tc.want, ok)
		})
	}
}

func TestBoilerplate(t *testing.T) {
	for _, tc := range []struct {
		s    Signal
		want string
	}{
		{Signal{Kind: Email, Value: "a@gmail.com"}, ReasonFreeMail},
		{Signal{Kind: Email, Value: "a@toray.co.jp"}, ""},
		{Signal{Kind: URL, Value: "http://purl.org/dc/elements/1.1/"}, ReasonNamespace},
		{Signal{Kind: URL, Value: "http://user@[::1]:80/"}, ReasonPrivateIP},
		{Signal{Kind: URL, Value: "https://www.toray.co.jp/"}, ""},
		{Signal{Kind: IP, Value: "10.0.0.1"}, ReasonPrivateIP},
		{Signal{Kind: UNCPath, Value: `\\192.168.0.2\share`}, ""},
		{Signal{Kind: UNCPath, Value: `\\localhost\c$`}, ReasonReserved},
		{Signal{Kind: ProfilePath, Value: "default"}, ReasonDefaultProfile},
		{Signal{Kind: ProfilePath, Value: "sato"}, ""},
		{Signal{Kind: OrgName, Value: "microsoft"}, ""},
	} {
		t.Run(tc.s.Kind.String()+" "+tc.s.Value, func(t *testing.T) {
			got, ok := Boilerplate(tc.s)
			assert.Equal(t, tc.want != "", ok)
			assert.Equal(t, tc.want, got)
		})
	}
}
