package fingerprint

// Weights of the evidence classes. An item votes at most once per class
// and organisation, with the class's weight; its vote for an organisation
// is the sum over the classes it has evidence in. Ownership classes weigh
// between 3 and 10, mentions 0.5: six to twenty items that merely name an
// organisation are worth one item that its own systems made.
const (
	// WeightOrganisationField is an organisation field of the metadata
	// (OOXML and OLE2 Company, the mail Organization header, a copyright
	// holder) naming the organisation: the owner's own installation or
	// mail server wrote it, and a document's counterparty never appears
	// there.
	WeightOrganisationField = 10
	// WeightInternalMail is a mail whose sender and a recipient share a
	// domain: the organisation's own staff writing to each other on its
	// own mail system. It covers the shared domain of From and To, and
	// the hosts of the Received chain that belong to it.
	WeightInternalMail = 8
	// WeightMarking is a confidentiality marking ("Confidential — Toray",
	// 社外秘 東レ株式会社) with the organisation named beside it: a company
	// marks its own documents, not its vendors'.
	WeightMarking = 8
	// WeightBanner is an organisation, address or company named on the
	// line of a logged-in user banner in a screenshot ("ログイン中: 東レ株式会社
	// 佐藤 健一"): whoever took the screenshot was signed in to that
	// organisation's system.
	WeightBanner = 8
	// WeightMetadataPerson is an e-mail address, domain or organisation
	// name in a metadata person field (author, last modified by): the
	// account the file was made with.
	WeightMetadataPerson = 6
	// WeightInternalHost is an internal host name (tsap01.toray.local,
	// portal.intra.toray.co.jp), a UNC path or an intranet URL, in a
	// screenshot, a document's text or its metadata (template paths):
	// only the organisation's staff see and write its internal names.
	WeightInternalHost = 6
	// WeightMetadataHost is a public host name or address found in
	// document metadata other than mail headers (hyperlink bases,
	// template locations): usually the owner's, but links to others'
	// sites land there too, so it weighs less than an internal host.
	WeightMetadataHost = 4
	// WeightCopyright is an EXIF or XMP artist or copyright notice
	// naming the organisation: the owner of the camera or the image.
	WeightCopyright = 6
	// WeightItemPath is a folder or file inside the package named after
	// the organisation. The seller chooses names and may rename, so it
	// weighs less than what the files say of themselves, and it counts
	// once per folder, not once per file in it.
	WeightItemPath = 3
	// WeightMention is any other appearance: a name in body text, an
	// address of a customer or of outside mail, a counterparty, a public
	// host named in a document. Purchase orders name the vendor on every
	// page; that is not ownership.
	WeightMention = 0.5
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
//     ("Microsoft", "Microsoft Corporation", "Home", "User" …).

// Confidence and verdict constants.
const (
	// ConfidenceHalfItems is the number of items with ownership evidence
	// at which the support part of the confidence is one half: support =
	// n / (n + ConfidenceHalfItems), so one item gives 0.4, two 0.57,
	// five 0.77, ten 0.87.
	ConfidenceHalfItems = 1.5
	// MentionOnlySupport caps the support of an organisation that is only
	// mentioned: support = MentionOnlySupport · m / (m +
	// ConfidenceHalfItems) for m items that mention it.
	MentionOnlySupport = 0.2
	// VerdictMinConfidence is the confidence the top owner needs before a
	// claim is called supported or contradicted. With ConfidenceHalfItems
	// 1.5 it takes at least two items of ownership evidence and a clear
	// lead over every other organisation.
	VerdictMinConfidence = 0.5
	// ClaimedOwnershipShareMax is how much ownership evidence the claimed
	// organisation may have, as a share of the owner's, for the claim to
	// be contradicted; above it the package is mixed and the verdict is
	// inconclusive.
	ClaimedOwnershipShareMax = 0.25
	// DefaultMaxEvidence is how many pieces of evidence each owner keeps
	// when Options.MaxEvidence is zero: the strongest, the rest summed in
	// one entry per role, so that huge packages give small reports.
	DefaultMaxEvidence = 50
	// MailboxAddresses is how many addresses of one domain a screenshot
	// must show to count as that organisation's mailbox or directory
	// (internal mail, WeightInternalMail): an inbox lists colleagues, a
	// vendor's contact page one or two addresses.
	MailboxAddresses = 3
)
