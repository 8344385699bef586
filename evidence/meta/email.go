package meta

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"

	"github.com/proofpack/proofpack/evidence/identify"
)

// NewEmail returns the extractor of RFC 5322 messages (.eml): headers,
// body text and attachments.
//
// Raw keys are the header names: From, To, Cc, Bcc, Reply-To, Sender
// (lists of addresses), Date, Subject, Message-ID, In-Reply-To,
// References, Received (every value, topmost first), ReceivedHosts (the
// hosts of their "from X" and "by Y" clauses, in that order), X-Mailer,
// User-Agent, X-Originating-IP, Organization, Return-Path. Encoded words
// (RFC 2047) are decoded in any charset golang.org/x/text knows,
// ISO-2022-JP, Shift_JIS and EUC-JP included.
//
// Addresses are written "Name <addr>", the display name decoded and not
// quoted, or the bare address when there is no name: the form a reader
// of the report expects (exiftool does not read mail, so there is no
// outside form to match). Authors come from From, Created from Date with
// its zone (TZOffset too), Software from X-Mailer or else User-Agent,
// Title from Subject, Organisation from the Organization header. The
// addresses of From, To, Cc, Bcc, Reply-To, Sender and Return-Path go
// into Emails (and their domains into Hosts, by Harvest), the
// Message-ID, In-Reply-To and References values into MessageIDs only,
// and the host names of the Received chain into Hosts.
//
// The body text is the text/plain parts, or when there are none the
// text/html parts stripped to their visible text, decoded from their
// transfer encoding and charset. Every other part (and every part with a
// file name or an attachment disposition) is returned in
// Result.Attachments, its name decoded (RFC 2231 in UTF-8, RFC 2047 in
// any charset). Parts are bounded by Limits.MaxRecords, each part's bytes
// by Limits.MaxRecordBytes, and multipart nesting by maxMailDepth.
//
// A message that has none of the headers above, no body text and no
// attachment holds no record: Extract says so with ErrNoRecord.
func NewEmail() Extractor { return emailExtractor{} }

type emailExtractor struct{}

func (emailExtractor) Name() string    { return "email" }
func (emailExtractor) Version() string { return "2" }

// Accepts takes message/rfc822 items.
func (emailExtractor) Accepts(t identify.Type) bool { return t.MIME == "message/rfc822" }

// maxMailDepth bounds the nesting of multiparts. Real mail nests three
// or four deep (mixed > related > alternative).
const maxMailDepth = 10

// Headers kept as single values in Raw.
var mailSingleHeaders = []string{
	"Subject", "Message-ID", "In-Reply-To", "References", "X-Mailer", "User-Agent",
	"X-Originating-IP", "Organization", "Return-Path", "Thread-Topic", "X-MimeOLE",
}

// Headers that hold address lists.
var mailAddressHeaders = []string{"From", "To", "Cc", "Bcc", "Reply-To", "Sender"}

// Headers that hold Message-IDs.
var mailIDHeaders = []string{"Message-ID", "In-Reply-To", "References"}

func (emailExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	if in.R == nil || in.Size <= 0 {
		return nil, fmt.Errorf("%w: empty message", ErrFormat)
	}
	res := &Result{}
	// The header block is read under MaxRecordBytes; the body under the
	// item's size.
	end, found, err := mailHeaderEnd(in.R, in.Size, lim.MaxRecordBytes)
	if err != nil {
		return nil, err
	}
	body := io.NewSectionReader(in.R, end, in.Size-end)
	if !found && end < in.Size {
		res.Warnings = append(res.Warnings, fmt.Errorf("%w: mail header longer than %d bytes, body not read", ErrLimit, lim.MaxRecordBytes))
		body = io.NewSectionReader(in.R, 0, 0)
	}
	head := io.Reader(io.NewSectionReader(in.R, 0, end))
	if !found {
		head = io.MultiReader(head, strings.NewReader("\r\n\r\n"))
	}
	msg, err := mail.ReadMessage(io.MultiReader(head, body))
	if err != nil {
		return nil, fmt.Errorf("%w: mail header: %w", ErrFormat, err)
	}
	if len(msg.Header) == 0 {
		return nil, fmt.Errorf("%w: no mail header", ErrFormat)
	}
	raw := map[string]any{}
	m := &res.Metadata
	dec := mailWordDecoder()
	h := msg.Header

	for _, k := range mailAddressHeaders {
		list, addrs := mailAddresses(dec, h[textproto.CanonicalMIMEHeaderKey(k)])
		if len(list) > 0 {
			raw[k] = list
		}
		m.Emails = appendEmails(m.Emails, addrs...)
	}
	for _, k := range mailSingleHeaders {
		if v := h.Get(k); v != "" {
			raw[k] = mailDecodeHeader(dec, v)
		}
	}
	m.Emails = appendEmails(m.Emails, mailReturnPath(raw)...)
	m.MessageIDs = mailMessageIDs(raw)
	if from, ok := raw["From"].([]string); ok {
		m.Authors = from
	}
	if v := h.Get("Date"); v != "" {
		raw["Date"] = v
		if t, err := mail.ParseDate(v); err == nil {
			m.Created = FormatTime(t, true)
			_, off := t.Zone()
			m.TZOffset = FormatOffset(off)
			raw["Date"] = m.Created
		} else {
			res.Warnings = append(res.Warnings, fmt.Errorf("%w: Date %q: %w", ErrFormat, v, err))
		}
	}
	if rcv := h["Received"]; len(rcv) > 0 {
		raw["Received"] = append([]string(nil), rcv...)
		hosts := mailReceivedHosts(rcv)
		if len(hosts) > 0 {
			raw["ReceivedHosts"] = hosts
			for _, host := range hosts {
				if strings.IndexFunc(host, unicode.IsLetter) >= 0 {
					m.Hosts = append(m.Hosts, host)
				}
			}
		}
	}
	m.Title, _ = raw["Subject"].(string)
	m.Organisation, _ = raw["Organization"].(string)
	if s, _ := raw["X-Mailer"].(string); s != "" {
		m.Software = s
	} else {
		m.Software, _ = raw["User-Agent"].(string)
	}
	m.Raw = raw

	w := &mailWalker{ctx: ctx, lim: lim, dec: dec, budget: newAttachmentBudget(lim)}
	w.walk(textproto.MIMEHeader(h), msg.Body, 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, w.warns...)
	res.Attachments = w.atts
	text := strings.Join(w.plain, "\n")
	if text == "" {
		text = strings.Join(w.html, "\n")
	}
	if int64(len(text)) > lim.MaxTextBytes || w.textCut {
		text = CutText(text, lim.MaxTextBytes)
		res.TextTruncated = true
	}
	res.Text = text
	if m.IsZero() && strings.TrimSpace(text) == "" && len(res.Attachments) == 0 && len(res.Warnings) == 0 {
		return nil, fmt.Errorf("%w: mail: none of the headers read, no body text, no attachment", ErrNoRecord)
	}
	return res, nil
}

// mailHeaderEnd finds the blank line that ends the header block within
// the first max bytes, and returns the offset of the body after it. When
// there is none it returns min(size, max) and found false.
func mailHeaderEnd(r io.ReaderAt, size, maxHeader int64) (int64, bool, error) {
	limit := min(size, maxHeader)
	buf := make([]byte, max(0, min(32<<10, limit)))
	// prev holds the last bytes of the previous chunk, so that a blank
	// line split between chunks is seen.
	var prev []byte
	for off := int64(0); off < limit; {
		n := int(min(int64(len(buf)), limit-off))
		got, err := r.ReadAt(buf[:n], off)
		if got == 0 && err != nil {
			return 0, false, fmt.Errorf("%w: reading mail header: %w", ErrFormat, err)
		}
		chunk := buf[:got]
		if len(prev) > 0 {
			chunk = append(prev, chunk...)
		}
		base := off - int64(len(prev))
		i, l := bytes.Index(chunk, []byte("\n\n")), 2
		if j := bytes.Index(chunk, []byte("\n\r\n")); j >= 0 && (i < 0 || j < i) {
			i, l = j, 3
		}
		if i >= 0 {
			return base + int64(i+l), true, nil
		}
		prev = append([]byte(nil), chunk[max(0, len(chunk)-2):]...)
		off += int64(got)
	}
	return limit, false, nil
}

// mailWalker walks the MIME tree of a message.
type mailWalker struct {
	ctx       context.Context
	lim       Limits
	dec       *mime.WordDecoder
	parts     int
	plain     []string
	html      []string
	textBytes int64
	textCut   bool
	atts      []Attachment
	budget    *attachmentBudget
	warns     []error
	stopped   bool
}

func (w *mailWalker) warn(err error) { w.warns = append(w.warns, err) }

// walk handles one entity: a multipart is walked part by part, text goes
// to the body, anything else becomes an attachment.
func (w *mailWalker) walk(h textproto.MIMEHeader, body io.Reader, depth int) {
	if w.stopped || w.ctx.Err() != nil {
		return
	}
	w.parts++
	if w.parts > w.lim.MaxRecords {
		w.warn(fmt.Errorf("%w: more than %d MIME parts", ErrLimit, w.lim.MaxRecords))
		w.stopped = true
		return
	}
	ct := h.Get("Content-Type")
	mediaType, params := "text/plain", map[string]string{}
	if ct != "" {
		mt, p, err := mime.ParseMediaType(ct)
		if err != nil && mt == "" {
			w.warn(fmt.Errorf("%w: Content-Type %q: %w", ErrFormat, ct, err))
		} else {
			mediaType, params = mt, p
		}
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		if depth >= maxMailDepth {
			w.warn(fmt.Errorf("%w: multipart nested more than %d deep", ErrLimit, maxMailDepth))
			return
		}
		boundary := params["boundary"]
		if boundary == "" {
			w.warn(fmt.Errorf("%w: %s without boundary", ErrFormat, mediaType))
			return
		}
		mr := multipart.NewReader(newMailHeaderFolder(body, boundary), boundary)
		for !w.stopped {
			if w.ctx.Err() != nil {
				return
			}
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				w.warn(fmt.Errorf("%w: %s: %w", ErrFormat, mediaType, err))
				return
			}
			w.walk(p.Header, p, depth+1)
		}
		return
	}

	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	name = mailDecodeHeader(w.dec, name)
	isText := mediaType == "text/plain" || mediaType == "text/html"
	if isText && disp != "attachment" && name == "" {
		w.readText(h, body, mediaType, params["charset"])
		return
	}
	data, err := mailReadLimited(mailDecodeTransfer(h, body), w.lim.MaxRecordBytes)
	if err != nil {
		w.warn(fmt.Errorf("attachment %q: %w", name, err))
		if errors.Is(err, ErrLimit) {
			return
		}
	}
	if name == "" {
		name = "part-" + strconv.Itoa(w.parts)
		if mediaType == "message/rfc822" {
			name += ".eml"
		}
	}
	if err := w.budget.take(name, len(data)); err != nil {
		w.warn(err)
		return
	}
	w.atts = append(w.atts, Attachment{Name: name, Data: data})
}

// readText decodes a text part into the body.
func (w *mailWalker) readText(h textproto.MIMEHeader, body io.Reader, mediaType, charset string) {
	left := w.lim.MaxTextBytes - w.textBytes
	if left <= 0 {
		w.textCut = true
		return
	}
	// A part is read up to MaxRecordBytes, and decoded to at most what
	// is left of MaxTextBytes (HTML markup is stripped after).
	raw, err := mailReadLimited(mailDecodeTransfer(h, body), w.lim.MaxRecordBytes)
	if err != nil {
		w.warn(fmt.Errorf("text part: %w", err))
		if !errors.Is(err, ErrLimit) {
			return
		}
		w.textCut = true
	}
	s, err := mailDecodeCharset(charset, raw)
	if err != nil {
		w.warn(err)
	}
	if mediaType == "text/html" {
		var cut bool
		s, cut = htmlVisibleText(strings.NewReader(s), left)
		w.textCut = w.textCut || cut
		w.html = append(w.html, s)
	} else {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		if int64(len(s)) > left {
			s = CutText(s, left)
			w.textCut = true
		}
		w.plain = append(w.plain, s)
	}
	w.textBytes += int64(len(s))
}

// mailReadLimited reads r up to max bytes; a longer r returns an error
// wrapping ErrLimit and the first max bytes.
func mailReadLimited(r io.Reader, max int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return buf.Bytes(), fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if n > max {
		return buf.Bytes()[:max], fmt.Errorf("%w: part larger than %d bytes", ErrLimit, max)
	}
	return buf.Bytes(), nil
}

// mailDecodeTransfer undoes the Content-Transfer-Encoding of a part.
func mailDecodeTransfer(h textproto.MIMEHeader, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &mailBase64Cleaner{r: r})
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// mailBase64Cleaner drops the bytes a base64 body may hold besides its
// alphabet (spaces, stray characters): mail clients ignore them, and
// encoding/base64 only skips line ends.
type mailBase64Cleaner struct{ r io.Reader }

func (c *mailBase64Cleaner) Read(p []byte) (int, error) {
	for {
		n, err := c.r.Read(p)
		j := 0
		for _, b := range p[:n] {
			if b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/' || b == '=' {
				p[j] = b
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

// mailEncoding returns the decoder of a MIME charset name, nil for UTF-8
// and ASCII.
func mailEncoding(charset string) (encoding.Encoding, error) {
	cs := strings.ToLower(strings.Trim(strings.TrimSpace(charset), `"'`))
	switch cs {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "unknown-8bit", "x-unknown":
		return nil, nil
	case "cp932", "ms932", "windows-31j", "x-sjis", "sjis", "shift-jis":
		return japanese.ShiftJIS, nil
	case "iso-2022-jp-1", "iso-2022-jp-2", "iso-2022-jp-3", "iso-2022-jp-ms", "cp50220", "cp50221":
		return japanese.ISO2022JP, nil
	case "x-euc-jp", "eucjp", "eucjp-ms", "cp51932":
		return japanese.EUCJP, nil
	}
	if e, err := htmlindex.Get(cs); err == nil {
		return e, nil
	}
	if e, err := ianaindex.MIME.Encoding(cs); err == nil && e != nil {
		return e, nil
	}
	return nil, fmt.Errorf("%w: unknown charset %q", ErrFormat, charset)
}

// mailDecodeCharset converts b from charset to valid UTF-8. An unknown
// charset keeps valid UTF-8 and replaces the rest, with an error.
func mailDecodeCharset(charset string, b []byte) (string, error) {
	enc, err := mailEncoding(charset)
	if enc == nil {
		return strings.ToValidUTF8(string(b), "\uFFFD"), err
	}
	out, _, terr := transform.Bytes(enc.NewDecoder(), b)
	if terr != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD"), fmt.Errorf("%w: decoding %s: %w", ErrFormat, charset, terr)
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), nil
}

// mailWordDecoder decodes RFC 2047 encoded words in any charset
// mailEncoding knows.
func mailWordDecoder() *mime.WordDecoder {
	return &mime.WordDecoder{CharsetReader: func(charset string, input io.Reader) (io.Reader, error) {
		enc, err := mailEncoding(charset)
		if err != nil {
			return nil, err
		}
		if enc == nil {
			return input, nil
		}
		return transform.NewReader(input, enc.NewDecoder()), nil
	}}
}

// mailDecodeHeader decodes the encoded words of a header value, keeping
// the value as written when they are malformed, and always returns valid
// UTF-8.
func mailDecodeHeader(dec *mime.WordDecoder, v string) string {
	if s, err := dec.DecodeHeader(v); err == nil {
		v = s
	}
	return strings.TrimSpace(strings.ToValidUTF8(v, "\uFFFD"))
}

// mailAddresses parses address-list header values into "Name <addr>"
// strings, and returns the addresses alone beside them; values that do
// not parse are kept decoded as written, and give no address (Harvest
// finds what looks like one in them).
func mailAddresses(dec *mime.WordDecoder, values []string) (list, addrs []string) {
	p := mail.AddressParser{WordDecoder: dec}
	for _, v := range values {
		parsed, err := p.ParseList(v)
		if err != nil {
			if s := mailDecodeHeader(dec, v); s != "" {
				list = append(list, s)
			}
			continue
		}
		for _, a := range parsed {
			addrs = append(addrs, a.Address)
			name := strings.TrimSpace(strings.ToValidUTF8(a.Name, "\uFFFD"))
			if name == "" {
				list = append(list, a.Address)
			} else {
				list = append(list, name+" <"+a.Address+">")
			}
		}
	}
	return list, addrs
}

// mailReturnPath returns the address of the Return-Path header in raw:
// "<addr>", or none for the null path "<>" of bounces.
func mailReturnPath(raw map[string]any) []string {
	v, _ := raw["Return-Path"].(string)
	if a, err := mail.ParseAddress(v); err == nil {
		return []string{a.Address}
	}
	return nil
}

// mailMessageIDs returns the Message-IDs of the Message-ID, In-Reply-To
// and References values of raw: each "<…>" of a value, or, when it has
// no angle brackets, its words that hold an "@". Only the first
// maxHarvestValue bytes of a value are looked at, as Harvest scans no
// more of it: every address-like text Harvest meets in a value is known
// as a Message-ID's.
func mailMessageIDs(raw map[string]any) []string {
	var out []string
	add := func(id string) {
		if id = cleanMessageID(id); id != "" {
			out = append(out, id)
		}
	}
	for _, k := range mailIDHeaders {
		v, _ := raw[k].(string)
		v = CutText(v, maxHarvestValue)
		if strings.IndexByte(v, '<') < 0 {
			for _, f := range strings.Fields(v) {
				if strings.IndexByte(f, '@') > 0 {
					add(f)
				}
			}
			continue
		}
		for {
			i := strings.IndexByte(v, '<')
			if i < 0 {
				break
			}
			j := strings.IndexByte(v[i:], '>')
			if j < 0 {
				add(v[i+1:])
				break
			}
			add(v[i+1 : i+j])
			v = v[i+j+1:]
		}
	}
	return out
}

// mailReceivedHosts returns the hosts named after "from" and "by" in
// Received values, in order. Comments are kept out: "from mx.example.com
// (mx.example.com [192.0.2.1]) by mail.example.co.jp" gives
// mx.example.com then mail.example.co.jp.
func mailReceivedHosts(values []string) []string {
	var out []string
	for _, v := range values {
		if i := strings.LastIndexByte(v, ';'); i >= 0 {
			v = v[:i]
		}
		f := strings.Fields(v)
		for i := 0; i+1 < len(f); i++ {
			k := strings.ToLower(f[i])
			if k != "from" && k != "by" {
				continue
			}
			if h := mailCleanHost(f[i+1]); h != "" {
				out = append(out, h)
			}
		}
	}
	return out
}

// mailCleanHost returns s when it is a host name or an address literal, with
// the brackets of "[192.0.2.1]" removed; "" otherwise.
func mailCleanHost(s string) string {
	s = strings.TrimRight(s, ",;")
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	s = strings.TrimPrefix(s, "IPv6:")
	if s == "" || len(s) > 253 {
		return ""
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == ':' || r == '_') {
			return ""
		}
	}
	return s
}
