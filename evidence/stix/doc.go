// Package stix writes a triage report as a STIX 2.1 bundle, the form
// threat-intelligence platforms exchange (OASIS STIX Version 2.1).
//
// Its place in the flow is the very end, beside package render: it reads
// an evidence.Report and writes; it never opens the package. It is pure
// Go and builds without cgo.
//
// # What the bundle holds
//
//   - identity objects: the owner(s) of the data and the claimed
//     organisation (identity_class organization, named by their profile;
//     one object when the claim is supported), the seller when
//     Options.Seller names one (identity_class unknown), and proofpack
//     (identity_class system), which creates every other object
//     (created_by_ref);
//   - the seller's claim as a report ("Claim: Fujitsu Limited data",
//     report_types threat-report), published at Options.ClaimDate, whose
//     object_refs are the claimed organisation, the seller and every file;
//     the case (Report.Case) as an external reference and a label;
//   - the verdict as an opinion on that report: contradicted is
//     disagree, or strongly-disagree when the verdict's confidence is at
//     least 0.9; supported is agree or strongly-agree alike; inconclusive
//     is neutral. Its explanation is the claim's reason, its confidence
//     (0 to 100) the probability the verdict rests on: the owner's
//     confidence for a contradicted claim, the claimed organisation's for
//     a supported one (the confidence model of package fingerprint); an
//     inconclusive verdict has none;
//   - a note per piece of decisive evidence of each owner (custody, then
//     authorship, the strongest first, at most Options.MaxNotes), naming
//     the item, the signal, the match and its weight, with object_refs to
//     the item's file, the owner and the opinion;
//   - a file observable per item and one for the package, with its
//     hashes (MD5, SHA-1, SHA-256; only for items read whole), name, size,
//     MIME type and modification time (when the archive fixes the
//     instant); an archive, or a mail with attachments, lists its members
//     in an archive-ext extension (contains_refs), so that the nesting of
//     the paths ("outer.zip!/inner.zip!/a.xlsx") is kept;
//   - one TLP 2.0 marking definition, the one OASIS publishes for the
//     level (fixed ids, TLPMarkingIDs), in the object_marking_refs of
//     every other object: Options.TLP, else the report's case TLP, else
//     AMBER.
//
// # Deterministic
//
// The same report gives the same bundle, byte for byte. A file
// observable's id is the one STIX 2.1 defines for it (section 2.9): a
// UUIDv5, in STIX's namespace for cyber-observables, of the canonical
// JSON (RFC 8785) of its id contributing properties: one hash (MD5
// first, then SHA-1, SHA-256), the name and the extensions; so a file
// has the id any STIX producer gives it. Every other object's id is a
// UUIDv5 in proofpack's own namespace of what makes it what it is (an
// organisation's profile id, the package's SHA-256 and the claim, a
// piece of evidence), so that the same organisation has the same id in
// every bundle. Times are Options.Created, else the report's triage time
// (Report.TriagedAt), never the clock: created and modified to the
// millisecond in UTC.
//
// # Threat model
//
// Every string of a report comes from a hostile package (file names,
// metadata, OCR text). The bundle carries them as JSON strings, escaped
// by encoding/json (without HTML escaping: a consumer reads the JSON,
// not a page); bytes that are not UTF-8 become U+FFFD before any id is
// made from them, so that an id and the string written agree. Nothing of
// a report becomes a key, a type or an id but through a hash.
//
// # Validation
//
// The tests check every bundle against the rules of the specification
// that this package relies on (required properties of each object,
// identifier syntax and type, timestamps, vocabularies, every reference
// resolving inside the bundle), written down in the tests from the
// specification. When PROOFPACK_STIX_SCHEMAS names a checkout of the
// OASIS STIX 2.1 JSON schemas (github.com/oasis-open/cti-stix2-json-schemas),
// they also validate each object against the official schema of its
// type.
package stix
