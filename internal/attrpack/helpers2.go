package attrpack

import (
	"fmt"
	"math/rand/v2"
	"net/mail"
	"strings"
	"time"

	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/docgen"
)

// The helpers of the second round: presentations, Outlook messages,
// mail from outside senders, and the neutral files (logs, exports) that
// make up most of a real dump.

// pptx adds a PowerPoint deck.
func (p *pack) pptx(name string, t time.Time, s docgen.PptxSpec) {
	b, err := docgen.Pptx(s)
	p.add(name, t, b, err)
}

// msg adds an Outlook message (.msg): the streams of docgen.MSG in a
// compound file.
func (p *pack) msg(name string, t time.Time, s docgen.MSGSpec) {
	if p.err != nil {
		return
	}
	streams, err := docgen.MSG(s)
	if err != nil {
		p.add(name, t, nil, err)
		return
	}
	cfb := make([]archivegen.CFBStream, len(streams))
	for i, st := range streams {
		cfb[i] = archivegen.CFBStream{Path: st.Path, Data: st.Data}
	}
	data, err := archivegen.CompoundFile(cfb)
	p.add(name, t, data, err)
}

// asMSG is the message of an EML spec as Outlook saves it once
// delivered: the same addresses, headers and body, delivered a few
// seconds after the last hop.
func asMSG(e docgen.EMLSpec) docgen.MSGSpec {
	return docgen.MSGSpec{
		From: e.From, To: e.To, Cc: e.Cc, Date: e.Date,
		Delivered: e.Date.Add(time.Duration(3*len(e.Received)+2) * time.Second),
		Subject:   e.Subject, MessageID: e.MessageID, Received: e.Received,
		XMailer: e.XMailer, Body: e.Body,
	}
}

// deck is a PowerPoint deck made on f's machines, like doc.
func (f firm) deck(author, editor int, title string, created, modified time.Time, template string, slides ...docgen.Slide) docgen.PptxSpec {
	return docgen.PptxSpec{
		Core:   docgen.CoreProps{Title: title, Creator: f.name(author), LastModifiedBy: f.name(editor), Created: created, Modified: modified},
		App:    docgen.AppProps{Company: f.company, Template: f.template(template)},
		Slides: slides,
	}
}

// slide is one slide.
func slide(title string, lines ...string) docgen.Slide {
	return docgen.Slide{Title: title, Lines: lines}
}

// outsider is a sender with no firm of ours: a customer writing from a
// free-mail or provider address, relayed by the provider's servers.
type outsider struct {
	name, address string
	mta, mtaIP    string // the provider's outgoing server
}

// to is a message from o to staff of g, delivered into g's mailbox.
func (o outsider) to(g firm, rcpt []int, t time.Time, subject, body string) docgen.EMLSpec {
	var to []mail.Address
	for _, i := range rcpt {
		to = append(to, g.addr(i))
	}
	host := o.address[strings.IndexByte(o.address, '@')+1:]
	return docgen.EMLSpec{
		From: addr(o.name, o.address), To: to, Date: t, Subject: subject,
		MessageID: messageID(t, host, subject+o.address),
		Received: receivedHeaders(t,
			relay{g.gw, g.mbxIP, g.mbx},
			relay{o.mta, o.mtaIP, g.gw}),
		Charset: docgen.CharsetUTF8, Body: body,
	}
}

// logLines writes n lines of a machine's log from start, one every step,
// each made by line from its index and a generator seeded by seed: the
// neutral bulk of a dump, naming no organisation.
func logLines(start time.Time, step time.Duration, n int, seed uint64, line func(i int, t time.Time, r *rand.Rand) string) string {
	r := rand.New(rand.NewPCG(csvSeed, seed))
	var b strings.Builder
	for i := range n {
		b.WriteString(line(i, start.Add(time.Duration(i)*step), r))
		b.WriteByte('\n')
	}
	return b.String()
}

// numberRows returns a header and n rows of figures with no names: the
// sensor readings, counts and amounts that most exports are made of.
func numberRows(header []string, n int, seed uint64, start time.Time, step time.Duration) [][]string {
	r := rand.New(rand.NewPCG(csvSeed, seed))
	rows := [][]string{header}
	for i := range n {
		row := []string{start.Add(time.Duration(i) * step).Format("2006-01-02 15:04")}
		for range len(header) - 1 {
			row = append(row, fmt.Sprint(r.IntN(10000)))
		}
		rows = append(rows, row)
	}
	return rows
}
