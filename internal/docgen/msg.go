package docgen

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
)

// MSGSpec describes an Outlook message (.msg) as Outlook saves a
// delivered message: its MAPI properties, its recipients and the
// transport headers it came with.
type MSGSpec struct {
	From mail.Address
	To   []mail.Address
	Cc   []mail.Address
	// Date is the submit time, written as PR_CLIENT_SUBMIT_TIME and the
	// Date header.
	Date time.Time
	// Delivered is PR_MESSAGE_DELIVERY_TIME; Date when zero.
	Delivered time.Time
	Subject   string
	MessageID string // without angle brackets
	// Received holds the values of the Received headers of the
	// transport headers, topmost (last hop) first.
	Received []string
	XMailer  string
	Body     string // plain text; line ends are normalised to CRLF
}

// MSGStream is one stream of the compound file an .msg file is: its
// path (storages joined by "/", as archivegen.CFBStream names them) and
// its content.
type MSGStream struct {
	Path string
	Data []byte
}

// maxMSGRecipients bounds the recipients of a message: the recipient
// storages are numbered with eight hex digits, and no fixture needs more.
const maxMSGRecipients = 2048

// MAPI property types and the flags Outlook writes on each entry of a
// property stream (MS-OXMSG 2.4.2).
const (
	mapiLong    = 0x0003
	mapiUnicode = 0x001F
	mapiSystime = 0x0040
	mapiFlags   = 0x00000006 // PROPATTR_READABLE | PROPATTR_WRITABLE
)

// msgProps collects the properties of one storage: fixed-size values go
// to its property stream, strings to streams of their own.
type msgProps struct {
	dir     string // storage path with a trailing "/", "" for the root
	entries [][16]byte
	streams []MSGStream
}

func (p *msgProps) fixed(id, typ uint16, v uint64) {
	var e [16]byte
	binary.LittleEndian.PutUint32(e[0:], uint32(id)<<16|uint32(typ))
	binary.LittleEndian.PutUint32(e[4:], mapiFlags)
	binary.LittleEndian.PutUint64(e[8:], v)
	p.entries = append(p.entries, e)
}

// str adds a PT_UNICODE property: its stream holds the UTF-16LE text
// without a terminator, its entry the stream's size plus the terminator.
func (p *msgProps) str(id uint16, s string) {
	if s == "" {
		return
	}
	u := utf16.Encode([]rune(s))
	data := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(data[2*i:], c)
	}
	var e [16]byte
	binary.LittleEndian.PutUint32(e[0:], uint32(id)<<16|mapiUnicode)
	binary.LittleEndian.PutUint32(e[4:], mapiFlags)
	binary.LittleEndian.PutUint32(e[8:], uint32(len(data)+2))
	p.entries = append(p.entries, e)
	p.streams = append(p.streams, MSGStream{Path: fmt.Sprintf("%s__substg1.0_%04X%04X", p.dir, id, mapiUnicode), Data: data})
}

func (p *msgProps) time(id uint16, t time.Time) {
	if !t.IsZero() {
		p.fixed(id, mapiSystime, filetime(t))
	}
}

// close returns the storage's streams: the property stream (header,
// then the entries by tag) and the string streams.
func (p *msgProps) close(header []byte) []MSGStream {
	slices.SortFunc(p.entries, func(a, b [16]byte) int {
		return cmp.Compare(binary.LittleEndian.Uint32(a[:]), binary.LittleEndian.Uint32(b[:]))
	})
	ps := append([]byte(nil), header...)
	for _, e := range p.entries {
		ps = append(ps, e[:]...)
	}
	return append([]MSGStream{{Path: p.dir + "__properties_version1.0", Data: ps}}, p.streams...)
}

// filetime converts t to a Windows FILETIME: 100-nanosecond intervals
// since 1601-01-01 UTC.
func filetime(t time.Time) uint64 {
	const epochDiff = 11644473600 // seconds from 1601 to 1970
	return uint64(t.Unix()+epochDiff)*10_000_000 + uint64(t.Nanosecond()/100)
}

// MSG returns the streams of the .msg file built from spec, laid out as
// MS-OXMSG has it: the message's property stream and string streams,
// an empty named-property map, and one storage per recipient. Write
// them into a compound file with archivegen.CompoundFile (which imports
// this package, so MSG cannot call it). The transport headers are those
// of a delivered message: the Received chain, the addresses, subject,
// date and Message-ID, with non-ASCII text in RFC 2047 words.
func MSG(spec MSGSpec) ([]MSGStream, error) {
	if spec.From.Address == "" || len(spec.To) == 0 {
		return nil, fmt.Errorf("msg: a sender and a recipient are needed")
	}
	if len(spec.To)+len(spec.Cc) > maxMSGRecipients {
		return nil, fmt.Errorf("msg: %d recipients, at most %d", len(spec.To)+len(spec.Cc), maxMSGRecipients)
	}
	if spec.Date.IsZero() {
		return nil, fmt.Errorf("msg: no date")
	}
	delivered := spec.Delivered
	if delivered.IsZero() {
		delivered = spec.Date
	}
	headers, err := msgHeaders(spec)
	if err != nil {
		return nil, err
	}
	names := func(as []mail.Address) string {
		var s []string
		for _, a := range as {
			s = append(s, cmp.Or(a.Name, a.Address))
		}
		return strings.Join(s, "; ")
	}

	root := &msgProps{}
	root.str(0x001A, "IPM.Note")
	root.str(0x0037, spec.Subject)
	root.time(0x0039, spec.Date)
	root.str(0x0042, cmp.Or(spec.From.Name, spec.From.Address))
	root.str(0x0064, "SMTP")
	root.str(0x0065, spec.From.Address)
	root.str(0x007D, headers)
	root.str(0x0C1A, cmp.Or(spec.From.Name, spec.From.Address))
	root.str(0x0C1E, "SMTP")
	root.str(0x0C1F, spec.From.Address)
	root.str(0x0E03, names(spec.Cc))
	root.str(0x0E04, names(spec.To))
	root.time(0x0E06, delivered)
	root.fixed(0x0E07, mapiLong, 1) // MSGFLAG_READ
	root.str(0x1000, strings.ReplaceAll(strings.ReplaceAll(spec.Body, "\r\n", "\n"), "\n", "\r\n"))
	if spec.MessageID != "" {
		root.str(0x1035, "<"+spec.MessageID+">")
	}
	root.time(0x3007, delivered)
	root.time(0x3008, delivered)
	root.fixed(0x340D, mapiLong, 0x00040000) // STORE_UNICODE_OK
	root.fixed(0x3FDE, mapiLong, 65001)      // PR_INTERNET_CPID: UTF-8
	root.str(0x5D01, spec.From.Address)
	root.str(0x5D02, spec.From.Address)

	n := len(spec.To) + len(spec.Cc)
	header := make([]byte, 32)
	binary.LittleEndian.PutUint32(header[8:], uint32(n))  // next recipient id
	binary.LittleEndian.PutUint32(header[16:], uint32(n)) // recipient count
	out := root.close(header)
	for _, s := range []string{"__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"} {
		out = append(out, MSGStream{Path: "__nameid_version1.0/" + s})
	}
	for i, a := range slices.Concat(spec.To, spec.Cc) {
		r := &msgProps{dir: fmt.Sprintf("__recip_version1.0_#%08X/", i)}
		typ := uint64(1) // MAPI_TO
		if i >= len(spec.To) {
			typ = 2 // MAPI_CC
		}
		r.fixed(0x0C15, mapiLong, typ)
		r.fixed(0x3000, mapiLong, uint64(i))
		r.str(0x3001, cmp.Or(a.Name, a.Address))
		r.str(0x3002, "SMTP")
		r.str(0x3003, a.Address)
		r.str(0x39FE, a.Address)
		out = append(out, r.close(make([]byte, 8))...)
	}
	return out, nil
}

// msgHeaders writes the transport headers Outlook keeps of a delivered
// message.
func msgHeaders(spec MSGSpec) (string, error) {
	var b strings.Builder
	for _, r := range spec.Received {
		b.WriteString("Received: " + foldReceived(r) + "\r\n")
	}
	from, err := addrList(CharsetUTF8, []mail.Address{spec.From})
	if err != nil {
		return "", fmt.Errorf("msg: from: %w", err)
	}
	b.WriteString("From: " + from + "\r\n")
	to, err := addrList(CharsetUTF8, spec.To)
	if err != nil {
		return "", fmt.Errorf("msg: to: %w", err)
	}
	b.WriteString("To: " + to + "\r\n")
	if len(spec.Cc) > 0 {
		cc, err := addrList(CharsetUTF8, spec.Cc)
		if err != nil {
			return "", fmt.Errorf("msg: cc: %w", err)
		}
		b.WriteString("CC: " + cc + "\r\n")
	}
	subj, err := encodeWords(CharsetUTF8, spec.Subject)
	if err != nil {
		return "", fmt.Errorf("msg: subject: %w", err)
	}
	b.WriteString("Subject: " + subj + "\r\n")
	b.WriteString("Date: " + spec.Date.Format(time.RFC1123Z) + "\r\n")
	if spec.MessageID != "" {
		b.WriteString("Message-ID: <" + spec.MessageID + ">\r\n")
	}
	b.WriteString("MIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: text/plain; charset=\"utf-8\"\r\n")
	if spec.XMailer != "" {
		b.WriteString("X-Mailer: " + spec.XMailer + "\r\n")
	}
	b.WriteString("\r\n")
	return b.String(), nil
}
