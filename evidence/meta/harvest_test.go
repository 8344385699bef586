package meta_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"net/mail"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/docgen"
)

// harvestMail is a delivered message whose headers name addresses of
// every kind, Message-IDs whose right-hand sides are hosts nothing else
// names, and a Received chain.
const harvestMail = "Return-Path: <bounce+po-0412@lists.example.net>\r\n" +
	"Received: from mx01.example.net (mx01.example.net [192.0.2.10])\r\n" +
	"\tby mail.corp.example.co.jp with ESMTP id 4FJ2Kx for <sato@corp.example.co.jp>;\r\n" +
	"\tMon, 12 Apr 2021 10:30:05 +0900\r\n" +
	"From: =?UTF-8?B?5bGx55SwIOWkqumDjg==?= <Yamada.Taro@Corp.Example.CO.JP>\r\n" +
	"To: \"Suzuki, Ichiro\" <suzuki@partner.example.com>, sato@corp.example.co.jp\r\n" +
	"Cc: Audit <audit@corp.example.co.jp>\r\n" +
	"Bcc: hidden@partner.example.com\r\n" +
	"Reply-To: orders@corp.example.co.jp\r\n" +
	"Sender: secretary@corp.example.co.jp\r\n" +
	"Message-ID: <20210412013000.4FJ2Kx0abc@pc-0421.corp.example.co.jp>\r\n" +
	"In-Reply-To: <CAF+x=1@mail.gmail.com>\r\n" +
	"References: <a1b2@mail.partner.example.com>\r\n <CAF+x=1@mail.gmail.com>\r\n" +
	"Subject: PO 2021-0412\r\n" +
	"Date: Mon, 12 Apr 2021 10:30:00 +0900\r\n" +
	"\r\n" +
	"See https://portal.corp.example.co.jp/po/0412 or write to info@partner.example.com.\r\n"

// harvestLists are the lists Harvest fills.
type harvestLists struct {
	hosts, emails, ids, urls, paths []string
}

func listsOf(m meta.Metadata) harvestLists {
	return harvestLists{m.Hosts, m.Emails, m.MessageIDs, m.URLs, m.Paths}
}

// TestHarvestSources checks, for each source of values, which list each
// value lands in, the order of first sight included.
func TestHarvestSources(t *testing.T) {
	jpeg, err := docgen.JPEG(image.NewGray(image.Rect(0, 0, 8, 8)), 90, &docgen.EXIFSpec{
		Artist:    "Hanako Kitagawa <H.Kitagawa@Corp.Example.co.jp>",
		Copyright: "Example Fibres K.K., https://www.example-fibres.test/photos",
	})
	require.NoError(t, err)
	pdf, err := docgen.PDF(docgen.PDFSpec{
		Info: docgen.PDFInfo{Author: "Kenji Morita (k.morita@corp.example.co.jp)", Title: "Site plan",
			Subject: `from \\fs02.corp.example.co.jp\plans\C.pdf, see ftp://files.corp.example.co.jp/plans/`},
		Pages: []docgen.PDFPage{{Lines: []string{"Questions: info@partner.example.com, https://www.partner.example.com/"}}},
	})
	require.NoError(t, err)
	msg, err := os.ReadFile("testdata/msg/cp932.msg")
	require.NoError(t, err)
	docx, err := os.ReadFile("testdata/office/docgen_po.docx")
	require.NoError(t, err)

	tests := []struct {
		name string
		mime string
		data []byte
		want harvestLists
	}{
		{"mail headers", "message/rfc822", []byte(harvestMail), harvestLists{
			// The Received chain, then the domains of the addresses; not
			// pc-0421, mail.gmail.com or mail.partner: only Message-IDs
			// name them.
			hosts: []string{"mx01.example.net", "mail.corp.example.co.jp", "corp.example.co.jp", "partner.example.com", "lists.example.net"},
			// From, To, Cc, Bcc, Reply-To, Sender, Return-Path; none of
			// the body's.
			emails: []string{"Yamada.Taro@corp.example.co.jp", "suzuki@partner.example.com", "sato@corp.example.co.jp",
				"audit@corp.example.co.jp", "hidden@partner.example.com", "orders@corp.example.co.jp",
				"secretary@corp.example.co.jp", "bounce+po-0412@lists.example.net"},
			ids: []string{"20210412013000.4FJ2Kx0abc@pc-0421.corp.example.co.jp", "CAF+x=1@mail.gmail.com", "a1b2@mail.partner.example.com"},
		}},
		{"outlook message", "application/vnd.ms-outlook", msg, harvestLists{
			// The Received chain, the addresses' domains, the server of
			// an attachment by reference; the Message-ID's host is
			// there because the Received chain names it.
			hosts: []string{"mail.corp.example.co.jp", "mx01.example.co.jp", "pc-0421.corp.example.co.jp", "corp.example.co.jp",
				"partner.example.com", "fs01.corp.example.co.jp"},
			emails: []string{"yamada@corp.example.co.jp", "suzuki@partner.example.com", "sato@corp.example.co.jp", "audit@corp.example.co.jp"},
			ids:    []string{"20210412013000.4FJ2Kx0abc@mail.corp.example.co.jp"},
			paths:  []string{`\\fs01.corp.example.co.jp\営業\仕様書.docx`},
		}},
		{"office hyperlink and template", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx, harvestLists{
			// The attached template's relationship is a file URL holding
			// a UNC path: a URL as written, the path, and its server.
			hosts: []string{"fs01.corp.example-fibres.test", "portal.corp.example-fibres.test"},
			urls:  []string{`file:///\\fs01.corp.example-fibres.test\templates\PO.dotx`, "http://portal.corp.example-fibres.test/orders/2021-0412"},
			paths: []string{`\\fs01.corp.example-fibres.test\templates\PO.dotx`},
		}},
		{"EXIF artist and copyright", "image/jpeg", jpeg, harvestLists{
			hosts:  []string{"corp.example.co.jp", "www.example-fibres.test"},
			emails: []string{"H.Kitagawa@corp.example.co.jp"},
			urls:   []string{"https://www.example-fibres.test/photos"},
		}},
		{"PDF information, not its page text", "application/pdf", pdf, harvestLists{
			hosts:  []string{"corp.example.co.jp", "files.corp.example.co.jp", "fs02.corp.example.co.jp"},
			emails: []string{"k.morita@corp.example.co.jp"},
			urls:   []string{"ftp://files.corp.example.co.jp/plans/"},
			paths:  []string{`\\fs02.corp.example.co.jp\plans\C.pdf`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := meta.Input{Name: tt.name, Type: identify.Type{MIME: tt.mime}, R: bytes.NewReader(tt.data), Size: int64(len(tt.data))}
			res, err := meta.Run(context.Background(), meta.Extractors(), in, meta.Limits{})
			require.NoError(t, err)
			for _, w := range res.Warnings {
				assert.NotErrorIs(t, w, meta.ErrLimit)
			}
			m := res.Metadata
			assert.Equal(t, tt.want, listsOf(m))
			require.NoError(t, meta.CheckHarvested(&m))
			assertMessageIDsKept(t, m)
		})
	}
}

// assertMessageIDsKept checks that no Message-ID is in Emails, and that
// a host that is only the right-hand side of one is not in Hosts.
func assertMessageIDsKept(t *testing.T, m meta.Metadata) {
	t.Helper()
	named := map[string]bool{}
	for _, h := range m.NamedHosts() {
		named[h] = true
	}
	for _, e := range m.Emails {
		named[e[strings.LastIndexByte(e, '@')+1:]] = true
	}
	for _, id := range m.MessageIDs {
		assert.NotContains(t, m.Emails, id)
		if i := strings.LastIndexByte(id, '@'); i >= 0 && !named[strings.ToLower(id[i+1:])] {
			assert.NotContains(t, m.Hosts, strings.ToLower(id[i+1:]), "the right-hand side of %s", id)
		}
	}
}

// TestHarvestValues checks the harvest of metadata values: where each
// kind of value goes, and what is left out.
func TestHarvestValues(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  harvestLists
	}{
		{"address with display name", "Yamada Taro <Yamada.Taro@Toray.CO.JP>",
			harvestLists{hosts: []string{"toray.co.jp"}, emails: []string{"Yamada.Taro@toray.co.jp"}}},
		{"URL with port and user", "https://admin@portal.intra.toray.co.jp:8443/top/index.aspx?x=1.",
			harvestLists{hosts: []string{"portal.intra.toray.co.jp"}, urls: []string{"https://admin@portal.intra.toray.co.jp:8443/top/index.aspx?x=1"}}},
		{"URL with user and password", "ftp://t.yamada:pa55@files.toray.co.jp/pub",
			harvestLists{hosts: []string{"files.toray.co.jp"}, urls: []string{"ftp://t.yamada:pa55@files.toray.co.jp/pub"}}},
		{"URL to an address literal", "http://[2001:db8::1]:8080/x",
			harvestLists{hosts: []string{"2001:db8::1"}, urls: []string{"http://[2001:db8::1]:8080/x"}}},
		{"ftp and smb URLs", "ftp://files.toray.co.jp/pub (or smb://NAS01.toray.local/share)",
			harvestLists{hosts: []string{"files.toray.co.jp", "nas01.toray.local"},
				urls: []string{"ftp://files.toray.co.jp/pub", "smb://NAS01.toray.local/share"}}},
		{"file URL without host", "file:///C:/Users/t.yamada/Documents/a.xlsx",
			harvestLists{urls: []string{"file:///C:/Users/t.yamada/Documents/a.xlsx"}}},
		{"namespace URL", "http://schemas.openxmlformats.org/officeDocument/2006/relationships", harvestLists{}},
		{"UNC path", `\\TFS01.toray.local\templates\PO.dotx`,
			harvestLists{hosts: []string{"tfs01.toray.local"}, paths: []string{`\\TFS01.toray.local\templates\PO.dotx`}}},
		{"Windows home path", `saved from C:\Users\t.yamada\Documents\見積書.xlsx`,
			harvestLists{paths: []string{`C:\Users\t.yamada\Documents\見積書.xlsx`}}},
		{"Mac home path", "(/Users/hanako/Desktop/a.png)", harvestLists{paths: []string{"/Users/hanako/Desktop/a.png"}}},
		{"plain words", "plain words, version 1.2, no host", harvestLists{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := meta.Metadata{Raw: map[string]any{"x": map[string]any{"v": tt.value}}}
			require.NoError(t, meta.Harvest(&m))
			assert.Equal(t, tt.want, listsOf(m))
			require.NoError(t, meta.CheckHarvested(&m))
		})
	}
}

// TestHarvest checks the order of the lists, which values are scanned,
// and that Harvest may run again on its output.
func TestHarvest(t *testing.T) {
	m := meta.Metadata{
		Authors:      []string{"Yamada Taro <yamada.taro@toray.co.jp>"},
		Organisation: "東レ株式会社",
		Raw: map[string]any{"ooxml": map[string]any{
			"Template":     `\\tfs01.toray.local\templates\PO.dotx`,
			"Hyperlinks":   []any{"https://portal.intra.toray.co.jp/top/index.aspx", "http://schemas.openxmlformats.org/x"},
			"LastPath":     `C:\Users\t.yamada\Documents\見積書.xlsx`,
			"MacPath":      "/Users/hanako/Desktop/a.png",
			"Nothing":      "plain words, version 1.2, no host",
			"NestedDeeply": map[string]any{"x": []string{"ftp://files.toray.co.jp/pub"}},
		}},
	}
	require.NoError(t, meta.Harvest(&m))
	// Authors first, then Raw by key: Hyperlinks, LastPath, MacPath,
	// NestedDeeply, Nothing, Template.
	assert.Equal(t, []string{"toray.co.jp", "portal.intra.toray.co.jp", "files.toray.co.jp", "tfs01.toray.local"}, m.Hosts)
	assert.Equal(t, []string{"yamada.taro@toray.co.jp"}, m.Emails)
	assert.Equal(t, []string{"https://portal.intra.toray.co.jp/top/index.aspx", "ftp://files.toray.co.jp/pub"}, m.URLs)
	assert.Equal(t, []string{`C:\Users\t.yamada\Documents\見積書.xlsx`, "/Users/hanako/Desktop/a.png", `\\tfs01.toray.local\templates\PO.dotx`}, m.Paths)
	assert.Empty(t, m.MessageIDs)
	assert.Equal(t, []string{"portal.intra.toray.co.jp", "files.toray.co.jp", "tfs01.toray.local"}, m.NamedHosts(),
		"toray.co.jp is there only as the domain of an address")

	before := listsOf(m)
	require.NoError(t, meta.Harvest(&m))
	assert.Equal(t, before, listsOf(m), "idempotent")
}

// TestHarvestLimits checks that a list cut at its limit says so, and
// that the others are kept whole.
func TestHarvestLimits(t *testing.T) {
	var raw []any
	for i := range 1500 {
		raw = append(raw, fmt.Sprintf("https://h%d.example.com/", i))
	}
	m := meta.Metadata{
		Emails: []string{"a@example.org"},
		Raw:    map[string]any{"x": map[string]any{"links": raw}},
	}
	err := meta.Harvest(&m)
	require.ErrorIs(t, err, meta.ErrLimit)
	assert.Contains(t, err.Error(), "hosts, urls cut at 1000 entries")
	assert.Len(t, m.URLs, 1000)
	assert.Len(t, m.Hosts, 1000)
	assert.Equal(t, "example.org", m.Hosts[0], "the address's domain was first")
	assert.Equal(t, []string{"a@example.org"}, m.Emails)
	require.NoError(t, meta.CheckHarvested(&m))

	// Through Run, the cut is a warning of the item.
	ex := &fake{name: "x", accepts: "t", res: &meta.Result{Metadata: meta.Metadata{Raw: map[string]any{"links": raw}}}}
	res, err := meta.Run(context.Background(), []meta.Extractor{ex}, input("t"), meta.Limits{})
	require.NoError(t, err)
	require.Len(t, res.Warnings, 1)
	assert.ErrorIs(t, res.Warnings[0], meta.ErrLimit)

	// Values past 4 MiB are not scanned, and that is said too.
	big := strings.Repeat("x", 60<<10)
	var many []any
	for range 80 {
		many = append(many, big)
	}
	m = meta.Metadata{Raw: map[string]any{"a": many, "b": "late@example.org"}}
	err = meta.Harvest(&m)
	require.ErrorIs(t, err, meta.ErrLimit)
	assert.Contains(t, err.Error(), "not scanned")
	assert.Empty(t, m.Emails)
}

// TestHarvestMessageIDs checks that the address a Message-ID holds is
// never harvested as one, whatever value it is found in, and that an
// address given as such by an extractor that is also a Message-ID is
// dropped.
func TestHarvestMessageIDs(t *testing.T) {
	m := meta.Metadata{
		MessageIDs: []string{"<CAF+x=1@mail.gmail.com>", "yamada@corp.example.co.jp", "<>"},
		Emails:     []string{"Yamada@corp.example.co.jp", "yamada@corp.example.co.jp"},
		Raw: map[string]any{"email": map[string]any{
			"Message-ID": "<CAF+x=1@mail.gmail.com>",
			"References": "<CAF+x=1@mail.gmail.com> <yamada@corp.example.co.jp>",
			"Received":   []string{"by mx.example.net id 1; for <1@mail.gmail.com>"},
		}},
	}
	require.NoError(t, meta.Harvest(&m))
	assert.Equal(t, []string{"CAF+x=1@mail.gmail.com", "yamada@corp.example.co.jp"}, m.MessageIDs)
	assert.Equal(t, []string{"Yamada@corp.example.co.jp"}, m.Emails,
		"another local part is another address; the Message-ID's address is none, wherever it is found")
	assert.Equal(t, []string{"corp.example.co.jp"}, m.Hosts)
	require.NoError(t, meta.CheckHarvested(&m))
}

// TestMailAddressesParse checks that every address the mail extractor
// gives parses back to itself.
func TestMailAddressesParse(t *testing.T) {
	in := meta.Input{Name: "m.eml", Type: identify.Type{MIME: "message/rfc822"}, R: strings.NewReader(harvestMail), Size: int64(len(harvestMail))}
	res, err := meta.NewEmail().Extract(context.Background(), in, meta.Limits{})
	require.NoError(t, err)
	require.NotEmpty(t, res.Metadata.Emails)
	for _, e := range res.Metadata.Emails {
		a, err := mail.ParseAddress(e)
		if assert.NoError(t, err) {
			assert.Equal(t, e, a.Address)
		}
	}
	assert.False(t, errors.Is(err, meta.ErrNoRecord))
}

func ExampleHarvest() {
	m := meta.Metadata{
		Authors:    []string{"Yamada Taro <Yamada.Taro@Corp.Example.CO.JP>"},
		MessageIDs: []string{"<20210412.4FJ2Kx@pc-0421.corp.example.co.jp>"},
		Raw: map[string]any{"email": map[string]any{
			"Message-ID": "<20210412.4FJ2Kx@pc-0421.corp.example.co.jp>",
			"X-Note":     `see https://portal.corp.example.co.jp/po/0412 or \\fs01.corp.example.co.jp\po`,
		}},
	}
	if err := meta.Harvest(&m); err != nil {
		fmt.Println(err)
	}
	fmt.Println("hosts:", m.Hosts)
	fmt.Println("emails:", m.Emails)
	fmt.Println("message_ids:", m.MessageIDs)
	fmt.Println("urls:", m.URLs)
	fmt.Println("paths:", m.Paths)
	fmt.Println("named hosts:", m.NamedHosts())
	// Output:
	// hosts: [corp.example.co.jp portal.corp.example.co.jp fs01.corp.example.co.jp]
	// emails: [Yamada.Taro@corp.example.co.jp]
	// message_ids: [20210412.4FJ2Kx@pc-0421.corp.example.co.jp]
	// urls: [https://portal.corp.example.co.jp/po/0412]
	// paths: [\\fs01.corp.example.co.jp\po]
	// named hosts: [portal.corp.example.co.jp fs01.corp.example.co.jp]
}

// BenchmarkHarvest measures Harvest on the metadata of a delivered mail
// and of an Office document, as Run leaves it before the harvest.
func BenchmarkHarvest(b *testing.B) {
	docx, err := os.ReadFile("testdata/office/docgen_po.docx")
	require.NoError(b, err)
	for _, c := range []struct {
		name string
		ex   meta.Extractor
		mime string
		data []byte
	}{
		{"mail", meta.NewEmail(), "message/rfc822", []byte(harvestMail)},
		{"docx", meta.NewOOXML(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx},
	} {
		res, err := c.ex.Extract(context.Background(), meta.Input{Type: identify.Type{MIME: c.mime}, R: bytes.NewReader(c.data),
			Size: int64(len(c.data))}, meta.Limits{})
		require.NoError(b, err)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m := res.Metadata
				meta.Harvest(&m)
			}
		})
	}
}
