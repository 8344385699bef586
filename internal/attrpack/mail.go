package attrpack

import (
	"crypto/sha256"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// addr is a mail address with a display name.
func addr(name, address string) mail.Address {
	return mail.Address{Name: name, Address: address}
}

// relay is one hop of a message's path: the host that handed it over, its
// address and the host that took it.
type relay struct {
	from, ip, by string
}

// receivedHeaders writes the Received values of a delivered message,
// topmost (last hop) first, each hop a few seconds after the previous one.
func receivedHeaders(sent time.Time, hops ...relay) []string {
	out := make([]string, len(hops))
	for i, h := range hops {
		t := sent.Add(time.Duration(len(hops)-i) * 3 * time.Second)
		id := fmt.Sprintf("%X", sha256.Sum256([]byte(h.from+h.by+t.String())))[:12]
		out[i] = fmt.Sprintf("from %s (%s [%s]) by %s with ESMTPS id %s; %s",
			h.from, h.from, h.ip, h.by, id, t.Format(time.RFC1123Z))
	}
	return out
}

// messageID makes a stable Message-ID under host.
func messageID(t time.Time, host, salt string) string {
	sum := sha256.Sum256([]byte(t.String() + salt))
	return fmt.Sprintf("%s.%X@%s", t.UTC().Format("20060102150405"), sum[:5], host)
}

// internalMail is a message from one person to colleagues in the same
// organisation, relayed by the organisation's own servers.
type internalMail struct {
	from     mail.Address
	to, cc   []mail.Address
	date     time.Time
	subject  string
	body     string
	charset  string
	mailer   string
	mbx, gw  string // mailbox server and gateway host names
	mbxIP    string
	inReply  string
	attached []docgen.Attachment
}

// spec turns m into an EML spec.
func (m internalMail) spec() docgen.EMLSpec {
	host := m.gw
	if i := strings.IndexByte(host, '.'); i >= 0 {
		host = host[i+1:]
	}
	mailer := m.mailer
	if mailer == "" {
		mailer = "Microsoft Outlook 16.0"
	}
	return docgen.EMLSpec{
		From:        m.from,
		To:          m.to,
		Cc:          m.cc,
		Date:        m.date,
		Subject:     m.subject,
		MessageID:   messageID(m.date, host, m.subject),
		InReplyTo:   m.inReply,
		Received:    receivedHeaders(m.date, relay{m.mbx, m.mbxIP, m.gw}),
		XMailer:     mailer,
		Charset:     m.charset,
		Body:        m.body,
		Attachments: m.attached,
	}
}
