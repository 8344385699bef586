package meta

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/proofpack/proofpack/evidence/identify"
)

// Metadata is the normalised view of what a file says about itself,
// filled from whichever record has each field. It is the "metadata" object
// of the report; Raw keeps the records as read, one key per extractor.
type Metadata struct {
	// Authors are the people who made the file: EXIF Artist, document
	// creator, PDF Author, mail From.
	Authors []string `json:"authors,omitempty"`
	// LastModifiedBy is the last person who saved the file.
	LastModifiedBy string `json:"last_modified_by,omitempty"`
	// Organisation is the company the file says it belongs to (OOXML
	// Company, OLE2 Company, EXIF Copyright holder when it names one).
	Organisation string `json:"organisation,omitempty"`
	// Software is the program that made the file.
	Software string `json:"software,omitempty"`
	// Created and Modified are RFC 3339 times, with offset when the record
	// has one, without when it does not (see FormatTime).
	Created  string `json:"created,omitempty"`
	Modified string `json:"modified,omitempty"`
	Title    string `json:"title,omitempty"`
	// Hosts are host names and domains, lower-case, without port or
	// user: of the Received chain of mail, of links, URLs and UNC paths,
	// and the domains of Emails. Emails are e-mail addresses
	// (local@domain, display names dropped, the domain lower-cased).
	// MessageIDs are the Message-ID, In-Reply-To and References values of
	// mail, without angle brackets; they are never in Emails, and their
	// right-hand side is in Hosts only when something else names it.
	// URLs are absolute http, https, ftp, file and smb URLs as written.
	// Paths are UNC, home-directory and other file-system paths. Harvest
	// fills them from every value; each is unique, in the order first
	// seen, and cut at 1000 entries, saying so.
	Hosts      []string `json:"hosts,omitempty"`
	Emails     []string `json:"emails,omitempty"`
	MessageIDs []string `json:"message_ids,omitempty"`
	URLs       []string `json:"urls,omitempty"`
	Paths      []string `json:"paths,omitempty"`
	GPS        *GPS     `json:"gps,omitempty"`
	// Camera is make and model of the device that took a photo.
	Camera string `json:"camera,omitempty"`
	// TZOffset is the zone offset the file's own times carry, "+09:00".
	TZOffset string `json:"tz_offset,omitempty"`
	// Raw holds each extractor's records, under the extractor's name.
	Raw map[string]any `json:"raw,omitempty"`
}

// GPS is a position in decimal degrees, with altitude in metres when known.
type GPS struct {
	Lat float64  `json:"lat"`
	Lon float64  `json:"lon"`
	Alt *float64 `json:"alt,omitempty"`
}

// IsZero reports whether no field is set.
func (m *Metadata) IsZero() bool {
	return len(m.Authors) == 0 && m.LastModifiedBy == "" && m.Organisation == "" && m.Software == "" &&
		m.Created == "" && m.Modified == "" && m.Title == "" && len(m.Hosts) == 0 && len(m.Emails) == 0 &&
		len(m.MessageIDs) == 0 && len(m.URLs) == 0 && len(m.Paths) == 0 &&
		m.GPS == nil && m.Camera == "" && m.TZOffset == "" && len(m.Raw) == 0
}

// Input is one item to read. Extractors read R with random access and
// must not read past Size.
type Input struct {
	// Name is the item's display path, for messages only.
	Name string
	// Type is the item's true type from package identify.
	Type identify.Type
	R    io.ReaderAt
	Size int64
}

// Result is what one or more extractors found in an item.
type Result struct {
	Metadata Metadata
	// Text is the body text of documents, mail and HTML, for the
	// attribution stage, cut at Limits.MaxTextBytes.
	Text          string
	TextTruncated bool
	// Attachments are files embedded in the item (mail attachments), to be
	// triaged as items of their own.
	Attachments []Attachment
	// Warnings are what is odd but not fatal (a malformed tag skipped, a
	// limit reached); each wraps one of this package's sentinel errors.
	Warnings []error
}

// Attachment is a file embedded in an item.
type Attachment struct {
	Name string
	Data []byte
}

// Extractor reads the metadata of the formats it accepts. Implementations
// must bound their work by Limits, check ctx between records, and never
// keep In.R after Extract returns.
type Extractor interface {
	// Name is a short stable name ("exif", "ooxml"); Raw uses it as key.
	Name() string
	// Version changes when the extractor's output changes.
	Version() string
	// Accepts reports whether the extractor reads items of type t.
	Accepts(t identify.Type) bool
	// Extract reads in. A nil Result with an error means nothing could be
	// read; a Result with Warnings means part of it could.
	Extract(ctx context.Context, in Input, lim Limits) (*Result, error)
}

// Errors extractors report; each extractor's errors wrap one of them.
var (
	// ErrFormat: the record is malformed.
	ErrFormat = errors.New("meta: malformed metadata")
	// ErrEncrypted: the file is encrypted and its metadata cannot be read.
	ErrEncrypted = errors.New("meta: encrypted")
	// ErrLimit: a Limits value was reached; part of the records were read.
	ErrLimit = errors.New("meta: limit reached")
	// ErrPanic: an extractor or the library it uses panicked; recovered.
	ErrPanic = errors.New("meta: extractor panic")
	// ErrDTD: an XML part of an office package holds a document type
	// declaration (<!DOCTYPE …>, <!ENTITY …>). The Open Packaging
	// Conventions forbid one, Office and LibreOffice never write one, and
	// it is how entity bombs ("billion laughs") and external entities are
	// built: the part is refused, unread, and the rest of the package is
	// read. It wraps ErrFormat.
	ErrDTD = fmt.Errorf("%w: XML document type declaration refused", ErrFormat)
	// ErrNoRecord: the file is well formed but holds no record of the
	// extractor's kind (a PNG without EXIF). Run drops it silently: an
	// absent record is not a problem.
	ErrNoRecord = errors.New("meta: no record")
)

// Limits bounds the work of the extractors on one item. Zero fields take
// their defaults, never "unlimited".
type Limits struct {
	// MaxTextBytes caps the body text kept per item. Default 1 MiB: enough
	// for attribution, small enough for a report of thousands of items.
	MaxTextBytes int64
	// MaxRecordBytes caps one record read into memory: an XML part, an
	// EXIF segment, a PDF object stream, a mail part. Default 16 MiB.
	MaxRecordBytes int64
	// MaxRecords caps tags, properties, objects or parts read per item.
	// Default 10 000.
	MaxRecords int
	// MaxAttachmentBytes caps the bytes of the files embedded in one item
	// (mail attachments) that are kept in memory for triage. Each is also
	// capped by MaxRecordBytes. Default 64 MiB: without it a 2 GiB mail
	// would be held in memory whole.
	MaxAttachmentBytes int64
}

// Defaults of Limits.
const (
	DefaultMaxTextBytes   int64 = 1 << 20
	DefaultMaxRecordBytes int64 = 16 << 20
	DefaultMaxRecords     int   = 10_000
	// DefaultMaxAttachmentBytes is the default of Limits.MaxAttachmentBytes.
	DefaultMaxAttachmentBytes int64 = 64 << 20
)

// WithDefaults returns l with zero or negative fields set to their defaults.
func (l Limits) WithDefaults() Limits {
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = DefaultMaxTextBytes
	}
	if l.MaxRecordBytes <= 0 {
		l.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if l.MaxRecords <= 0 {
		l.MaxRecords = DefaultMaxRecords
	}
	if l.MaxAttachmentBytes <= 0 {
		l.MaxAttachmentBytes = DefaultMaxAttachmentBytes
	}
	return l
}

// attachmentBudget keeps the files embedded in one item within
// Limits.MaxAttachmentBytes.
type attachmentBudget struct{ left, max int64 }

func newAttachmentBudget(lim Limits) *attachmentBudget {
	m := lim.WithDefaults().MaxAttachmentBytes
	return &attachmentBudget{left: m, max: m}
}

// take reserves n bytes for one attachment. It returns an error wrapping
// ErrLimit, and reserves nothing, when they do not fit.
func (b *attachmentBudget) take(name string, n int) error {
	if int64(n) > b.left {
		return fmt.Errorf("%w: attachment %q (%d bytes) is past the %d bytes of attachments kept per item",
			ErrLimit, name, n, b.max)
	}
	b.left -= int64(n)
	return nil
}

// Run runs every extractor of exs that accepts in.Type, in order, and
// merges their results: the first extractor to fill a normalised field
// wins, Raw gets one key per extractor, texts are joined. Panics are
// recovered into ErrPanic. Hosts, addresses, Message-IDs, URLs and paths
// are then harvested from every value (Harvest), a list cut at its limit
// giving a warning. The error is non-nil only when every accepting
// extractor failed.
func Run(ctx context.Context, exs []Extractor, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	out := &Result{}
	var errs []error
	ran := 0
	for _, ex := range exs {
		if !ex.Accepts(in.Type) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		ran++
		r, err := safeExtract(ctx, ex, in, lim)
		if errors.Is(err, ErrNoRecord) {
			ran--
			err = nil
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", ex.Name(), err))
		}
		if r != nil {
			merge(out, r, ex.Name(), lim)
		}
	}
	if err := Harvest(&out.Metadata); err != nil {
		out.Warnings = append(out.Warnings, err)
	}
	if ran > 0 && len(errs) == ran {
		return out, errors.Join(errs...)
	}
	out.Warnings = append(out.Warnings, errs...)
	return out, nil
}

// Accepting returns the extractors of exs that accept t.
func Accepting(exs []Extractor, t identify.Type) []Extractor {
	var out []Extractor
	for _, ex := range exs {
		if ex.Accepts(t) {
			out = append(out, ex)
		}
	}
	return out
}

// PrefixReader is implemented by extractors that read no more than the
// first PrefixBytes bytes of an item (under lim) and need its size only to
// say whether they saw all of it. A caller that streams items can then
// keep that prefix in memory instead of spooling the whole item.
type PrefixReader interface {
	PrefixBytes(lim Limits) int64
}

// PrefixBytes returns how many leading bytes of an item the extractors
// need, when every one of them is a PrefixReader; ok is false when one
// needs random access to the whole item.
func PrefixBytes(exs []Extractor, lim Limits) (n int64, ok bool) {
	if len(exs) == 0 {
		return 0, false
	}
	for _, ex := range exs {
		p, is := ex.(PrefixReader)
		if !is {
			return 0, false
		}
		n = max(n, p.PrefixBytes(lim))
	}
	return n, true
}

func safeExtract(ctx context.Context, ex Extractor, in Input, lim Limits) (r *Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			r, err = nil, fmt.Errorf("%w in %s: %v", ErrPanic, ex.Name(), v)
		}
	}()
	return ex.Extract(ctx, in, lim)
}

// merge folds r, from the extractor called name, into out.
func merge(out, r *Result, name string, lim Limits) {
	m, n := &out.Metadata, &r.Metadata
	fillEmptyFields(m, n)
	m.Hosts = append(m.Hosts, n.Hosts...)
	m.Emails = append(m.Emails, n.Emails...)
	m.MessageIDs = append(m.MessageIDs, n.MessageIDs...)
	m.URLs = append(m.URLs, n.URLs...)
	m.Paths = append(m.Paths, n.Paths...)
	if len(n.Raw) > 0 {
		if m.Raw == nil {
			m.Raw = map[string]any{}
		}
		m.Raw[name] = n.Raw
	}
	if r.Text != "" {
		text := out.Text
		if text != "" {
			text += "\n"
		}
		text += r.Text
		if int64(len(text)) > lim.MaxTextBytes {
			text = CutText(text, lim.MaxTextBytes)
			out.TextTruncated = true
		}
		out.Text = text
	}
	out.TextTruncated = out.TextTruncated || r.TextTruncated
	out.Attachments = append(out.Attachments, r.Attachments...)
	out.Warnings = append(out.Warnings, r.Warnings...)
}

// fillEmptyFields copies the normalised fields of src into the empty
// fields of dst (not the lists Harvest fills, nor Raw).
func fillEmptyFields(dst, src *Metadata) {
	if len(dst.Authors) == 0 {
		dst.Authors = src.Authors
	}
	set := func(d *string, s string) {
		if *d == "" {
			*d = s
		}
	}
	set(&dst.LastModifiedBy, src.LastModifiedBy)
	set(&dst.Organisation, src.Organisation)
	set(&dst.Software, src.Software)
	set(&dst.Created, src.Created)
	set(&dst.Modified, src.Modified)
	set(&dst.Title, src.Title)
	set(&dst.Camera, src.Camera)
	set(&dst.TZOffset, src.TZOffset)
	if dst.GPS == nil {
		dst.GPS = src.GPS
	}
}

// CutText cuts s to at most n bytes without splitting a UTF-8 sequence.
func CutText(s string, n int64) string {
	if int64(len(s)) <= n {
		return s
	}
	i := int(n)
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i]
}
