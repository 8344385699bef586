package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/internal/oracle"
)

// msgUpdate rewrites the committed fixtures of testdata/msg (see
// testdata/msg/gen.go).
var msgUpdate = flag.Bool("msg.update", false, "rewrite testdata/msg")

// msgBuild describes a message, recipient or attachment storage for the
// fixtures: its fixed-size properties, its substg streams and the
// storages below it.
type msgBuild struct {
	header   int
	fixed    [][16]byte
	streams  []*cfbNode
	recips   []*msgBuild
	atts     []*msgBuild
	embedded *msgBuild
}

func newMSGBuild(header int) *msgBuild { return &msgBuild{header: header} }

func (b *msgBuild) entry(id, typ uint16, v uint64) *msgBuild {
	var e [16]byte
	binary.LittleEndian.PutUint32(e[0:], uint32(id)<<16|uint32(typ))
	binary.LittleEndian.PutUint32(e[4:], 6) // readable, writable
	binary.LittleEndian.PutUint64(e[8:], v)
	b.fixed = append(b.fixed, e)
	return b
}

func (b *msgBuild) stream(id, typ uint16, data []byte) *msgBuild {
	b.streams = append(b.streams, &cfbNode{name: fmt.Sprintf("__substg1.0_%04X%04X", id, typ), data: data})
	size := uint64(len(data))
	if typ == ptUnicode || typ == ptString8 {
		size += uint64(typ-ptString8) + 1 // the terminating NUL
	}
	return b.entry(id, typ, size)
}

// str adds a PT_UNICODE property.
func (b *msgBuild) str(id uint16, s string) *msgBuild {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return b.stream(id, ptUnicode, out)
}

// str8 adds a PT_STRING8 property, bytes in the message's code page.
func (b *msgBuild) str8(id uint16, raw []byte) *msgBuild { return b.stream(id, ptString8, raw) }

func (b *msgBuild) long(id uint16, v int32) *msgBuild { return b.entry(id, ptLong, uint64(uint32(v))) }

func (b *msgBuild) time(id uint16, t time.Time) *msgBuild {
	return b.entry(id, ptSystime, uint64(t.UnixNano()/100+oleTicksTo1970))
}

// node returns the storage of b under name.
func (b *msgBuild) node(name string) *cfbNode {
	h := make([]byte, b.header)
	if b.header >= msgHeaderEmbedded {
		le := binary.LittleEndian
		le.PutUint32(h[8:], uint32(len(b.recips)))
		le.PutUint32(h[12:], uint32(len(b.atts)))
		le.PutUint32(h[16:], uint32(len(b.recips)))
		le.PutUint32(h[20:], uint32(len(b.atts)))
	}
	for _, e := range b.fixed {
		h = append(h, e[:]...)
	}
	n := &cfbNode{name: name, dir: true}
	n.kids = append(n.kids, &cfbNode{name: msgPropsStream, data: h})
	n.kids = append(n.kids, b.streams...)
	for i, r := range b.recips {
		n.kids = append(n.kids, r.node(fmt.Sprintf("%s%08X", msgRecipPrefix, i)))
	}
	for i, a := range b.atts {
		n.kids = append(n.kids, a.node(fmt.Sprintf("%s%08X", msgAttachPrefix, i)))
	}
	if b.embedded != nil {
		n.kids = append(n.kids, b.embedded.node(msgEmbeddedStore))
	}
	return n
}

// file writes b as a top-level message.
func (b *msgBuild) file(t testing.TB) []byte {
	t.Helper()
	data, err := writeCFB(b.node("Root Entry"))
	require.NoError(t, err)
	return data
}

func msgRecipient(name, addr string, typ int32) *msgBuild {
	return newMSGBuild(msgHeaderChild).str(pidDisplayName, name).str(pidSmtpAddress, addr).
		str(pidEmailAddress, addr).long(pidRecipientType, typ)
}

func msgFileAttachment(name string, data []byte) *msgBuild {
	a := newMSGBuild(msgHeaderChild).str(pidAttachLongFilename, name).long(pidAttachMethod, 1)
	return a.stream(pidAttachData, ptBinary, data)
}

func msgSJIS(t testing.TB, s string) []byte {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

var (
	msgJST    = time.FixedZone("JST", 9*3600)
	msgSubmit = time.Date(2021, 4, 12, 10, 30, 0, 0, msgJST)
)

// msgHeaders are the transport headers of the CP932 fixture: the
// outside gateway, then the internal relay; From and Subject in
// ISO-2022-JP encoded words, as Japanese Outlook sends them.
func msgHeaders(t testing.TB) string {
	t.Helper()
	word := func(s string) string {
		b, err := japanese.ISO2022JP.NewEncoder().String(s)
		require.NoError(t, err)
		return mime.BEncoding.Encode("ISO-2022-JP", b)
	}
	return "Received: from mail.corp.example.co.jp (mail.corp.example.co.jp [192.0.2.10])\r\n" +
		"\tby mx01.example.co.jp with ESMTPS id 4FJ2Kx0abc; Mon, 12 Apr 2021 10:30:05 +0900\r\n" +
		"Received: from PC-0421.corp.example.co.jp ([192.0.2.77]) by mail.corp.example.co.jp;\r\n" +
		" Mon, 12 Apr 2021 10:30:01 +0900\r\n" +
		"From: " + word("山田 太郎") + " <yamada@corp.example.co.jp>\r\n" +
		"To: " + word("鈴木 一郎") + " <suzuki@partner.example.com>\r\n" +
		"Cc: " + word("佐藤 花子") + " <sato@corp.example.co.jp>\r\n" +
		"Subject: " + word("【至急】見積書の件") + "\r\n" +
		"Date: Mon, 12 Apr 2021 10:30:00 +0900\r\n" +
		"Message-ID: <20210412013000.4FJ2Kx0abc@mail.corp.example.co.jp>\r\n" +
		"X-Mailer: Microsoft Outlook 16.0\r\n" +
		"Organization: Example Fibre Co., Ltd.\r\n" +
		"MIME-Version: 1.0\r\n"
}

// msgCP932 is a message as Japanese Outlook saves it: code page 932,
// 8-bit subject and sender name, transport headers, three recipients and
// one attachment.
func msgCP932(t testing.TB) []byte {
	t.Helper()
	m := newMSGBuild(msgHeaderTop).
		long(pidMessageCodePage, 932).long(pidInternetCodePage, 50220).
		str(pidMessageClass, "IPM.Note").
		str8(pidSubject, msgSJIS(t, "【至急】見積書の件")).
		str8(pidSenderName, msgSJIS(t, "山田 太郎")).
		str(pidSenderEmail, "/O=EXAMPLE/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=YAMADA").
		str(pidSenderSmtpAddress, "yamada@corp.example.co.jp").
		str(pidSentRepresentingName, "山田 太郎").
		str(pidSentRepresentingEmail, "yamada@corp.example.co.jp").
		str(pidDisplayTo, "鈴木 一郎").
		str(pidDisplayCc, "佐藤 花子").
		str(pidTransportHeaders, msgHeaders(t)).
		str(pidInternetMessageID, "<20210412013000.4FJ2Kx0abc@mail.corp.example.co.jp>").
		time(pidClientSubmitTime, msgSubmit).
		time(pidMessageDeliveryTime, msgSubmit.Add(5*time.Second)).
		time(pidCreationTime, msgSubmit.Add(-10*time.Minute)).
		time(pidLastModificationTime, msgSubmit.Add(time.Minute)).
		str(pidBody, "鈴木様\r\n\r\nお見積書を添付いたします。\r\nよろしくお願いいたします。\r\n")
	m.recips = []*msgBuild{
		msgRecipient("鈴木 一郎", "suzuki@partner.example.com", 1),
		msgRecipient("佐藤 花子", "sato@corp.example.co.jp", 2),
		msgRecipient("監査", "audit@corp.example.co.jp", 3),
	}
	link := newMSGBuild(msgHeaderChild).str(pidAttachLongFilename, "仕様書.docx").long(pidAttachMethod, 2).
		str(pidAttachLongPathname, `\\fs01.corp.example.co.jp\営業\仕様書.docx`)
	m.atts = []*msgBuild{msgFileAttachment("見積書.csv", []byte("品名,数量,単価\r\n炭素繊維,10,12000\r\n")), link}
	return m.file(t)
}

// msgEmbedded is a forwarded message: no transport headers, an HTML body
// only, and the original message attached as an embedded message, which
// holds a PDF attachment of its own.
func msgEmbedded(t testing.TB) []byte {
	t.Helper()
	inner := newMSGBuild(msgHeaderEmbedded).
		str(pidSubject, "Q2 capacity plan").
		str(pidSenderName, "Kenji Morita").
		str(pidSenderSmtpAddress, "k.morita@plant.example.co.jp").
		time(pidClientSubmitTime, time.Date(2021, 3, 30, 23, 5, 0, 0, time.UTC)).
		str(pidBody, "Plan attached.\r\n")
	inner.recips = []*msgBuild{msgRecipient("Hana Kitagawa", "h.kitagawa@corp.example.co.jp", 1)}
	inner.atts = []*msgBuild{msgFileAttachment("plan.pdf", []byte("%PDF-1.4\n%%EOF\n"))}
	att := newMSGBuild(msgHeaderChild).str(pidDisplayName, "Q2 capacity plan").long(pidAttachMethod, 5)
	att.entry(pidAttachData, ptObject, 0xFFFFFFFF)
	att.embedded = inner

	html := "<html><head><title>fw</title><style>p{color:red}</style></head><body>" +
		"<p>Forwarding the plan from the Shiga plant.</p><p>Hana</p></body></html>"
	m := newMSGBuild(msgHeaderTop).
		long(pidMessageCodePage, 1252).long(pidInternetCodePage, 65001).
		str(pidMessageClass, "IPM.Note").
		str(pidSubject, "FW: Q2 capacity plan").
		str(pidSenderName, "Hana Kitagawa").
		str(pidSenderEmail, "h.kitagawa@corp.example.co.jp").
		time(pidClientSubmitTime, time.Date(2021, 4, 1, 0, 15, 0, 0, time.UTC)).
		time(pidLastModificationTime, time.Date(2021, 4, 1, 0, 16, 0, 0, time.UTC)).
		stream(pidHTML, ptBinary, []byte(html))
	m.recips = []*msgBuild{msgRecipient("Ichiro Suzuki", "suzuki@partner.example.com", 1)}
	m.atts = []*msgBuild{att}
	return m.file(t)
}

// msgFixtures are the committed files and how to build them.
var msgFixtures = []struct {
	name  string
	build func(testing.TB) []byte
}{
	{"cp932.msg", msgCP932},
	{"embedded.msg", msgEmbedded},
}

// TestMSGFixtureFiles checks that the committed fixtures are what the
// builders write, byte for byte; -msg.update rewrites them.
func TestMSGFixtureFiles(t *testing.T) {
	for _, f := range msgFixtures {
		t.Run(f.name, func(t *testing.T) {
			p := filepath.Join("testdata", "msg", f.name)
			data := f.build(t)
			if *msgUpdate {
				require.NoError(t, os.WriteFile(p, data, 0o644))
				return
			}
			got, err := os.ReadFile(p)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(data, got), "%s differs from its builder: run go run gen.go in testdata/msg", p)
		})
	}
}

func msgExtract(t testing.TB, data []byte, lim Limits) (*Result, error) {
	t.Helper()
	return NewMSG().Extract(context.Background(), Input{Name: "test.msg", Type: identify.Type{MIME: mimeOutlook},
		R: bytes.NewReader(data), Size: int64(len(data))}, lim)
}

func msgFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "msg", name))
	require.NoError(t, err)
	return b
}

func TestMSGFiles(t *testing.T) {
	tests := []struct {
		file     string
		want     Metadata
		raw      map[string]any
		text     []string
		attNames []string
	}{
		{
			file: "cp932.msg",
			want: Metadata{
				Authors:      []string{"山田 太郎 <yamada@corp.example.co.jp>"},
				Title:        "【至急】見積書の件",
				Software:     "Microsoft Outlook 16.0",
				Organisation: "Example Fibre Co., Ltd.",
				Created:      "2021-04-12T10:30:00+09:00",
				Modified:     "2021-04-12T01:31:00Z",
				TZOffset:     "+09:00",
				Hosts:        []string{"mail.corp.example.co.jp", "mx01.example.co.jp", "PC-0421.corp.example.co.jp", "mail.corp.example.co.jp"},
				// The transport headers' From, To and Cc, the sender's
				// SMTP address (its X.500 name is none), the recipients;
				// Harvest removes the repeats.
				Emails: []string{"yamada@corp.example.co.jp", "suzuki@partner.example.com", "sato@corp.example.co.jp",
					"yamada@corp.example.co.jp", "yamada@corp.example.co.jp", "suzuki@partner.example.com",
					"sato@corp.example.co.jp", "audit@corp.example.co.jp"},
				MessageIDs: []string{"20210412013000.4FJ2Kx0abc@mail.corp.example.co.jp"},
			},
			raw: map[string]any{
				"Subject":            "【至急】見積書の件",
				"From":               []string{"山田 太郎 <yamada@corp.example.co.jp>"},
				"To":                 []string{"鈴木 一郎 <suzuki@partner.example.com>"},
				"Cc":                 []string{"佐藤 花子 <sato@corp.example.co.jp>"},
				"Bcc":                []string{"監査 <audit@corp.example.co.jp>"},
				"Date":               "2021-04-12T10:30:00+09:00",
				"ClientSubmitTime":   "2021-04-12T01:30:00Z",
				"CreationTime":       "2021-04-12T01:20:00Z",
				"SenderName":         "山田 太郎",
				"SenderSmtpAddress":  "yamada@corp.example.co.jp",
				"SenderEmailAddress": "/O=EXAMPLE/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=YAMADA",
				"DisplayTo":          "鈴木 一郎",
				"Message-ID":         "<20210412013000.4FJ2Kx0abc@mail.corp.example.co.jp>",
				"X-Mailer":           "Microsoft Outlook 16.0",
				"CodePage":           int64(932),
				"ReceivedHosts":      []string{"mail.corp.example.co.jp", "mx01.example.co.jp", "PC-0421.corp.example.co.jp", "mail.corp.example.co.jp"},
			},
			text:     []string{"鈴木様\n\nお見積書を添付いたします。"},
			attNames: []string{"見積書.csv"},
		},
		{
			file: "embedded.msg",
			want: Metadata{
				Authors:  []string{"Hana Kitagawa <h.kitagawa@corp.example.co.jp>"},
				Title:    "FW: Q2 capacity plan",
				Created:  "2021-04-01T00:15:00Z",
				Modified: "2021-04-01T00:16:00Z",
				Emails:   []string{"h.kitagawa@corp.example.co.jp", "suzuki@partner.example.com"},
			},
			raw: map[string]any{
				"To":               []string{"Ichiro Suzuki <suzuki@partner.example.com>"},
				"InternetCodePage": int64(65001),
				"MessageClass":     "IPM.Note",
			},
			text:     []string{"Forwarding the plan from the Shiga plant.", "Hana"},
			attNames: []string{"Q2 capacity plan.msg"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := msgFile(t, tt.file)
			res, err := msgExtract(t, data, Limits{})
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			m := res.Metadata
			raw := m.Raw
			m.Raw = nil
			assert.Equal(t, tt.want, m)
			for k, v := range tt.raw {
				assert.Equal(t, v, raw[k], k)
			}
			for _, s := range tt.text {
				assert.Contains(t, res.Text, s)
			}
			assert.NotContains(t, res.Text, "color:red")
			var names []string
			for _, a := range res.Attachments {
				names = append(names, a.Name)
			}
			assert.Equal(t, tt.attNames, names)
			_, err = json.Marshal(raw)
			require.NoError(t, err)
			msgCompareMsgconvert(t, tt.file, data, res)
		})
	}
}

// msgCompareMsgconvert checks that the e-mail extractor finds the same
// sender, subject and recipients as the Outlook reader in the .eml that
// msgconvert (Debian libemail-outlook-message-perl), an outside reader of
// the format, made of the message, kept in its golden (testdata/msg/oracle).
func msgCompareMsgconvert(t *testing.T, name string, data []byte, res *Result) {
	t.Helper()
	rec := oracle.Run(t, oracle.Spec{Tool: oracle.Msgconvert, Args: []string{"--outfile", "out.eml", oracle.In},
		Name: name, Data: data, Golden: oracle.Golden(filepath.Join("testdata", "msg", name), oracle.Msgconvert, "")})
	require.Zero(t, rec.ExitCode, "%s", rec.Stderr())
	text, ok := rec.Text("out.eml")
	require.True(t, ok, "msgconvert wrote no out.eml")
	eml := []byte(text)
	er, err := NewEmail().Extract(context.Background(), Input{Type: identify.Type{MIME: "message/rfc822"},
		R: bytes.NewReader(eml), Size: int64(len(eml))}, Limits{})
	require.NoError(t, err)
	assert.Equal(t, er.Metadata.Title, res.Metadata.Title, "Subject")
	assert.Equal(t, er.Metadata.Raw["From"], res.Metadata.Raw["From"], "From")
	if _, ok := res.Metadata.Raw["Received"]; !ok {
		// Without transport headers msgconvert writes no To or Cc.
		return
	}
	assert.Equal(t, er.Metadata.Raw["To"], res.Metadata.Raw["To"], "To")
	assert.Equal(t, er.Metadata.Raw["Cc"], res.Metadata.Raw["Cc"], "Cc")
	assert.Equal(t, er.Metadata.Created, res.Metadata.Created, "Date")
	assert.Equal(t, er.Metadata.Raw["Message-ID"], res.Metadata.Raw["Message-ID"], "Message-ID")
	assert.Equal(t, er.Metadata.Raw["ReceivedHosts"], res.Metadata.Raw["ReceivedHosts"], "ReceivedHosts")
}

func TestMSGEmbeddedRebuilt(t *testing.T) {
	res, err := msgExtract(t, msgFile(t, "embedded.msg"), Limits{})
	require.NoError(t, err)
	require.Len(t, res.Attachments, 1)
	atts := res.Metadata.Raw["Attachments"].([]any)
	require.Len(t, atts, 1)
	assert.Equal(t, true, atts[0].(map[string]any)["Embedded"])
	assert.Equal(t, "Q2 capacity plan", atts[0].(map[string]any)["Subject"])

	// The rebuilt message is an Outlook message of its own, with the
	// PDF it carries as its attachment.
	inner := res.Attachments[0].Data
	typ, err := identify.Refine(context.Background(), identify.Detect(inner), bytes.NewReader(inner), int64(len(inner)))
	require.NoError(t, err)
	assert.Equal(t, mimeOutlook, typ.MIME, "identify's type of the rebuilt message")
	r2, err := msgExtract(t, inner, Limits{})
	require.NoError(t, err)
	assert.Empty(t, r2.Warnings)
	assert.Equal(t, "Q2 capacity plan", r2.Metadata.Title)
	assert.Equal(t, []string{"Kenji Morita <k.morita@plant.example.co.jp>"}, r2.Metadata.Authors)
	assert.Equal(t, "2021-03-30T23:05:00Z", r2.Metadata.Created)
	assert.Equal(t, []string{"Hana Kitagawa <h.kitagawa@corp.example.co.jp>"}, r2.Metadata.Raw["To"])
	require.Len(t, r2.Attachments, 1)
	assert.Equal(t, "plan.pdf", r2.Attachments[0].Name)
	assert.Equal(t, "%PDF-1.4\n%%EOF\n", string(r2.Attachments[0].Data))
	assert.Equal(t, "Plan attached.\n", r2.Text)
}

func TestMSGCodePages(t *testing.T) {
	subject := "【至急】見積書の件"
	tests := []struct {
		name  string
		props func(*msgBuild) *msgBuild
		want  string
		warn  error
	}{
		{"PR_MESSAGE_CODEPAGE 932", func(b *msgBuild) *msgBuild { return b.long(pidMessageCodePage, 932) }, subject, nil},
		{"PR_INTERNET_CPID 932 only", func(b *msgBuild) *msgBuild { return b.long(pidInternetCodePage, 932) }, subject, nil},
		{"message code page first", func(b *msgBuild) *msgBuild {
			return b.long(pidInternetCodePage, 65001).long(pidMessageCodePage, 932)
		}, subject, nil},
		{"unknown code page", func(b *msgBuild) *msgBuild { return b.long(pidMessageCodePage, 4242) }, "", ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.props(newMSGBuild(msgHeaderTop)).str8(pidSubject, msgSJIS(t, subject))
			res, err := msgExtract(t, b.file(t), Limits{})
			require.NoError(t, err)
			if tt.warn == nil {
				assert.Equal(t, tt.want, res.Metadata.Title)
				assert.Empty(t, res.Warnings)
				return
			}
			// Read as windows-1252: wrong, but valid UTF-8, and said so.
			assert.NotEqual(t, subject, res.Metadata.Title)
			assert.True(t, utf8.ValidString(res.Metadata.Title))
			msgRequireWarning(t, res.Warnings, tt.warn)
		})
	}
}

func TestMSGAccepts(t *testing.T) {
	ex := NewMSG()
	assert.Equal(t, "msg", ex.Name())
	assert.Equal(t, "2", ex.Version())
	for mime, want := range map[string]bool{
		"application/vnd.ms-outlook": true, identify.MIMEOLE2: false, "message/rfc822": false, "application/msword": false,
	} {
		assert.Equal(t, want, ex.Accepts(identify.Type{MIME: mime}), mime)
	}
}

func msgRequireWarning(t testing.TB, warns []error, want error) {
	t.Helper()
	for _, w := range warns {
		if errors.Is(w, want) {
			return
		}
	}
	t.Fatalf("no warning wraps %v: %v", want, warns)
}

// msgPatchEntry finds the directory entry called name in a file written
// by writeCFB and lets fn change it.
func msgPatchEntry(t testing.TB, b []byte, name string, fn func(d []byte)) {
	t.Helper()
	le := binary.LittleEndian
	start := int(le.Uint32(b[48:]))
	n := int(le.Uint32(b[40:])) * cfbWSector / 128
	var want []byte
	for _, u := range utf16.Encode([]rune(name)) {
		want = le.AppendUint16(want, u)
	}
	for i := 0; i < n; i++ {
		d := b[cfbWSector*(start+1)+128*i:][:128]
		if int(le.Uint16(d[64:])) == len(want)+2 && bytes.Equal(d[:len(want)], want) {
			fn(d)
			return
		}
	}
	t.Fatalf("no entry %q", name)
}

// msgNested is a chain of n messages, each attached to the one above.
func msgNested(t testing.TB, n int) []byte {
	t.Helper()
	var inner *msgBuild
	for i := n; i >= 1; i-- {
		m := newMSGBuild(msgHeaderEmbedded).str(pidSubject, fmt.Sprintf("level %d", i))
		if inner != nil {
			att := newMSGBuild(msgHeaderChild).long(pidAttachMethod, 5)
			att.embedded = inner
			m.atts = []*msgBuild{att}
		}
		inner = m
	}
	top := newMSGBuild(msgHeaderTop).str(pidSubject, "level 0")
	att := newMSGBuild(msgHeaderChild).long(pidAttachMethod, 5)
	att.embedded = inner
	top.atts = []*msgBuild{att}
	return top.file(t)
}

// msgHostile returns the hostile messages, each with the sentinel its
// error (wantErr) or one of its warnings (wantW) must wrap.
func msgHostile(t testing.TB) []struct {
	name           string
	data           []byte
	lim            Limits
	wantErr, wantW error
} {
	t.Helper()
	le := binary.LittleEndian
	simple := func() *msgBuild {
		return newMSGBuild(msgHeaderTop).str(pidSubject, "hostile").str(pidSenderName, "Mallory")
	}

	// A subject stream that says it is larger than the file.
	lying := simple().file(t)
	msgPatchEntry(t, lying, "__substg1.0_0037001F", func(d []byte) { le.PutUint64(d[120:], 1<<40) })

	// An attachment of 4 GiB declared, in a file of a few KiB.
	big := simple()
	big.atts = []*msgBuild{msgFileAttachment("dump.bin", bytes.Repeat([]byte{'A'}, 5000))}
	huge := big.file(t)
	msgPatchEntry(t, huge, "__substg1.0_37010102", func(d []byte) { le.PutUint64(d[120:], 4<<30) })

	// Two hundred attachments sharing the sectors of one stream as large
	// as the file: honest streams add up to less than the file.
	shared := simple()
	payload := bytes.Repeat([]byte{'B'}, 64<<10)
	shared.atts = []*msgBuild{msgFileAttachment("a.bin", payload)}
	for i := 1; i < 200; i++ {
		shared.atts = append(shared.atts, msgFileAttachment(fmt.Sprintf("a%d.bin", i), []byte("x")))
	}
	sharedFile := shared.file(t)
	var start, size uint64
	msgPatchAll(sharedFile, "__substg1.0_37010102", func(d []byte) {
		if s := le.Uint64(d[120:]); s > size {
			start, size = uint64(le.Uint32(d[116:])), s
		}
	})
	sharedAll := msgPatchAll(sharedFile, "__substg1.0_37010102", func(d []byte) {
		le.PutUint32(d[116:], uint32(start))
		le.PutUint64(d[120:], size)
	})

	// A header counting more recipients and attachments than exist, and
	// a property stream cut in the middle of an entry.
	countsData := simple().file(t)
	msgPatchProps(t, countsData, func(p []byte) {
		le.PutUint32(p[16:], 0xFFFFFFFF)
		le.PutUint32(p[20:], 1_000_000)
	})
	cut := simple().long(pidMessageCodePage, 932).file(t)
	msgPatchEntry(t, cut, msgPropsStream, func(d []byte) { le.PutUint64(d[120:], le.Uint64(d[120:])-7) })

	many := simple()
	for i := 0; i < 50; i++ {
		many.recips = append(many.recips, msgRecipient(fmt.Sprintf("R%d", i), fmt.Sprintf("r%d@example.com", i), 1))
	}

	notMSG, err := writeCFB(&cfbNode{dir: true, kids: []*cfbNode{{name: "WordDocument", data: []byte("x")}}})
	require.NoError(t, err)

	return []struct {
		name           string
		data           []byte
		lim            Limits
		wantErr, wantW error
	}{
		{"not a compound file", []byte("From: x\r\n\r\nbody"), Limits{}, ErrFormat, nil},
		{"compound file without MAPI properties", notMSG, Limits{}, ErrFormat, nil},
		{"stream size past the file", lying, Limits{}, nil, ErrFormat},
		{"attachment of 4 GiB declared", huge, Limits{}, nil, ErrFormat},
		{"attachment over MaxRecordBytes", big.file(t), Limits{MaxRecordBytes: 4096}, nil, ErrLimit},
		{"streams sharing sectors", sharedAll, Limits{}, nil, ErrFormat},
		{"header counts past the storages", countsData, Limits{}, nil, ErrFormat},
		{"property stream cut mid-entry", cut, Limits{}, nil, ErrFormat},
		{"recipients over MaxRecords", many.file(t), Limits{MaxRecords: 10}, nil, ErrLimit},
		{"embedded messages 40 deep", msgNested(t, 40), Limits{}, nil, ErrLimit},
	}
}

// msgPatchAll applies fn to every directory entry called name and
// returns b.
func msgPatchAll(b []byte, name string, fn func(d []byte)) []byte {
	le := binary.LittleEndian
	start := int(le.Uint32(b[48:]))
	n := int(le.Uint32(b[40:])) * cfbWSector / 128
	var want []byte
	for _, u := range utf16.Encode([]rune(name)) {
		want = le.AppendUint16(want, u)
	}
	for i := 0; i < n; i++ {
		d := b[cfbWSector*(start+1)+128*i:][:128]
		if int(le.Uint16(d[64:])) == len(want)+2 && bytes.Equal(d[:len(want)], want) {
			fn(d)
		}
	}
	return b
}

// msgPatchProps lets fn change the top-level property stream of a small
// file written by writeCFB (the stream sits in the mini stream).
func msgPatchProps(t testing.TB, b []byte, fn func(p []byte)) {
	t.Helper()
	le := binary.LittleEndian
	var miniStart, off uint32
	msgPatchEntry(t, b, "Root Entry", func(d []byte) { miniStart = le.Uint32(d[116:]) })
	// The root's own property stream is the first root-level entry
	// called so; writeCFB lays out the mini stream in directory order.
	n := int(le.Uint32(b[40:])) * cfbWSector / 128
	start := int(le.Uint32(b[48:]))
	for i := 0; i < n; i++ {
		d := b[cfbWSector*(start+1)+128*i:][:128]
		if d[66] == 2 && le.Uint16(d[64:]) == uint16(2*len(msgPropsStream)+2) {
			off = le.Uint32(d[116:])
			break
		}
	}
	fn(b[cfbWSector*(int(miniStart)+1)+cfbWMini*int(off):])
}

func TestMSGHostile(t *testing.T) {
	for _, tt := range msgHostile(t) {
		t.Run(tt.name, func(t *testing.T) {
			var res *Result
			var err error
			in := Input{Name: "test.msg", Type: identify.Type{MIME: mimeOutlook}, R: bytes.NewReader(tt.data), Size: int64(len(tt.data))}
			work := MeasureWork(in, 64*in.Size+(1<<20), func(in Input) { res, err = NewMSG().Extract(context.Background(), in, tt.lim) })
			t.Log(work)
			// Sector chains and embedded messages that loop are cut:
			// nothing is read again and again.
			assert.False(t, work.OverBudget, "bytes read again and again")
			assert.LessOrEqual(t, work.Read, 4*in.Size+(64<<10), "bytes read")
			alloc := work.Alloc
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			t.Logf("warnings: %v (%d bytes allocated)", res.Warnings, alloc)
			msgRequireWarning(t, res.Warnings, tt.wantW)
			_, err = json.Marshal(res.Metadata)
			require.NoError(t, err)
			// Nothing read is larger than the file, and the file is small.
			assert.Less(t, alloc, uint64(8*len(tt.data)+(4<<20)), "bytes allocated")
		})
	}
}

func TestMSGNestedBounded(t *testing.T) {
	res, err := msgExtract(t, msgNested(t, 40), Limits{})
	require.NoError(t, err)
	require.Len(t, res.Attachments, 1, "only the top message's attachments are listed")
	// Each rebuilt level keeps fewer levels below it.
	data := res.Attachments[0].Data
	levels := 0
	for len(data) > 0 && levels < 50 {
		r, err := msgExtract(t, data, Limits{})
		require.NoError(t, err)
		levels++
		assert.Equal(t, fmt.Sprintf("level %d", levels), r.Metadata.Title)
		if len(r.Attachments) == 0 {
			break
		}
		data = r.Attachments[0].Data
	}
	assert.LessOrEqual(t, levels, maxMSGNesting)
}

func TestMSGCancelled(t *testing.T) {
	data := msgFile(t, "cp932.msg")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := NewMSG().Extract(ctx, Input{Type: identify.Type{MIME: mimeOutlook}, R: bytes.NewReader(data), Size: int64(len(data))}, Limits{})
	require.ErrorIs(t, err, context.Canceled)
}

func TestMSGTextLimit(t *testing.T) {
	res, err := msgExtract(t, msgFile(t, "cp932.msg"), Limits{MaxTextBytes: 10})
	require.NoError(t, err)
	assert.True(t, res.TextTruncated)
	assert.LessOrEqual(t, len(res.Text), 10)
	assert.Equal(t, "鈴木様\n", res.Text)
}

func TestMSGThroughRun(t *testing.T) {
	data := msgFile(t, "cp932.msg")
	res, err := Run(context.Background(), Extractors(), Input{Type: identify.Type{MIME: mimeOutlook},
		R: bytes.NewReader(data), Size: int64(len(data))}, Limits{})
	require.NoError(t, err)
	m := res.Metadata
	assert.Equal(t, []string{"yamada@corp.example.co.jp", "suzuki@partner.example.com", "sato@corp.example.co.jp",
		"audit@corp.example.co.jp"}, m.Emails)
	assert.Equal(t, []string{"20210412013000.4FJ2Kx0abc@mail.corp.example.co.jp"}, m.MessageIDs)
	assert.Equal(t, []string{"mail.corp.example.co.jp", "mx01.example.co.jp", "pc-0421.corp.example.co.jp",
		"corp.example.co.jp", "partner.example.com", "fs01.corp.example.co.jp"}, m.Hosts,
		"the Received chain, the addresses' domains, the server of a path; not the Message-ID's right-hand side by itself")
	assert.Equal(t, "【至急】見積書の件", res.Metadata.Title)
	assert.Contains(t, res.Metadata.Paths, `\\fs01.corp.example.co.jp\営業\仕様書.docx`)
}

func ExampleNewMSG() {
	data, err := os.ReadFile("testdata/msg/cp932.msg")
	if err != nil {
		panic(err)
	}
	in := Input{Name: "cp932.msg", Type: identify.Type{MIME: "application/vnd.ms-outlook"},
		R: bytes.NewReader(data), Size: int64(len(data))}
	res, err := NewMSG().Extract(context.Background(), in, Limits{})
	if err != nil {
		panic(err)
	}
	m := res.Metadata
	fmt.Println(m.Authors)
	fmt.Println(m.Title, "/", m.Created)
	fmt.Println(res.Attachments[0].Name)
	// Output:
	// [山田 太郎 <yamada@corp.example.co.jp>]
	// 【至急】見積書の件 / 2021-04-12T10:30:00+09:00
	// 見積書.csv
}
