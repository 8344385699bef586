package meta

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net/mail"
	"net/textproto"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/richardlehane/mscfb"

	"github.com/proofpack/proofpack/evidence/identify"
)

// NewMSG returns the extractor of Outlook messages (.msg): OLE2 compound
// files holding the MAPI properties of a message, its recipients and its
// attachments.
//
// String properties are read from the __substg1.0_XXXXYYYY streams
// (UTF-16LE, or 8-bit in the message's code page: PR_MESSAGE_CODEPAGE,
// else PR_INTERNET_CPID, CP932 included), fixed-size ones (times, code
// pages, recipient types) from __properties_version1.0. The transport
// headers Outlook keeps (PR_TRANSPORT_MESSAGE_HEADERS) are read like the
// header block of an .eml.
//
// Raw keys for the fields a mail header also carries are those of
// NewEmail: From, To, Cc, Bcc (lists of "Name <addr>"), Subject, Date,
// Message-ID, In-Reply-To, Received, ReceivedHosts, X-Mailer,
// User-Agent, Organization, …; MAPI properties are named after their
// PR_ name in CamelCase: ClientSubmitTime, MessageDeliveryTime,
// CreationTime, LastModificationTime (FILETIMEs, in UTC), SenderName,
// SenderEmailAddress, SenderSmtpAddress, SentRepresentingName,
// SentRepresentingEmailAddress, SentRepresentingSmtpAddress, DisplayTo,
// DisplayCc, MessageClass, CodePage, InternetCodePage, plus Recipients
// (Name, Address, EmailAddress, Type) and Attachments (FileName,
// DisplayName, MimeType, Method, Size, LongPathName or PathName of an
// attachment by reference, Embedded and Subject of an attached message).
//
// Authors come from the sender ("Name <addr>", its SMTP address when the
// message has one), Title from the subject, Created from the Date header
// with its zone when transport headers exist and else from the submit
// time, Modified from PR_LAST_MODIFICATION_TIME, Software from X-Mailer
// or User-Agent, Organisation from the Organization header, Hosts from
// the Received chain, Emails from the address headers, the sender and
// the recipients (their SMTP and native addresses, Exchange's X.500
// names left out), MessageIDs from PR_INTERNET_MESSAGE_ID,
// PR_IN_REPLY_TO_ID and the References header. The body text is
// PR_BODY, or PR_HTML stripped to its visible text when there is no
// plain body (the compressed RTF body is not read).
//
// The top-level message's attachments are returned in Result.Attachments
// (Limits.MaxRecords of them, each at most Limits.MaxRecordBytes, all of
// them together at most the item's size); an embedded message is
// returned as a .msg file of its own, rebuilt from its storage, to be
// triaged in turn, with what it embeds kept down to maxMSGNesting levels.
func NewMSG() Extractor { return msgExtractor{} }

type msgExtractor struct{}

func (msgExtractor) Name() string    { return "msg" }
func (msgExtractor) Version() string { return "2" }

// mimeOutlook is the type identify gives Outlook messages.
const mimeOutlook = "application/vnd.ms-outlook"

// Accepts takes Outlook messages.
func (msgExtractor) Accepts(t identify.Type) bool { return t.MIME == mimeOutlook }

// Bounds of the MSG reader.
const (
	// maxMSGNesting bounds the storages kept below an embedded message
	// when it is rebuilt as a file of its own: each level is a message
	// attached to a message, and no real mail nests more than a few.
	maxMSGNesting = 4
	// maxMSGString bounds one string property other than the bodies and
	// the transport headers.
	maxMSGString = 1 << 20
)

// Names of the MSG storages and streams (MS-OXMSG 2.2).
const (
	msgPropsStream   = "__properties_version1.0"
	msgSubstgPrefix  = "__substg1.0_"
	msgRecipPrefix   = "__recip_version1.0_#"
	msgAttachPrefix  = "__attach_version1.0_#"
	msgEmbeddedStore = "__substg1.0_3701000D"
)

// Property types (MS-OXCDATA 2.11.1).
const (
	ptI2      = 0x0002
	ptLong    = 0x0003
	ptBoolean = 0x000B
	ptObject  = 0x000D
	ptI8      = 0x0014
	ptString8 = 0x001E
	ptUnicode = 0x001F
	ptSystime = 0x0040
	ptBinary  = 0x0102
)

// Property identifiers read.
const (
	pidSubject                  = 0x0037
	pidClientSubmitTime         = 0x0039
	pidSentRepresentingName     = 0x0042
	pidSentRepresentingEmail    = 0x0065
	pidTransportHeaders         = 0x007D
	pidMessageClass             = 0x001A
	pidRecipientType            = 0x0C15
	pidSenderName               = 0x0C1A
	pidSenderEmail              = 0x0C1F
	pidDisplayCc                = 0x0E03
	pidDisplayTo                = 0x0E04
	pidMessageDeliveryTime      = 0x0E06
	pidBody                     = 0x1000
	pidHTML                     = 0x1013
	pidInternetMessageID        = 0x1035
	pidInReplyTo                = 0x1042
	pidDisplayName              = 0x3001
	pidEmailAddress             = 0x3003
	pidCreationTime             = 0x3007
	pidLastModificationTime     = 0x3008
	pidAttachData               = 0x3701
	pidAttachFilename           = 0x3704
	pidAttachMethod             = 0x3705
	pidAttachPathname           = 0x3708
	pidAttachLongPathname       = 0x370D
	pidAttachLongFilename       = 0x3707
	pidAttachMimeTag            = 0x370E
	pidSmtpAddress              = 0x39FE
	pidInternetCodePage         = 0x3FDE
	pidMessageCodePage          = 0x3FFD
	pidSenderSmtpAddress        = 0x5D01
	pidSentRepresentingSmtpAddr = 0x5D02
)

// Header sizes of __properties_version1.0 (MS-OXMSG 2.4.1).
const (
	msgHeaderTop      = 32
	msgHeaderEmbedded = 24
	msgHeaderChild    = 8
)

// msgNode is one entry of the compound file, storages holding their
// children by name.
type msgNode struct {
	name string
	file *mscfb.File // nil for storages
	kids map[string]*msgNode
	// data is the stream once read: mscfb streams are read once.
	data []byte
	read bool
}

func (n *msgNode) sortedKids(prefix string) []*msgNode {
	var out []*msgNode
	for name, k := range n.kids {
		if strings.HasPrefix(name, prefix) {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// msgReader reads the properties of one compound file.
type msgReader struct {
	ctx    context.Context
	lim    Limits
	size   int64
	budget int64 // bytes of streams still allowed: all of them fit in the file
	atts   *attachmentBudget
	warns  []error
	// overBudget is set once the budget warning is given: it is given
	// once, not for every stream after it.
	overBudget bool
}

// errMSGBudget: the streams read add up to more than the file, which
// only streams sharing sectors can do.
var errMSGBudget = fmt.Errorf("%w: streams add up to more than the file", ErrFormat)

func (r *msgReader) warn(err error) {
	if errors.Is(err, errMSGBudget) {
		if r.overBudget {
			return
		}
		r.overBudget = true
	}
	r.warns = append(r.warns, err)
}

// msgStorage is a message, recipient or attachment storage with its
// fixed-size properties decoded.
type msgStorage struct {
	node  *msgNode
	props map[uint32][8]byte // by tag: id<<16 | type
	cp    int
}

func (msgExtractor) Extract(ctx context.Context, in Input, lim Limits) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("%w: msg: %v", ErrPanic, p)
		}
	}()
	lim = lim.WithDefaults()
	doc, err := openCFB(in.R, in.Size)
	if err != nil {
		return nil, err
	}
	r := &msgReader{ctx: ctx, lim: lim, size: in.Size, budget: in.Size, atts: newAttachmentBudget(lim)}
	root, err := r.tree(doc)
	if err != nil {
		return nil, err
	}
	if root.kids[msgPropsStream] == nil && len(root.sortedKids(msgSubstgPrefix)) == 0 {
		return nil, fmt.Errorf("%w: no MAPI property in the compound file", ErrFormat)
	}
	res = &Result{}
	msg := r.storage(root, msgHeaderTop, 0)
	raw := map[string]any{}
	r.readMessage(msg, raw, res)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.Metadata.Raw = raw
	res.Warnings = append(res.Warnings, r.warns...)
	return res, nil
}

// tree builds the storage tree of doc from the paths mscfb gives.
func (r *msgReader) tree(doc *mscfb.Reader) (*msgNode, error) {
	root := &msgNode{kids: map[string]*msgNode{}}
	deep := false
	err := walkCFB(r.ctx, doc, func(f *mscfb.File) error {
		// A message at nesting n sits 2n storages deep (attachment,
		// then embedded message); deeper entries are never read.
		if len(f.Path) > 2*(maxMSGNesting+1)+1 {
			deep = true
			return nil
		}
		n := root
		for _, p := range f.Path {
			k := n.kids[p]
			if k == nil {
				k = &msgNode{name: p, kids: map[string]*msgNode{}}
				n.kids[p] = k
			}
			if k.kids == nil {
				return nil // a stream used as a storage
			}
			n = k
		}
		if n.kids[f.Name] != nil {
			return nil // the first entry of a name wins
		}
		k := &msgNode{name: f.Name}
		if f.FileInfo().IsDir() {
			k.kids = map[string]*msgNode{}
		} else {
			k.file = f
		}
		n.kids[f.Name] = k
		return nil
	})
	if err != nil {
		if ctxErr := r.ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		if errors.Is(err, ErrPanic) {
			return nil, err
		}
		r.warn(err)
	}
	if deep {
		r.warn(fmt.Errorf("%w: messages embedded more than %d deep not read", ErrLimit, maxMSGNesting))
	}
	return root, nil
}

// stream reads the stream n, at most max bytes and within the budget of
// the whole file.
func (r *msgReader) stream(n *msgNode, max int64) ([]byte, error) {
	if n == nil || n.file == nil {
		return nil, nil
	}
	size := n.file.Size
	if n.read {
		if int64(len(n.data)) > max {
			return nil, fmt.Errorf("%w: stream %s of %d bytes, over %d", ErrLimit, n.name, size, max)
		}
		return n.data, nil
	}
	switch {
	case size > r.size:
		return nil, fmt.Errorf("%w: stream %s declares %d bytes in a file of %d", ErrFormat, n.name, size, r.size)
	case size > max:
		return nil, fmt.Errorf("%w: stream %s of %d bytes, over %d", ErrLimit, n.name, size, max)
	case size > r.budget:
		return nil, fmt.Errorf("%w's %d bytes", errMSGBudget, r.size)
	}
	b, err := readCFBStream(n.file, max)
	r.budget -= int64(len(b))
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", n.name, err)
	}
	n.data, n.read = b, true
	return b, nil
}

// storage decodes the fixed-size properties of a storage whose property
// stream has a header of header bytes. cp is the code page inherited
// from the message, used when the storage names none.
func (r *msgReader) storage(n *msgNode, header, cp int) *msgStorage {
	s := &msgStorage{node: n, props: map[uint32][8]byte{}, cp: cp}
	ps := n.kids[msgPropsStream]
	if ps == nil || ps.file == nil {
		return s
	}
	b, err := r.stream(ps, min(r.lim.MaxRecordBytes, int64(header)+16*int64(r.lim.MaxRecords)+16))
	if err != nil {
		r.warn(err)
		if !errors.Is(err, ErrLimit) {
			return s
		}
	}
	if len(b) < header {
		if len(b) > 0 || ps.file.Size > 0 {
			r.warn(fmt.Errorf("%w: property stream of %d bytes", ErrFormat, len(b)))
		}
		return s
	}
	body := b[header:]
	if len(body)%16 != 0 {
		r.warn(fmt.Errorf("%w: property stream of %d bytes is not a whole number of entries", ErrFormat, len(b)))
	}
	count := len(body) / 16
	if count > r.lim.MaxRecords {
		r.warn(fmt.Errorf("%w: %d properties, %d read", ErrLimit, count, r.lim.MaxRecords))
		count = r.lim.MaxRecords
	}
	for i := 0; i < count; i++ {
		e := body[16*i:]
		tag := binary.LittleEndian.Uint32(e)
		var v [8]byte
		copy(v[:], e[8:16])
		if _, dup := s.props[tag]; !dup {
			s.props[tag] = v
		}
	}
	if header == msgHeaderTop || header == msgHeaderEmbedded {
		if v, ok := s.long(pidMessageCodePage); ok && v > 0 {
			s.cp = int(v)
		} else if v, ok := s.long(pidInternetCodePage); ok && v > 0 {
			s.cp = int(v)
		}
		s.checkCounts(r, b)
	}
	return s
}

// checkCounts compares the recipient and attachment counts of a message
// header with the storages present.
func (s *msgStorage) checkCounts(r *msgReader, b []byte) {
	recips := uint64(binary.LittleEndian.Uint32(b[16:20]))
	atts := uint64(binary.LittleEndian.Uint32(b[20:24]))
	if n := uint64(len(s.node.sortedKids(msgRecipPrefix))); recips > n {
		r.warn(fmt.Errorf("%w: header declares %d recipients, %d found", ErrFormat, recips, n))
	}
	if n := uint64(len(s.node.sortedKids(msgAttachPrefix))); atts > n {
		r.warn(fmt.Errorf("%w: header declares %d attachments, %d found", ErrFormat, atts, n))
	}
}

// long returns a PT_LONG property.
func (s *msgStorage) long(id uint16) (int64, bool) {
	v, ok := s.props[uint32(id)<<16|ptLong]
	if !ok {
		return 0, false
	}
	return int64(int32(binary.LittleEndian.Uint32(v[:]))), true
}

// time returns a PT_SYSTIME property as an RFC 3339 UTC time, "" when
// absent or zero.
func (s *msgStorage) time(id uint16) string {
	v, ok := s.props[uint32(id)<<16|ptSystime]
	if !ok {
		return ""
	}
	ft := oleFiletime(binary.LittleEndian.Uint64(v[:]))
	if ft == 0 {
		return ""
	}
	t, err := ft.time()
	if err != nil {
		return ""
	}
	return FormatTime(t, true)
}

// substg returns the stream of property id with one of the given types,
// and the type found.
func (s *msgStorage) substg(id uint16, types ...uint16) (*msgNode, uint16) {
	for _, t := range types {
		if n := s.node.kids[fmt.Sprintf("%s%04X%04X", msgSubstgPrefix, id, t)]; n != nil && n.file != nil {
			return n, t
		}
	}
	return nil, 0
}

// text reads the string property id, decoded to UTF-8, at most max bytes
// of stream.
func (r *msgReader) text(s *msgStorage, id uint16, max int64) string {
	n, t := s.substg(id, ptUnicode, ptString8)
	if n == nil {
		return ""
	}
	b, err := r.stream(n, max)
	if err != nil {
		r.warn(err)
		return ""
	}
	cp := s.cp
	if t == ptUnicode {
		cp = 1200
	}
	return oleDecodeCodePage(cp, b)
}

// str reads a short string property, trimmed.
func (r *msgReader) str(s *msgStorage, id uint16) string {
	return strings.TrimSpace(r.text(s, id, min(r.lim.MaxRecordBytes, maxMSGString)))
}

// msgAddress writes a name and an address as NewEmail does.
func msgAddress(name, addr string) string {
	name, addr = strings.TrimSpace(name), strings.TrimSpace(addr)
	switch {
	case addr == "":
		return name
	case name == "" || name == addr:
		return addr
	}
	return name + " <" + addr + ">"
}

// readMessage reads the top-level message s into raw and res.
func (r *msgReader) readMessage(s *msgStorage, raw map[string]any, res *Result) {
	m := &res.Metadata
	set := func(k, v string) {
		if v != "" {
			raw[k] = v
		}
	}
	// The transport headers first: MAPI properties then override the
	// fields both hold.
	if hs := r.text(s, pidTransportHeaders, r.lim.MaxRecordBytes); strings.TrimSpace(hs) != "" {
		r.readHeaders(hs, raw, m)
	}
	subject := r.str(s, pidSubject)
	set("Subject", subject)
	set("MessageClass", r.str(s, pidMessageClass))
	if cp, ok := s.long(pidMessageCodePage); ok {
		raw["CodePage"] = cp
	}
	if cp, ok := s.long(pidInternetCodePage); ok {
		raw["InternetCodePage"] = cp
	}
	if s.cp != 0 && !oleKnownCodePage(s.cp) {
		r.warn(fmt.Errorf("%w: unknown code page %d, 8-bit strings read as windows-1252", ErrFormat, s.cp))
	}
	set("Message-ID", r.str(s, pidInternetMessageID))
	set("In-Reply-To", r.str(s, pidInReplyTo))
	set("DisplayTo", r.str(s, pidDisplayTo))
	set("DisplayCc", r.str(s, pidDisplayCc))
	for _, f := range []struct {
		key string
		id  uint16
	}{
		{"ClientSubmitTime", pidClientSubmitTime}, {"MessageDeliveryTime", pidMessageDeliveryTime},
		{"CreationTime", pidCreationTime}, {"LastModificationTime", pidLastModificationTime},
	} {
		set(f.key, s.time(f.id))
	}

	senderName, senderEmail, senderSMTP := r.str(s, pidSenderName), r.str(s, pidSenderEmail), r.str(s, pidSenderSmtpAddress)
	set("SenderName", senderName)
	set("SenderEmailAddress", senderEmail)
	set("SenderSmtpAddress", senderSMTP)
	repName, repEmail, repSMTP := r.str(s, pidSentRepresentingName), r.str(s, pidSentRepresentingEmail), r.str(s, pidSentRepresentingSmtpAddr)
	set("SentRepresentingName", repName)
	set("SentRepresentingEmailAddress", repEmail)
	set("SentRepresentingSmtpAddress", repSMTP)
	if from := msgSender(senderName, senderEmail, senderSMTP); from != "" {
		raw["From"] = []string{from}
	} else if from := msgSender(repName, repEmail, repSMTP); from != "" {
		raw["From"] = []string{from}
	}
	if from, ok := raw["From"].([]string); ok {
		m.Authors = from
	}
	// Native addresses that are not SMTP ones (Exchange X.500 names) are
	// left out.
	m.Emails = appendEmails(m.Emails, senderSMTP, senderEmail, repSMTP, repEmail)

	m.Emails = appendEmails(m.Emails, r.readRecipients(s, raw)...)
	m.MessageIDs = mailMessageIDs(raw)
	r.readAttachments(s, raw, res)
	r.readBody(s, res)

	m.Title, _ = raw["Subject"].(string)
	if m.Created == "" {
		m.Created, _ = raw["ClientSubmitTime"].(string)
	}
	m.Modified, _ = raw["LastModificationTime"].(string)
}

// msgSender returns "Name <addr>" for a sender, preferring the SMTP
// address to the native one (an Exchange X.500 name when the sender is
// internal to an Exchange organisation).
func msgSender(name, email, smtp string) string {
	addr := smtp
	if addr == "" {
		addr = email
	}
	return msgAddress(name, addr)
}

// msgExchangeHeaderLine is the first line of the transport headers that
// Exchange and Outlook wrote in the 1990s.
const msgExchangeHeaderLine = "Microsoft Mail Internet Headers Version 2.0"

// readHeaders reads the transport headers as NewEmail reads a header
// block.
func (r *msgReader) readHeaders(hs string, raw map[string]any, m *Metadata) {
	hs = strings.TrimLeft(hs, "\r\n")
	// Exchange opens the block with a line of its own, not a header.
	hs = strings.TrimPrefix(hs, msgExchangeHeaderLine)
	hs = strings.TrimLeft(hs, "\r\n")
	msg, err := mail.ReadMessage(strings.NewReader(hs + "\r\n\r\n"))
	if err != nil {
		r.warn(fmt.Errorf("%w: transport headers: %w", ErrFormat, err))
		return
	}
	h := msg.Header
	dec := mailWordDecoder()
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
	if v := h.Get("Date"); v != "" {
		raw["Date"] = v
		if t, err := mail.ParseDate(v); err == nil {
			m.Created = FormatTime(t, true)
			_, off := t.Zone()
			m.TZOffset = FormatOffset(off)
			raw["Date"] = m.Created
		} else {
			r.warn(fmt.Errorf("%w: Date %q: %w", ErrFormat, v, err))
		}
	}
	if rcv := h["Received"]; len(rcv) > 0 {
		raw["Received"] = append([]string(nil), rcv...)
		if hosts := mailReceivedHosts(rcv); len(hosts) > 0 {
			raw["ReceivedHosts"] = hosts
			for _, host := range hosts {
				if strings.IndexFunc(host, unicode.IsLetter) >= 0 {
					m.Hosts = append(m.Hosts, host)
				}
			}
		}
	}
	m.Organisation, _ = raw["Organization"].(string)
	if s, _ := raw["X-Mailer"].(string); s != "" {
		m.Software = s
	} else {
		m.Software, _ = raw["User-Agent"].(string)
	}
}

// Recipient types of PR_RECIPIENT_TYPE.
var msgRecipientTypes = map[int64]string{1: "To", 2: "Cc", 3: "Bcc"}

// readRecipients reads the recipient storages into Recipients, and into
// To, Cc and Bcc in place of the transport headers' lists. It returns the
// recipients' addresses, SMTP and native.
func (r *msgReader) readRecipients(s *msgStorage, raw map[string]any) (addrs []string) {
	var list []any
	lists := map[string][]string{}
	for i, n := range s.node.sortedKids(msgRecipPrefix) {
		if r.ctx.Err() != nil {
			return
		}
		if i >= r.lim.MaxRecords {
			r.warn(fmt.Errorf("%w: more than %d recipients", ErrLimit, r.lim.MaxRecords))
			break
		}
		if n.kids == nil {
			continue
		}
		rs := r.storage(n, msgHeaderChild, s.cp)
		name, smtp, email := r.str(rs, pidDisplayName), r.str(rs, pidSmtpAddress), r.str(rs, pidEmailAddress)
		rec := map[string]any{}
		if name != "" {
			rec["Name"] = name
		}
		addr := smtp
		if addr == "" {
			addr = email
		}
		if addr != "" {
			rec["Address"] = addr
			addrs = append(addrs, addr)
		}
		if email != "" && email != addr {
			rec["EmailAddress"] = email
			addrs = append(addrs, email)
		}
		typ, ok := rs.long(pidRecipientType)
		kind := msgRecipientTypes[typ&0xF]
		if ok {
			rec["Type"] = kind
			if kind == "" {
				rec["Type"] = typ
			}
		}
		if len(rec) == 0 {
			continue
		}
		list = append(list, rec)
		if kind != "" {
			if a := msgAddress(name, addr); a != "" {
				lists[kind] = append(lists[kind], a)
			}
		}
	}
	if len(list) > 0 {
		raw["Recipients"] = list
	}
	for k, v := range lists {
		raw[k] = v
	}
	return addrs
}

// readAttachments reads the attachment storages of the top-level message
// into Result.Attachments and the Attachments raw key.
func (r *msgReader) readAttachments(s *msgStorage, raw map[string]any, res *Result) {
	var list []any
	for i, n := range s.node.sortedKids(msgAttachPrefix) {
		if r.ctx.Err() != nil {
			return
		}
		if i >= r.lim.MaxRecords {
			r.warn(fmt.Errorf("%w: more than %d attachments", ErrLimit, r.lim.MaxRecords))
			break
		}
		if n.kids == nil {
			continue
		}
		as := r.storage(n, msgHeaderChild, s.cp)
		name := r.str(as, pidAttachLongFilename)
		if name == "" {
			name = r.str(as, pidAttachFilename)
		}
		display := r.str(as, pidDisplayName)
		rec := map[string]any{}
		if name != "" {
			rec["FileName"] = name
		}
		if display != "" {
			rec["DisplayName"] = display
		}
		if mt := r.str(as, pidAttachMimeTag); mt != "" {
			rec["MimeType"] = mt
		}
		if m, ok := as.long(pidAttachMethod); ok {
			rec["Method"] = m
		}
		// Attachments by reference name the file they point to, often
		// on a share.
		if p := r.str(as, pidAttachLongPathname); p != "" {
			rec["LongPathName"] = p
		} else if p := r.str(as, pidAttachPathname); p != "" {
			rec["PathName"] = p
		}
		var data []byte
		ok := false
		if emb := n.kids[msgEmbeddedStore]; emb != nil && emb.kids != nil {
			rec["Embedded"] = true
			es := r.storage(emb, msgHeaderEmbedded, s.cp)
			subject := r.str(es, pidSubject)
			if subject != "" {
				rec["Subject"] = subject
			}
			if name == "" {
				name = display
			}
			if name == "" {
				name = subject
			}
			if name == "" {
				name = "message-" + strconv.Itoa(i+1)
			}
			if !strings.HasSuffix(strings.ToLower(name), ".msg") {
				name += ".msg"
			}
			var err error
			data, err = r.rebuild(emb)
			if err != nil {
				r.warn(fmt.Errorf("attachment %q: %w", name, err))
			} else {
				ok = true
			}
		} else if st, _ := as.substg(pidAttachData, ptBinary); st != nil {
			var err error
			data, err = r.stream(st, r.lim.MaxRecordBytes)
			if err != nil {
				r.warn(fmt.Errorf("attachment %q: %w", name, err))
			} else {
				ok = true
			}
			rec["Size"] = st.file.Size
		}
		list = append(list, rec)
		if !ok {
			continue
		}
		if name == "" {
			name = display
		}
		if name == "" {
			name = "attachment-" + strconv.Itoa(i+1)
		}
		if err := r.atts.take(name, len(data)); err != nil {
			r.warn(err)
			continue
		}
		res.Attachments = append(res.Attachments, Attachment{Name: msgCleanName(name), Data: data})
	}
	if len(list) > 0 {
		raw["Attachments"] = list
	}
}

// msgCleanName drops control characters and path separators from an
// attachment name.
func msgCleanName(s string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsControl(c) || c == '/' || c == '\\' {
			return '_'
		}
		return c
	}, s)
}

// readBody reads PR_BODY, or PR_HTML stripped to its text.
func (r *msgReader) readBody(s *msgStorage, res *Result) {
	text := r.text(s, pidBody, r.lim.MaxRecordBytes)
	if strings.TrimSpace(text) == "" {
		text = ""
		if n, t := s.substg(pidHTML, ptBinary, ptUnicode, ptString8); n != nil {
			b, err := r.stream(n, r.lim.MaxRecordBytes)
			if err != nil {
				r.warn(fmt.Errorf("HTML body: %w", err))
			}
			cp := s.cp
			if c, ok := s.long(pidInternetCodePage); ok && c > 0 {
				cp = int(c)
			}
			if t == ptUnicode {
				cp = 1200
			}
			var cut bool
			text, cut = htmlVisibleText(strings.NewReader(oleDecodeCodePage(cp, b)), r.lim.MaxTextBytes)
			res.TextTruncated = cut
		}
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if int64(len(text)) > r.lim.MaxTextBytes {
		text = CutText(text, r.lim.MaxTextBytes)
		res.TextTruncated = true
	}
	res.Text = text
}
