package docgen

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"mime"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// Charsets understood by EML.
const (
	CharsetUTF8      = "UTF-8"
	CharsetISO2022JP = "ISO-2022-JP"
)

// Attachment is a file attached to a message.
type Attachment struct {
	Name        string // file name; non-ASCII names are RFC 2231 encoded
	ContentType string // defaults to application/octet-stream
	Data        []byte
}

// EMLSpec describes an RFC 5322 message.
type EMLSpec struct {
	From      mail.Address
	To        []mail.Address
	Cc        []mail.Address
	Date      time.Time
	Subject   string
	MessageID string // without angle brackets, e.g. 20210412.1234@mail.example.co.jp
	InReplyTo string // without angle brackets; also written as References

	// Received holds the values of the Received headers, topmost (last
	// hop) first, as they appear in a delivered message.
	Received []string
	XMailer  string

	// Charset is CharsetUTF8 (the default) or CharsetISO2022JP. It applies
	// to the body and to encoded words in Subject and display names.
	Charset string
	Body    string // plain text; line ends are normalised to CRLF

	Attachments []Attachment // when present the message is multipart/mixed
}

// EML returns the bytes of a message built from spec, with CRLF line ends.
func EML(spec EMLSpec) ([]byte, error) {
	cs := strings.ToUpper(spec.Charset)
	if cs == "" {
		cs = CharsetUTF8
	}
	if cs != CharsetUTF8 && cs != CharsetISO2022JP {
		return nil, fmt.Errorf("eml: unsupported charset %q", spec.Charset)
	}
	if spec.From.Address == "" || len(spec.To) == 0 {
		return nil, fmt.Errorf("eml: From and To are required")
	}
	if spec.Date.IsZero() {
		return nil, fmt.Errorf("eml: Date is required")
	}

	var h bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&h, "%s: %s\r\n", k, v) }
	for _, r := range spec.Received {
		header("Received", foldReceived(r))
	}
	if spec.MessageID != "" {
		header("Message-ID", "<"+spec.MessageID+">")
	}
	if spec.InReplyTo != "" {
		header("In-Reply-To", "<"+spec.InReplyTo+">")
		header("References", "<"+spec.InReplyTo+">")
	}
	header("Date", spec.Date.Format(time.RFC1123Z))
	from, err := addrList(cs, []mail.Address{spec.From})
	if err != nil {
		return nil, err
	}
	header("From", from)
	to, err := addrList(cs, spec.To)
	if err != nil {
		return nil, err
	}
	header("To", to)
	if len(spec.Cc) > 0 {
		cc, err := addrList(cs, spec.Cc)
		if err != nil {
			return nil, err
		}
		header("Cc", cc)
	}
	subj, err := encodeWords(cs, spec.Subject)
	if err != nil {
		return nil, err
	}
	header("Subject", subj)
	if spec.XMailer != "" {
		header("X-Mailer", spec.XMailer)
	}
	header("MIME-Version", "1.0")

	body, cte, err := encodeBody(cs, spec.Body)
	if err != nil {
		return nil, err
	}
	textType := mime.FormatMediaType("text/plain", map[string]string{"charset": cs})
	if len(spec.Attachments) == 0 {
		header("Content-Type", textType)
		header("Content-Transfer-Encoding", cte)
		h.WriteString("\r\n")
		h.Write(body)
		return h.Bytes(), nil
	}

	// The boundary is derived from the content so that output is stable.
	sum := sha256.New()
	sum.Write(h.Bytes())
	sum.Write(body)
	for _, a := range spec.Attachments {
		sum.Write([]byte(a.Name))
		sum.Write(a.Data)
	}
	boundary := fmt.Sprintf("----=_Part_%X", sum.Sum(nil)[:12])
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": boundary}))
	h.WriteString("\r\nThis is a multi-part message in MIME format.\r\n")
	fmt.Fprintf(&h, "\r\n--%s\r\n", boundary)
	header("Content-Type", textType)
	header("Content-Transfer-Encoding", cte)
	h.WriteString("\r\n")
	h.Write(body)
	for _, a := range spec.Attachments {
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		fmt.Fprintf(&h, "\r\n--%s\r\n", boundary)
		header("Content-Type", mime.FormatMediaType(ct, map[string]string{"name": a.Name}))
		header("Content-Transfer-Encoding", "base64")
		header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
		h.WriteString("\r\n")
		enc := base64.StdEncoding.EncodeToString(a.Data)
		for len(enc) > 76 {
			h.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		if enc != "" {
			h.WriteString(enc + "\r\n")
		}
	}
	fmt.Fprintf(&h, "\r\n--%s--\r\n", boundary)
	return h.Bytes(), nil
}

// foldReceived folds a Received value before each "by", "with", "id" and
// "for" clause and before the date, as mail servers do.
func foldReceived(v string) string {
	for _, k := range []string{" by ", " with ", " id ", " for ", "; "} {
		if k == "; " {
			v = strings.Replace(v, k, ";\r\n\t", 1)
			continue
		}
		v = strings.Replace(v, k, "\r\n\t"+strings.TrimPrefix(k, " "), 1)
	}
	return v
}

// addrList renders addresses with encoded display names.
func addrList(cs string, as []mail.Address) (string, error) {
	out := make([]string, 0, len(as))
	for _, a := range as {
		if a.Name == "" {
			out = append(out, "<"+a.Address+">")
			continue
		}
		if isASCII(a.Name) {
			// mail.Address quotes the name when needed.
			out = append(out, a.String())
			continue
		}
		n, err := encodeWords(cs, a.Name)
		if err != nil {
			return "", err
		}
		out = append(out, n+" <"+a.Address+">")
	}
	return strings.Join(out, ",\r\n "), nil
}

// isASCII reports whether s holds only printable ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// encodeWords returns s as RFC 2047 "B" encoded words in charset cs, each
// word holding whole characters (and, for ISO-2022-JP, ending in ASCII
// mode), words folded onto continuation lines. ASCII text is returned as
// is.
func encodeWords(cs, s string) (string, error) {
	if isASCII(s) {
		return s, nil
	}
	const maxRaw = 39 // keeps every encoded word well under 75 characters
	var words []string
	var chunk []rune
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		raw, err := encodeCharset(cs, string(chunk))
		if err != nil {
			return err
		}
		words = append(words, "=?"+cs+"?B?"+base64.StdEncoding.EncodeToString(raw)+"?=")
		chunk = chunk[:0]
		return nil
	}
	for _, r := range s {
		next := append(append([]rune{}, chunk...), r)
		raw, err := encodeCharset(cs, string(next))
		if err != nil {
			return "", err
		}
		if len(raw) > maxRaw && len(chunk) > 0 {
			if err := flush(); err != nil {
				return "", err
			}
		}
		chunk = append(chunk, r)
	}
	if err := flush(); err != nil {
		return "", err
	}
	return strings.Join(words, "\r\n "), nil
}

// encodeCharset converts UTF-8 text to charset cs.
func encodeCharset(cs, s string) ([]byte, error) {
	if cs == CharsetUTF8 {
		if !utf8.ValidString(s) {
			return nil, fmt.Errorf("eml: invalid UTF-8 text")
		}
		return []byte(s), nil
	}
	out, _, err := transform.String(japanese.ISO2022JP.NewEncoder(), s)
	if err != nil {
		return nil, fmt.Errorf("eml: encode %s: %w", cs, err)
	}
	return []byte(out), nil
}

// encodeBody returns the body in charset cs with CRLF line ends, and the
// Content-Transfer-Encoding to declare. ISO-2022-JP is 7bit and encoded
// line by line so that every line ends in ASCII mode; UTF-8 is base64.
func encodeBody(cs, body string) ([]byte, string, error) {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	if cs == CharsetISO2022JP {
		var b bytes.Buffer
		for _, l := range lines {
			enc, err := encodeCharset(cs, l)
			if err != nil {
				return nil, "", err
			}
			b.Write(enc)
			b.WriteString("\r\n")
		}
		return b.Bytes(), "7bit", nil
	}
	raw := []byte(strings.Join(lines, "\r\n") + "\r\n")
	if isASCII(strings.Join(lines, "")) {
		return raw, "7bit", nil
	}
	enc := base64.StdEncoding.EncodeToString(raw)
	var b bytes.Buffer
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes(), "base64", nil
}
