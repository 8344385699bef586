package reusegen

import (
	"fmt"
	"strings"
)

// The invented people, organisations and places of the set. Every name is
// made up from the parts below; the domains use .example and .test, which
// no one can own.

var (
	givenEN  = []string{"Alice", "Brendan", "Carmen", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ingrid", "Jonas", "Kiara", "Lorenzo", "Mira", "Nils", "Odette", "Pavel", "Quinn", "Rosa", "Stellan", "Tamsin", "Ulla", "Viktor", "Wren", "Yusuf"}
	familyEN = []string{"Abernathy", "Brightwater", "Castellane", "Dunmore", "Eskildsen", "Fairweather", "Gorvel", "Halloran", "Ivarsson", "Jessop", "Kettleby", "Lindqvist", "Marchetti", "Northam", "Okonkwo", "Pellham", "Quarrie", "Rendell", "Sallow", "Thistlewood", "Underhill", "Varga", "Whitcombe", "Yardley"}
	familyJA = []string{"鷺沢", "檜山", "藪内", "蕗田", "嵯峨野", "櫻井", "鱒渕", "柊木", "榊原", "楓谷", "桐生", "椿本"}
	givenJA  = []string{"美咲", "健太", "陽菜", "翔", "結衣", "大輝", "彩花", "蓮", "葵", "悠斗", "真央", "拓海"}
	towns    = []string{"Marrowby", "Kestrel Bay", "Oldhaven", "Fenwick", "Larchmont", "Ashgrove", "Brackenfield", "Corriemoor", "Dunhallow", "Elmstead", "Glenrothy", "Harrowgate"}
	depts    = []string{"Finance", "Procurement", "Human Resources", "Legal", "Sales", "Engineering", "Logistics", "Facilities", "Audit", "Support"}
	products = []string{"pump housing", "valve kit", "sensor board", "cable harness", "gear unit", "filter cartridge", "control panel", "bearing set", "power module", "display unit"}
	status   = []string{"Open", "Closed", "Pending", "Approved", "Rejected", "On hold"}
	orgs     = []orgName{
		{"Corvale Logistics Ltd", "corvale.example"},
		{"Brightmoor Insurance plc", "brightmoor.example"},
		{"Halvard Chemicals GmbH", "halvard.example"},
		{"Quillon Systems Inc", "quillon.test"},
		{"株式会社鷺ノ宮製作所", "saginomiya-mfg.example"},
		{"Ostrava Medical Group", "ostrava-med.test"},
		{"Pennant Freight Co", "pennant.example"},
		{"檜原電機株式会社", "hinohara-denki.test"},
	}
)

// orgName is an invented organisation and its domain.
type orgName struct{ Name, Domain string }

// person is one invented person with the fields records show.
type person struct {
	Name, Email, Phone, Town, Dept, ID string
	Amount                             int
	Date                               string
}

// newPerson draws a person of org o; jp asks for a Japanese name.
func newPerson(r *rng, o orgName, jp bool) person {
	var name, local string
	if jp {
		f, g := r.Intn(len(familyJA)), r.Intn(len(givenJA))
		name = familyJA[f] + " " + givenJA[g]
		local = fmt.Sprintf("u%04d", r.Intn(10000))
	} else {
		g, f := pick(r, givenEN), pick(r, familyEN)
		name = g + " " + f
		local = strings.ToLower(g[:1] + "." + f)
	}
	return person{
		Name:   name,
		Email:  local + "@" + o.Domain,
		Phone:  fmt.Sprintf("+44 %d %03d %04d", r.Between(20, 99), r.Intn(1000), r.Intn(10000)),
		Town:   pick(r, towns),
		Dept:   pick(r, depts),
		ID:     fmt.Sprintf("%c%c-%05d", 'A'+r.Intn(26), 'A'+r.Intn(26), r.Intn(100000)),
		Amount: r.Between(100, 250000),
		Date:   fmt.Sprintf("20%02d-%02d-%02d", r.Between(19, 25), r.Between(1, 12), r.Between(1, 28)),
	}
}

// money formats cents-free amounts as a ledger shows them.
func money(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + ".00"
}
