package reusegen

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
)

// TextKind is "doc" (the body text of a document) or "csv" (a CSV file).
type TextKind string

// The kinds of text.
const (
	Doc TextKind = "doc"
	CSV TextKind = "csv"
)

// Text is one generated text: a document's body or a CSV file as bytes
// would be read from it, the Index-th of its template, with its half and
// role.
type Text struct {
	Kind     TextKind
	Template int
	Index    int
	Split    Split
	Role     Role
	Body     string
	// rows is the table of a CSV, kept for re-exports.
	rows [][]string
}

// Name identifies the text in reports.
func (t Text) Name() string { return fmt.Sprintf("%s-t%02d-%02d", t.Kind, t.Template, t.Index) }

// docTemplate is the frame of one kind of document: a title, section
// headings and the sentences only it uses; shared sentences are drawn too.
type docTemplate struct {
	title    string
	sections []string
	own      []string
}

// Sentence slots: {p} a person, {o} an organisation, {a} an amount, {d} a
// date, {t} a town, {x} a product, {s} a department, {i} an identifier.
var docTemplates = []docTemplate{
	{"Incident report", []string{"Summary", "Timeline", "Impact", "Actions"}, []string{
		"The incident was reported by {p} of {s} on {d}.",
		"Access to the {x} inventory share was lost for {a} minutes.",
		"Ticket {i} was raised and escalated to the {s} on-call engineer.",
		"Logs from the {t} data centre show repeated failed logins before {d}.",
		"{p} confirmed that no customer records left {o}."}},
	{"Supply agreement", []string{"Parties", "Scope", "Prices", "Term"}, []string{
		"This agreement is made on {d} between {o} and {o}.",
		"The supplier shall deliver each {x} to the {t} warehouse within {a} days.",
		"The unit price of the {x} is {a} and is fixed until {d}.",
		"Either party may end the agreement with notice to {p}.",
		"Order {i} is the first order placed under this agreement."}},
	{"Minutes of meeting", []string{"Attendees", "Discussion", "Decisions", "Next steps"}, []string{
		"{p} opened the meeting and welcomed {p} from {s}.",
		"The budget for the {x} project stands at {a}.",
		"{p} will circulate the revised plan for {t} by {d}.",
		"It was agreed to close item {i} and to reopen it if {o} objects.",
		"The next meeting is set for {d} in the {t} office."}},
	{"Salary review", []string{"Employee", "Assessment", "Proposal", "Approval"}, []string{
		"{p} joined {s} on {d} as employee {i}.",
		"The current annual salary is {a} and the proposed salary is {a}.",
		"{p} met every objective set for the {x} programme.",
		"The review was approved by {p}, head of {s}, on {d}.",
		"Payment of the new salary starts in the {t} payroll run of {d}."}},
	{"Customer complaint", []string{"Customer", "Complaint", "Investigation", "Resolution"}, []string{
		"{p} of {o} wrote on {d} about case {i}.",
		"The {x} delivered to {t} failed after {a} hours of use.",
		"{s} inspected the returned {x} and found a defect in the seal.",
		"A credit note of {a} was issued to {o} on {d}.",
		"{p} closed the case after speaking to the customer."}},
	{"IT access request", []string{"Requester", "Systems", "Justification", "Sign-off"}, []string{
		"{p} of {s} requests access to the {x} database.",
		"The account {i} is needed until {d} for the {t} migration.",
		"Read access to the {o} share is enough for this work.",
		"{p} approved the request on {d} with a limit of {a} records.",
		"The access will be reviewed by {s} every {a} days."}},
}

// shared are sentences any document may use.
var shared = []string{
	"Please contact {p} at {o} with any question.",
	"The figures above were checked by {s} on {d}.",
	"A copy of this note was sent to the {t} office.",
	"All amounts are in pounds and exclude tax, total {a}.",
	"Reference {i} must appear on every reply.",
	"The {x} stock at {t} was counted on {d}.",
	"{p} and {p} reviewed the draft before it was filed.",
	"This document is internal to {o} and must not be shared.",
	"The deadline of {d} cannot be moved.",
	"Costs for the quarter came to {a} against a plan of {a}.",
	"{s} will report progress to {p} every week.",
	"Further details are in the attached file {i}.",
}

// csvTemplate is the header of one kind of CSV and how a row is drawn.
type csvTemplate struct {
	header []string
	row    func(r *rng, p person, o orgName) []string
}

var csvTemplates = []csvTemplate{
	{[]string{"customer_id", "name", "email", "phone", "town", "balance"},
		func(r *rng, p person, o orgName) []string {
			return []string{p.ID, p.Name, p.Email, p.Phone, p.Town, money(p.Amount)}
		}},
	{[]string{"Employee", "Department", "Salary", "Start date", "Phone"},
		func(r *rng, p person, o orgName) []string {
			return []string{p.Name, p.Dept, fmt.Sprint(p.Amount), p.Date, p.Phone}
		}},
	{[]string{"order_no", "date", "product", "qty", "amount", "buyer"},
		func(r *rng, p person, o orgName) []string {
			return []string{fmt.Sprintf("PO-%07d", r.Intn(10000000)), p.Date, pick(r, products), fmt.Sprint(r.Between(1, 500)), money(p.Amount), p.Name}
		}},
	{[]string{"社員番号", "氏名", "所属", "メール", "入社日"},
		func(r *rng, p person, o orgName) []string {
			return []string{fmt.Sprintf("%06d", r.Intn(1000000)), p.Name, p.Dept, p.Email, p.Date}
		}},
	{[]string{"timestamp", "user", "host", "action", "bytes"},
		func(r *rng, p person, o orgName) []string {
			return []string{fmt.Sprintf("%sT%02d:%02d:%02dZ", p.Date, r.Intn(24), r.Intn(60), r.Intn(60)), p.Email,
				fmt.Sprintf("ws%04d.%s", r.Intn(10000), o.Domain), pick(r, []string{"login", "logout", "download", "upload", "delete"}), fmt.Sprint(r.Intn(5000000))}
		}},
	{[]string{"vendor", "company", "contact", "iban", "terms"},
		func(r *rng, p person, o orgName) []string {
			return []string{fmt.Sprintf("V%05d", r.Intn(100000)), pick(r, orgs).Name, p.Name,
				fmt.Sprintf("GB%02d TEST %04d %04d %04d %02d", r.Intn(100), r.Intn(10000), r.Intn(10000), r.Intn(10000), r.Intn(100)), fmt.Sprintf("NET %d", 15*r.Between(1, 6))}
		}},
}

// Texts returns every text of the set: PerTemplate documents per document
// template and PerTemplate CSVs per CSV template, with split and role
// dealt as for pages.
func Texts() []Text {
	var out []Text
	for t, tpl := range docTemplates {
		for i := range PerTemplate {
			r := newRNG(uint64(5000 + t*PerTemplate + i))
			out = append(out, Text{Kind: Doc, Template: t, Index: i, Split: split(i), Role: role(i), Body: document(r, tpl)})
		}
	}
	for t := range csvTemplates {
		for i := range PerTemplate {
			rows := tableRows(t, newRNG(uint64(9000+t*PerTemplate+i)))
			out = append(out, Text{Kind: CSV, Template: t, Index: i, Split: split(i), Role: role(i), Body: writeCSV(rows, ',', false, true), rows: rows})
		}
	}
	return out
}

// tableRows draws the rows of one CSV of template t with r: the header,
// then 20-120 records of one organisation.
func tableRows(t int, r *rng) [][]string {
	tpl := csvTemplates[t]
	o := orgs[r.Intn(len(orgs))]
	jp := t == 3
	rows := [][]string{tpl.header}
	for range r.Between(20, 120) {
		rows = append(rows, tpl.row(r, newPerson(r, o, jp), o))
	}
	return rows
}

// document draws the body text of one document of tpl: a title line,
// then each section's heading and a paragraph of 4-8 sentences, one
// sentence in two from the template's own and the rest from shared.
func document(r *rng, tpl docTemplate) string {
	o := orgs[r.Intn(len(orgs))]
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n", tpl.title, o.Name)
	for _, sec := range tpl.sections {
		b.WriteString(sec + "\n")
		var para []string
		for range r.Between(4, 8) {
			s := pick(r, shared)
			if r.Intn(2) == 0 {
				s = pick(r, tpl.own)
			}
			para = append(para, fill(r, s, o))
		}
		b.WriteString(strings.Join(para, " ") + "\n\n")
	}
	return b.String()
}

// fill replaces the slots of sentence s with drawn values.
func fill(r *rng, s string, o orgName) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 || i+2 >= len(s) {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		p := newPerson(r, o, false)
		switch s[i+1] {
		case 'p':
			b.WriteString(p.Name)
		case 'o':
			b.WriteString(pick(r, orgs).Name)
		case 'a':
			b.WriteString(fmt.Sprint(r.Between(2, 99999)))
		case 'd':
			b.WriteString(p.Date)
		case 't':
			b.WriteString(p.Town)
		case 'x':
			b.WriteString(pick(r, products))
		case 's':
			b.WriteString(p.Dept)
		case 'i':
			b.WriteString(p.ID)
		}
		s = s[i+3:]
	}
}

// writeCSV writes rows with separator sep, every field quoted when
// quoteAll, CRLF line ends when crlf.
func writeCSV(rows [][]string, sep rune, quoteAll, crlf bool) string {
	var buf bytes.Buffer
	if !quoteAll {
		w := csv.NewWriter(&buf)
		w.Comma = sep
		w.UseCRLF = crlf
		_ = w.WriteAll(rows) // writes to memory: cannot fail for valid sep
		return buf.String()
	}
	eol := "\n"
	if crlf {
		eol = "\r\n"
	}
	for _, row := range rows {
		for j, f := range row {
			if j > 0 {
				buf.WriteRune(sep)
			}
			buf.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		}
		buf.WriteString(eol)
	}
	return buf.String()
}

// TextTransform is a way a re-used text is re-published.
type TextTransform string

// The text transforms of the measurement.
const (
	Reflow    TextTransform = "reflow"    // document re-saved: lines re-wrapped at 60-90 columns, CRLF, doubled spaces
	Paged     TextTransform = "paged"     // document printed to PDF: wrapped, a running head and "Page N of M" every 40 lines
	QuoteAll  TextTransform = "quoteall"  // CSV re-exported with every field quoted, LF
	Semicolon TextTransform = "semicolon" // CSV re-exported with ';' between fields (European Excel)
	TabLF     TextTransform = "tab"       // CSV re-exported as tab-separated, LF
	Excel     TextTransform = "excel"     // CSV opened and saved by a spreadsheet: dates as DD/MM/YYYY, amounts unformatted, leading zeros lost
)

// TextTransforms returns the transforms of a kind of text.
func TextTransforms(k TextKind) []TextTransform {
	if k == Doc {
		return []TextTransform{Reflow, Paged}
	}
	return []TextTransform{QuoteAll, Semicolon, TabLF, Excel}
}

// TransformText applies tr to t with the random choices of stream.
func TransformText(t Text, tr TextTransform, stream uint64) (string, error) {
	r := newRNG(stream)
	switch tr {
	case QuoteAll, Semicolon, TabLF, Excel:
		if t.Kind != CSV {
			return "", fmt.Errorf("reusegen: %s applies to CSV, not %s", tr, t.Kind)
		}
		switch tr {
		case QuoteAll:
			return writeCSV(t.rows, ',', true, false), nil
		case Semicolon:
			return writeCSV(t.rows, ';', false, true), nil
		case TabLF:
			return writeCSV(t.rows, '\t', false, false), nil
		default:
			return writeCSV(spreadsheet(t.rows), ',', false, true), nil
		}
	case Reflow:
		lines := wrap(t.Body, r.Between(60, 90))
		for i := range lines {
			lines[i] = strings.ReplaceAll(lines[i], ". ", ".  ")
			if r.Intn(3) == 0 {
				lines[i] += " "
			}
		}
		return strings.Join(lines, "\r\n"), nil
	case Paged:
		lines := hyphenate(wrap(t.Body, r.Between(65, 80)), r)
		const perPage = 40
		pages := (len(lines) + perPage - 1) / perPage
		var b strings.Builder
		head := strings.SplitN(t.Body, "\n", 2)[0]
		for p := range pages {
			fmt.Fprintf(&b, "%s — confidential\n", head)
			for _, l := range lines[p*perPage : min((p+1)*perPage, len(lines))] {
				b.WriteString(l + "\n")
			}
			fmt.Fprintf(&b, "Page %d of %d\n\f", p+1, pages)
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("reusegen: unknown text transform %q", tr)
}

// wrap re-flows each paragraph of s to lines of at most width bytes
// (longer words stay whole), keeping blank lines between paragraphs.
func wrap(s string, width int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := words[0]
		for _, w := range words[1:] {
			if len(line)+1+len(w) > width {
				out = append(out, line)
				line = w
				continue
			}
			line += " " + w
		}
		out = append(out, line)
	}
	return out
}

// spreadsheet returns rows as a spreadsheet saves them after reading
// them: ISO dates (YYYY-MM-DD, alone or starting a timestamp) become
// DD/MM/YYYY, amounts written with thousands separators and ".00" become
// plain integers, and fields of digits only lose their leading zeros.
func spreadsheet(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, f := range row {
			out[i][j] = f
			if i == 0 {
				continue
			}
			switch {
			case len(f) >= 10 && f[4] == '-' && f[7] == '-' && isDigits(f[:4]+f[5:7]+f[8:10]):
				out[i][j] = f[8:10] + "/" + f[5:7] + "/" + f[:4] + f[10:]
			case strings.HasSuffix(f, ".00") && isDigits(strings.ReplaceAll(f[:len(f)-3], ",", "")):
				out[i][j] = strings.ReplaceAll(f[:len(f)-3], ",", "")
			case isDigits(f) && len(f) > 1:
				out[i][j] = strings.TrimLeft(f, "0")
				if out[i][j] == "" {
					out[i][j] = "0"
				}
			}
		}
	}
	return out
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// hyphenate splits, as text pulled out of a PDF shows it, the last word
// of one line in four that has a long enough next word: the first part
// stays with a hyphen, the rest starts the next line.
func hyphenate(lines []string, r *rng) []string {
	for i := 0; i+1 < len(lines); i++ {
		next := strings.Fields(lines[i+1])
		if len(next) == 0 || len(next[0]) < 7 || r.Intn(4) != 0 {
			continue
		}
		w := next[0]
		cut := len(w) / 2
		lines[i] += " " + w[:cut] + "-"
		lines[i+1] = w[cut:] + strings.TrimPrefix(lines[i+1], w)
	}
	return lines
}
