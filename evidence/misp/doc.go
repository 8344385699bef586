// Package misp writes a triage report as a MISP event: the JSON document
// ({"Event": {…}}) that a MISP instance imports (Events > Import from >
// MISP JSON), in the MISP core format.
//
// Its place in the flow is the very end, beside package render: it reads
// an evidence.Report and writes; it never opens the package. It is pure
// Go and builds without cgo.
//
// # What the event holds
//
// Objects after the MISP object templates (github.com/MISP/misp-objects;
// the versions are in templates.go):
//
//   - a ransomware-group-post object for the seller's claim: its title
//     ("Claim: Fujitsu Limited data"), a description naming the package
//     and its SHA-256, the claimed victim (entity-name), the date it was
//     published (Options.ClaimDate) and the seller (ransomware-group,
//     Options.Seller); it mentions the claimed organisation's victim;
//   - victim objects for the owner(s) of the data and for the claimed
//     organisation (one object when the claim is supported), named by
//     their profile, the description giving the role, the custody
//     evidence and the confidence, or the claimed one's relation to the
//     owner;
//   - a file object per item and one for the package: file name, full
//     path, SHA-256, SHA-1 and MD5 (items read whole), size and MIME type.
//     A file belongs-to the owner whose custody or authorship evidence it
//     holds (every file, when the pack has one owner), mentions the
//     claimed organisation where the report finds it mentioned there
//     (evidence of role mention), and an archive (or a mail with
//     attachments, or the package) contains its members;
//   - an annotation object with the verdict and its reason, which
//     annotates the claim.
//
// The event is tagged tlp:<level> (Options.TLP, else the report's case
// TLP, else amber) and, with a claim, in estimative language (the ICD 203
// taxonomy of MISP): likelihood-probability, the probability that the
// claim is true (the confidence model's probability that the claimed
// organisation held the data; left out for a name in no profile), and
// confidence-in-analytic-judgment, from the probability the verdict rests
// on (high from 0.9, moderate from 0.7, low below and for an
// inconclusive verdict). Its info sums the verdict up, its date is the
// claim's (else the triage's), threat_level_id 2 (medium) when an owner
// is named, 4 otherwise (Options.ThreatLevel), analysis 2 (completed)
// for a supported or contradicted claim, 1 otherwise, and its
// distribution Options.Distribution (0, the organisation only, by
// default). It is not published.
//
// # Deterministic
//
// The same report gives the same event, byte for byte: uuids are UUIDv5
// of what makes each thing what it is (the package's SHA-256 and the
// claim for the event; the event and an item's path for a file), and
// every timestamp is Options.Created or the report's triage time, never
// the clock.
//
// # Threat model
//
// Every string of a report comes from a hostile package. The event
// carries them as JSON strings, escaped by encoding/json without HTML
// escaping (MISP escapes what it shows); bytes that are not UTF-8 become
// U+FFFD. No attribute is flagged to_ids: a proof pack's files are
// evidence of a leak, not indicators of an attack.
//
// # Validation
//
// The tests check every event against the templates' relations, their
// attribute types, multiple and requiredOneOf, MISP's categories per
// type and relationship types, written down in the tests from the
// templates. When PROOFPACK_MISP_OBJECTS names a checkout of
// misp-objects, the same checks run on its definition.json files.
package misp
