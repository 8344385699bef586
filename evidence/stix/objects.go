package stix

// SpecVersion is the STIX version of every object.
const SpecVersion = "2.1"

// Object is one STIX object of a bundle.
type Object interface {
	// STIXType is the object's type ("identity", "file", …).
	STIXType() string
	// STIXID is the object's id ("identity--<uuid>").
	STIXID() string
}

// Common holds the properties that STIX objects share. Cyber-observable
// objects (File) leave the SDO-only ones (created_by_ref, created,
// modified, confidence, labels, external_references) empty.
type Common struct {
	Type               string              `json:"type"`
	SpecVersion        string              `json:"spec_version"`
	ID                 string              `json:"id"`
	CreatedByRef       string              `json:"created_by_ref,omitempty"`
	Created            string              `json:"created,omitempty"`
	Modified           string              `json:"modified,omitempty"`
	Confidence         *int                `json:"confidence,omitempty"`
	Labels             []string            `json:"labels,omitempty"`
	ExternalReferences []ExternalReference `json:"external_references,omitempty"`
	ObjectMarkingRefs  []string            `json:"object_marking_refs,omitempty"`
}

// STIXType returns the object's type.
func (c *Common) STIXType() string { return c.Type }

// STIXID returns the object's id.
func (c *Common) STIXID() string { return c.ID }

// ExternalReference points to something outside STIX: here the case the
// triage was made for.
type ExternalReference struct {
	SourceName  string `json:"source_name"`
	Description string `json:"description,omitempty"`
	ExternalID  string `json:"external_id,omitempty"`
}

// Identity is an organisation (the owner of the data, the claimed
// organisation), the seller, or proofpack itself (identity_class
// "system").
type Identity struct {
	Common
	Name          string `json:"name"`
	Description   string `json:"description,omitempty"`
	IdentityClass string `json:"identity_class,omitempty"`
}

// Report is the seller's claim: what was said to be whose data, and the
// files offered as proof.
type Report struct {
	Common
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	ReportTypes []string `json:"report_types,omitempty"`
	Published   string   `json:"published"`
	ObjectRefs  []string `json:"object_refs"`
}

// Opinion is the verdict on the claim: an opinion on its Report.
type Opinion struct {
	Common
	Explanation string   `json:"explanation,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	Opinion     string   `json:"opinion"`
	ObjectRefs  []string `json:"object_refs"`
}

// Values of Opinion.Opinion (the STIX opinion-enum).
const (
	StronglyDisagree = "strongly-disagree"
	Disagree         = "disagree"
	Neutral          = "neutral"
	Agree            = "agree"
	StronglyAgree    = "strongly-agree"
)

// Note is one piece of the evidence the verdict rests on.
type Note struct {
	Common
	Abstract   string   `json:"abstract,omitempty"`
	Content    string   `json:"content"`
	Authors    []string `json:"authors,omitempty"`
	ObjectRefs []string `json:"object_refs"`
}

// File is the file cyber-observable of an item, or of the package.
type File struct {
	Common
	Hashes     map[string]string `json:"hashes,omitempty"`
	Size       *int64            `json:"size,omitempty"`
	Name       string            `json:"name,omitempty"`
	MimeType   string            `json:"mime_type,omitempty"`
	Mtime      string            `json:"mtime,omitempty"`
	Extensions *FileExtensions   `json:"extensions,omitempty"`
}

// FileExtensions holds the extensions of a File: archive-ext for an
// archive (or a mail with attachments), listing the files in it.
type FileExtensions struct {
	Archive *ArchiveExt `json:"archive-ext,omitempty"`
}

// ArchiveExt is STIX's archive file extension.
type ArchiveExt struct {
	ContainsRefs []string `json:"contains_refs"`
	Comment      string   `json:"comment,omitempty"`
}

// MarkingDefinition is a TLP 2.0 marking, as published by OASIS: its id
// and content are fixed (see TLPMarking).
type MarkingDefinition struct {
	Type        string                  `json:"type"`
	SpecVersion string                  `json:"spec_version"`
	ID          string                  `json:"id"`
	Created     string                  `json:"created"`
	Name        string                  `json:"name"`
	Extensions  map[string]TLPExtension `json:"extensions"`
}

// STIXType returns "marking-definition".
func (m *MarkingDefinition) STIXType() string { return m.Type }

// STIXID returns the marking's id.
func (m *MarkingDefinition) STIXID() string { return m.ID }

// TLPExtension is the property extension that carries a TLP 2.0 level.
type TLPExtension struct {
	ExtensionType string `json:"extension_type"`
	TLP20         string `json:"tlp_2_0"`
}

// BundleObject is a STIX bundle: what Bundle returns and Write writes.
type BundleObject struct {
	Type    string   `json:"type"`
	ID      string   `json:"id"`
	Objects []Object `json:"objects"`
}
