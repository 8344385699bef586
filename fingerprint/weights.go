package fingerprint

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
)

// Weights of the evidence classes, by role (see Role). An item votes at
// most once per class and organisation, with the class's weight; its
// vote for an organisation is the sum over the classes it has evidence
// in. Custody classes weigh 4 to 8, authorship 2 to 5, a mention 0.5,
// what the seller says 0: the owner is whoever's systems held the files,
// a document's maker is expected to differ for a share of them, and the
// seller's labels are no evidence at all. These are the hand-set values
// of DefaultWeights (they order the ranking; the confidence model of
// fitted.go reads item counts and custody scores made with them); a
// table of one's own replaces them through Options.Weights.
const (
	// WeightInternalMail (custody) is a mail whose sender and a recipient
	// share a domain: the organisation's own staff writing to each other
	// on its own mail system. It covers the shared domain of From and
	// To, and the hosts of the Received chain that belong to it.
	WeightInternalMail = 8
	// WeightMailbox (custody) is a screenshot that shows MailboxAddresses
	// or more addresses of one domain: an inbox, an address book or a
	// directory listing of that organisation, read by someone signed in
	// to it.
	WeightMailbox = 8
	// WeightDelivered (custody) is a mail from outside whose Received
	// chain reaches the hosts of a recipient's organisation: the copy was
	// taken from that organisation's mail system.
	WeightDelivered = 6
	// WeightBanner (custody) is an organisation, address or company named
	// on the line of a logged-in user banner in a screenshot ("ログイン中:
	// 東レ株式会社 佐藤 健一"): whoever took the screenshot was signed in
	// to that organisation's system.
	WeightBanner = 8
	// WeightInternalHost (custody) is an internal host name
	// (tsap01.toray.local, portal.intra.toray.co.jp), a UNC path or an
	// intranet URL in a document's text or a screenshot, or a host a
	// profile lists (Org.Hosts): only the organisation's staff see and
	// write its internal names.
	WeightInternalHost = 6
	// WeightMetadataInternalHost (custody) is an internal host or a UNC
	// path in document metadata (a template or a link on a file share):
	// the file was made on a machine of that network. It travels with the
	// file to whoever receives it, so it weighs less than one read in
	// text or a screenshot.
	WeightMetadataInternalHost = 4
	// WeightIdentifier (custody) is an identifier only the organisation's
	// systems show (Org.Identifiers: an ERP company code, a ticket key).
	WeightIdentifier = 6
	// WeightPartialHost (custody) is a host, UNC server or mail domain
	// that OCR read only in part (\\fs01\share with the domain cut off,
	// "sato@toray.c"), matched to a host or domain that the package
	// shows in full for one organisation, or to a profile's host
	// pattern: weaker than the full name.
	WeightPartialHost = 4
	// WeightOrganisationField (authorship) is an organisation field of
	// the metadata (OOXML and OLE2 Company, the mail Organization header)
	// naming the organisation: the maker's installation wrote it.
	WeightOrganisationField = 5
	// WeightMarking (authorship) is a confidentiality marking
	// ("Confidential — Toray", 社外秘 東レ株式会社) with the organisation
	// named beside it: a company marks the documents it makes.
	WeightMarking = 4
	// WeightMetadataPerson (authorship) is an e-mail address, domain or
	// organisation name in a metadata person field (author, last modified
	// by): the account the file was made with.
	WeightMetadataPerson = 3
	// WeightCopyright (authorship) is an EXIF or XMP artist or copyright
	// notice naming the organisation: the maker of the image.
	WeightCopyright = 3
	// WeightMetadataHost (authorship) is a public host name or address in
	// document metadata other than mail headers (hyperlink bases): usually
	// the maker's, but links to others' sites land there too.
	WeightMetadataHost = 2
	// WeightMailSender (authorship) is the sender's domain of a mail from
	// outside: the writer's organisation, not the holder of the copy.
	WeightMailSender = 2
	// WeightMention is any other appearance: a name in body text, an
	// address of a customer or of outside mail, a counterparty, a public
	// host named in a document. Purchase orders name the vendor on every
	// page; that is not ownership.
	WeightMention = 0.5
	// WeightClaimEcho is what the seller controls: folder and file names
	// inside the package, a text that speaks of the sale, a wordmark
	// cover. Recorded and shown, never counted.
	WeightClaimEcho = 0
	// LookalikeFactor multiplies the weight of evidence matched in OCR
	// text with one look-alike character (Signal.Lookalike: a name read
	// 三菱電械, a designation read 株式会杜, a domain read t0ray.co.jp)
	// against the weight of its class: such a match is very likely the
	// name the catalogue lists, but a company whose name is one stroke
	// away from it reads the same, and the misreading itself says the
	// text was hard to read. At one half, one exact reading outweighs a
	// look-alike one of the same class, two items read so count as one
	// read exactly, and an item whose name is misread still gives the
	// organisation the class's evidence rather than nothing. It is not
	// fitted: the labelled packs have too few misread names to fit it
	// on.
	LookalikeFactor = 0.5
	// ParentShare is the share of a subsidiary's score that also counts
	// for its parent (and ParentShare² for the grandparent …): the
	// subsidiary's data is weakly the group's. A parent's evidence never
	// counts for its subsidiaries.
	ParentShare = 0.25
)

// Zero weights. These signals are found but never counted:
//   - boilerplate (Signal.Boilerplate: namespace hosts, free-mail and
//     reserved domains, private addresses, default profiles);
//   - any signal in a software or device field (SoftwareField), and a
//     vendor followed by a product name in text (IsSoftwareVendorContext):
//     the maker of a tool is not the owner of the file;
//   - an organisation field whose whole value is an installer default
//     ("Microsoft", "Microsoft Corporation", "Home", "User" …);
//   - what the seller says (Role ClaimEcho, WeightClaimEcho).

// Constants of the owners and the evidence kept. The confidence model's
// coefficients and the thresholds chosen with it are in fitted.go.
const (
	// CoOwnerMinItems is the fewest items of custody evidence a co-owner
	// needs.
	CoOwnerMinItems = 2
	// DefaultMaxEvidence is how many pieces of evidence each owner keeps
	// when Options.MaxEvidence is zero: the strongest, the rest summed in
	// one entry per role, so that huge packages give small reports.
	DefaultMaxEvidence = 50
	// MailboxAddresses is how many addresses of one domain a screenshot
	// must show to count as that organisation's mailbox or directory
	// (WeightMailbox): an inbox lists colleagues, a vendor's contact page
	// one or two addresses.
	MailboxAddresses = 3
)

// ErrWeights is wrapped by Weights.Validate's errors.
var ErrWeights = errors.New("invalid attribution weights")

// Weights is every number attribution and the verdict use: the weight of
// each class of evidence, the confidence model's coefficients and the
// owners' and verdict's thresholds, in one table that a calibration can
// replace whole (Options.Weights). DefaultWeights holds the hand-set
// class weights of the constants above, each with its reason, and the
// coefficients and thresholds fitted on the decided half of the
// labelled packs (fitted.go, each with the figure it came from). A
// weight is the score one item adds to an organisation for one class of
// evidence.
type Weights struct {
	// Custody: whose systems held the files.
	InternalMail         float64 `json:"internal_mail"`
	Mailbox              float64 `json:"mailbox"`
	Delivered            float64 `json:"delivered"`
	Banner               float64 `json:"banner"`
	InternalHost         float64 `json:"internal_host"`
	MetadataInternalHost float64 `json:"metadata_internal_host"`
	Identifier           float64 `json:"identifier"`
	PartialHost          float64 `json:"partial_host"`
	// Authorship: who made a document.
	OrganisationField float64 `json:"organisation_field"`
	Marking           float64 `json:"marking"`
	MetadataPerson    float64 `json:"metadata_person"`
	Copyright         float64 `json:"copyright"`
	MetadataHost      float64 `json:"metadata_host"`
	MailSender        float64 `json:"mail_sender"`
	// Mention: any other appearance.
	Mention float64 `json:"mention"`
	// ParentShare and LookalikeFactor: see the constants.
	ParentShare     float64 `json:"parent_share"`
	LookalikeFactor float64 `json:"lookalike_factor"`
	// The confidence model (Weights.Confidence): the bias and the
	// coefficient of each input of Features.Vector, log-odds of
	// ownership (see the Confidence constants of fitted.go).
	ConfidenceBias            float64 `json:"confidence_bias"`
	ConfidenceCustodyItems    float64 `json:"confidence_custody_items"`
	ConfidenceAuthorshipItems float64 `json:"confidence_authorship_items"`
	ConfidenceMentionItems    float64 `json:"confidence_mention_items"`
	ConfidenceCustodyLead     float64 `json:"confidence_custody_lead"`
	// Owners and verdict: OwnerMinConfidence, ClaimedCustodyShareMax,
	// CoOwnerCustodyShare (fitted.go), CoOwnerMinItems.
	OwnerMinConfidence     float64 `json:"owner_min_confidence"`
	ClaimedCustodyShareMax float64 `json:"claimed_custody_share_max"`
	CoOwnerCustodyShare    float64 `json:"co_owner_custody_share"`
	CoOwnerMinItems        int     `json:"co_owner_min_items"`
}

// DefaultWeights returns the table of the constants: the hand-set class
// weights and CoOwnerMinItems of this file, the fitted coefficients and
// thresholds of fitted.go.
func DefaultWeights() Weights {
	return Weights{
		InternalMail: WeightInternalMail, Mailbox: WeightMailbox, Delivered: WeightDelivered,
		Banner: WeightBanner, InternalHost: WeightInternalHost, MetadataInternalHost: WeightMetadataInternalHost,
		Identifier: WeightIdentifier, PartialHost: WeightPartialHost,
		OrganisationField: WeightOrganisationField, Marking: WeightMarking, MetadataPerson: WeightMetadataPerson,
		Copyright: WeightCopyright, MetadataHost: WeightMetadataHost, MailSender: WeightMailSender,
		Mention:     WeightMention,
		ParentShare: ParentShare, LookalikeFactor: LookalikeFactor,
		ConfidenceBias: ConfidenceBias, ConfidenceCustodyItems: ConfidenceCustodyItems,
		ConfidenceAuthorshipItems: ConfidenceAuthorshipItems, ConfidenceMentionItems: ConfidenceMentionItems,
		ConfidenceCustodyLead: ConfidenceCustodyLead,
		OwnerMinConfidence:    OwnerMinConfidence, ClaimedCustodyShareMax: ClaimedCustodyShareMax,
		CoOwnerCustodyShare: CoOwnerCustodyShare, CoOwnerMinItems: CoOwnerMinItems,
	}
}

// maxWeight bounds a class weight, so that sums over MaxOrgs
// organisations and millions of items stay far from overflow and
// rounding trouble.
const maxWeight = 1e6

// maxCoefficient bounds a coefficient of the confidence model: a
// log-odds of e^100 is certainty already.
const maxCoefficient = 100

// Validate reports every field out of its range, wrapping ErrWeights:
// weights finite and in [0, 1e6], shares and confidences in [0, 1], the
// confidence model's coefficients in [-100, 100], CoOwnerMinItems at
// least 1.
func (w Weights) Validate() error {
	var errs []error
	v := reflect.ValueOf(w)
	ty := v.Type()
	for i := range ty.NumField() {
		f := ty.Field(i)
		name := f.Tag.Get("json")
		if f.Type.Kind() == reflect.Int {
			if n := v.Field(i).Int(); n < 1 || n > 1e6 {
				errs = append(errs, fmt.Errorf("%w: %s = %d, want 1 to 1000000", ErrWeights, name, n))
			}
			continue
		}
		x := v.Field(i).Float()
		lo, hi := 0.0, float64(maxWeight)
		switch f.Name {
		case "ParentShare", "LookalikeFactor", "OwnerMinConfidence", "ClaimedCustodyShareMax", "CoOwnerCustodyShare":
			hi = 1
		}
		if strings.HasPrefix(f.Name, "Confidence") {
			lo, hi = -maxCoefficient, maxCoefficient
		}
		if math.IsNaN(x) || x < lo || x > hi {
			errs = append(errs, fmt.Errorf("%w: %s = %v, want %g to %g", ErrWeights, name, x, lo, hi))
		}
	}
	return errors.Join(errs...)
}
