package fingerprint_test

import (
	"fmt"
	"strings"

	"github.com/proofpack/proofpack/fingerprint"
)

func Example() {
	x := fingerprint.NewExtractor(fingerprint.Default(), fingerprint.Options{})
	text := "From: Sato Kenichi <sato.kenichi@toray.co.jp>\n【社外秘】東レ株式会社 購買部 ¥¥fs01¥購買¥見積"
	for s := range x.Signals(text) {
		fmt.Printf("%s %s %q\n", s.Kind, s.Value, s.Org)
	}
	// Output:
	// email sato.kenichi@toray.co.jp ""
	// domain toray.co.jp ""
	// marking 社外秘 "toray"
	// org_name toray ""
	// unc_path \\fs01\購買\見積 ""
	// host fs01 ""
}

func ExampleLoad() {
	c, err := fingerprint.Load(strings.NewReader(`organisations:
  - id: acme
    name: Acme Trading Co., Ltd.
    aliases: [アクメ商事]
    domains: [acme-trading.co.jp]
  - id: acme
    name: Acme again
    domains: [https://acme.example]
`))
	fmt.Println(c == nil)
	fmt.Println(err)
	// Output:
	// true
	// profiles:6: duplicate id "acme" (first at line 2)
}

func ExampleMerge() {
	add, _ := fingerprint.Load(strings.NewReader(`{"organisations": [
	  {"id": "acme", "name": "Acme Trading Co., Ltd.", "aliases": ["アクメ商事"], "domains": ["acme-trading.co.jp"]}]}`))
	c, err := fingerprint.Merge(fingerprint.Default(), add)
	if err != nil {
		fmt.Println(err)
		return
	}
	o, _ := c.ByDomain("mail.acme-trading.co.jp")
	fmt.Println(o.ID, o.Name)
	o, _ = c.ByName("アクメ商事株式会社")
	fmt.Println(o.ID)
	// Output:
	// acme Acme Trading Co., Ltd.
	// acme
}
