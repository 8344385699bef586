// Package fingerprint is the attribution stage of proofpack: organisation
// profiles, and the extraction of signals (addresses, host names, paths,
// names, confidentiality markings) from the text of items.
//
// # Place in the flow
//
// Package evidence converts each report item to an Item (its path, its
// metadata values by field, its body or OCR text) and hands it to an
// Attributor as soon as the item is read, from the goroutine that read it
// (Attribute does the same for a slice of items); this package never
// imports evidence. An Attributor keeps no item's text: memory grows with
// the organisations and evidence found (bounded by MaxEvidence per
// organisation), not with the text read, and the result does not depend
// on the order items are added in (see Item.Index). The Extractor finds signals;
// Attribute gives each a role from the field it came from and its
// neighbours, weighs them per item, and ranks the organisations;
// Result.Verdict judges a seller's claim.
//
// # Attribution
//
// The question is whose systems held the files. Every piece of evidence
// has one of four roles (Role):
//
//   - custody: internal hosts, intranet URLs, UNC paths (in text, OCR
//     and metadata), internal mail and mail delivered to an
//     organisation's hosts, a mailbox or directory listing and a
//     logged-in banner in a screenshot, the hosts and identifiers a
//     profile lists, hosts OCR read in part that match ones the package
//     shows in full;
//   - authorship: Company, author and last-modified-by, copyright,
//     markings, public metadata hosts, the sender of outside mail: who
//     made a document, expected to differ for a share of the files;
//   - mention: any other appearance;
//   - claim echo: what the seller controls (folder and file names, a
//     note that speaks of the sale, a wordmark cover): recorded and
//     shown, weighing nothing.
//
// The owner is the custodian: the ranking puts custody first, the
// first organisation is the owner when its confidence is at least
// OwnerMinConfidence, and a second organisation is a co-owner
// (Result.Owners) only with custody evidence of its own in a part of
// the package of its own. Custody of its own (Owner.OwnCustody) leaves
// out provenance: a file-share path in the metadata of a document the
// same organisation made says where the document was made and travels
// with it (a supplier's certificate in its customer's share), so it
// makes neither a co-owner nor mixed custody. The parts of a package
// (Owner.Parts) are the folders and archives right below the folder
// every item with evidence is in: two victims' data sits in parts of
// its own, each with custody evidence the other lacks, while a
// counterparty's documents sit among the owner's. The confidence
// is a probability: a logistic model over what the ranking shows of an
// organisation and its rivals (Features: items with custody, with
// authorship only, with mentions only, and its lead in custody over the
// strongest rival), fitted on the decided half of the labelled packs of
// internal/attrpack and checked on the held-out half (fitted.go says
// where each number came from). Because it reads the ranking alone,
// NewResult judges a report's ranking again, with another table if need
// be. The weights, the per-item vote, the support of parents by
// subsidiaries, the confidence model and candidates outside the
// catalogue (joined across their names, internal and registrable
// domains) are documented on Attribute; the verdict's rules, the claim's
// relation to the owner and the forms a claim may take on
// Result.Verdict. Every number they use is in one table, Weights
// (weights.go: DefaultWeights holds the hand-set class weights, each
// with its reason, and the fitted coefficients and thresholds of
// fitted.go), which a calibration replaces through Options.Weights. An
// item votes once per organisation and class of evidence, so repetition
// inside one file counts once; custody classes weigh 4 to 8, authorship
// 2 to 5, a mention 0.5, boilerplate, software vendors and claim echo
// nothing; every point of a score is a piece of Evidence naming its item
// and the text matched.
//
// # Profiles
//
// A Catalogue holds organisations (Org: id, name, aliases in any script,
// domains, parent, and optionally the internal hosts and identifiers only
// its systems show) loaded from YAML or JSON by Load, built in code by
// New, or embedded (Default, from catalogue.yaml). Validation reports every
// problem at once, each with its file and line, wrapping ErrProfile.
// Policies:
//
//   - A domain or name (after NormalizeName) claimed by two organisations
//     is an error, unless one is an ancestor of the other: then it belongs
//     to the ancestor, the safer attribution for a name the whole group
//     uses. A domain covers its subdomains; the most specific listed
//     domain wins, so jp.fujitsu.com and fujitsu.com may have different
//     owners.
//   - Merge(base, add): an organisation of add whose id is in base
//     replaces base's entry whole. Loaded with LoadExtension, add may
//     name an organisation of base as a parent (a subsidiary added under
//     a default organisation); Merge checks every parent against the
//     merged catalogue. `triage -orgs FILE` replaces the default
//     catalogue with FILE; `-orgs-add FILE` merges FILE into it.
//   - Unknown fields are errors; "organizations" is accepted for
//     "organisations".
//
// # Normalisation
//
// Text is put in Unicode NFKC before it is searched (full-width
// "Ｔｏｒａｙ" is "Toray", half-width katakana is full-width, "㈱" is
// "(株)", "￥" is "¥"); offsets and Raw always refer to the text as
// given. Names compare case-folded, except aliases that are upper-case
// acronyms of at most four letters ("NEC", "SAP"), which match in upper
// case only. Corporate designations are stripped from names on either
// side (NormalizeName); domains reduce to their registrable domain through
// the public suffix list (golang.org/x/net/publicsuffix), so
// sub.example.co.jp gives example.co.jp.
//
// # Word boundaries
//
// A name matches only where its edges fall on a boundary:
//
//   - Latin names need a neighbour that is not a letter or digit: "Toray"
//     is not found in "portrayal", "NEC" not in "NEC2".
//   - Japanese has no spaces, so the boundary is a change of script. A
//     name is refused when the character beside its edge is of the same
//     script as the edge: a katakana edge next to katakana is a different
//     word (東レ is not found in 東レンタル), and a kanji edge next to
//     kanji is ambiguous, so refused too. The exceptions are short lists of
//     words that attach to a company's name: after a kanji edge 株式会社,
//     様, 殿, 御中, 社, 製, 側, 向, 内, 宛, 本社, 支社, 支店, 工場, 担当 …
//     (富士通様, 日立製作所, 東レ株式会社); after a katakana edge グループ,
//     ホールディングス, ジャパン; before a kanji edge 株式会社, 旧, 元, 対.
//     Hiragana (particles: 東レは, の富士通), punctuation, Latin and digits
//     are always boundaries.
//   - A Japanese corporate designation (株式会社, (株), 有限会社, 合同会社)
//     anchors the name beside it: when a catalogue name ends the run of
//     kanji and katakana before it (取引先東レ株式会社), or starts the run
//     after it (株式会社東レ), that is an OrgName although the plain rule
//     would refuse it. Other runs there are CompanyStrings.
//
// # Look-alike characters in OCR text
//
// OCR takes a kanji or kana of a name for a similar one (社 for 杜, 式
// for 武, ロ for 口) and a letter of an address for another (rn for m, 0
// for o, a dot dropped). In OCR text only (Extractor.ExtractOCR, which
// Attribute uses for items whose TextSource is TextOCR), a catalogue
// name or alias of MinLookalikeRunes (four) characters or more with kana
// or kanji matches with exactly one character replaced by one that the
// generated table (lookalike.txt, LookAlike; see
// internal/lookalikegen) lists as alike, within the same word
// boundaries as an exact match; a Japanese corporate designation read
// with one such character (株式会杜, 妹式会社) anchors a catalogue name
// written exactly beside it, and an intact one anchors a name read with
// one; a host or address under a listed domain read with one Latin
// confusion (rn/m, cl/d, 0/o, 1/l) or one dot dropped (torayco.jp,
// toray.cojp) matches that domain when the label before its public
// suffix has four characters or more. Two differences never match, and
// neither do names of fewer than four characters, body text or
// metadata. Such a signal carries Signal.Lookalike (the text put right);
// its evidence is signalled "<source>/<kind>_lookalike"
// ("ocr/org_name_lookalike", "ocr/email_lookalike", "ocr/mailbox_lookalike")
// and weighs its class's weight times Weights.LookalikeFactor (0.5); an
// exact match of the same class in the same item replaces it. A
// marking takes its organisation from exact names only, and a host read
// so is not remembered for the partial-host rule.
//
// # Boilerplate
//
// Some signals are in every file and say nothing about its owner; they are
// still yielded, with Signal.Boilerplate saying why (see Boilerplate and
// BoilerplateDomains for the full list):
//
//   - XML namespace and schema hosts: schemas.openxmlformats.org,
//     schemas.microsoft.com, schemas.xmlsoap.org, purl.org, w3.org,
//     ns.adobe.com, openoffice.org, docs.oasis-open.org, iptc.org …;
//   - free-mail and consumer mobile-mail domains: gmail.com, yahoo.co.jp,
//     yahoo.com, outlook.com, hotmail.com, icloud.com, docomo.ne.jp,
//     ezweb.ne.jp, softbank.ne.jp, gmx.de …;
//   - names reserved by RFC 2606 and RFC 6761: example.com/.net/.org,
//     .example, .test, .invalid, localhost;
//   - private, loopback, link-local, shared, multicast and documentation
//     IP addresses;
//   - default home directories (Public, Default, All Users, Shared).
//
// A vendor named in a software field ("Microsoft Excel", "Adobe
// Photoshop", "FUJITSU ScanSnap") is the maker of a tool: SoftwareField
// and IsSoftwareVendorContext tell the later stages so.
//
// # Threat model
//
// Text comes from hostile files. Attribute keeps at most
// Options.MaxEvidence pieces of evidence per organisation (the rest are
// summed), caches at most a few thousand resolved host names, keeps at
// most 8192 full hosts and 512 items' partial hosts (16 each) for the OCR
// rule, 4096 folders for claim echo, and 16 company names per candidate
// domain, and only tracks organisations outside the catalogue when they
// show custody or authorship evidence, so that its memory follows the
// number of items and organisations, not their text. The sale-note rule
// reads plain texts of at most MaxSaleNoteBytes, the wordmark rule
// OCR texts of at most 200 bytes, and identifiers are found with one map
// look-up per word start. Look-alike matching tries at each character
// only the names that start with it or with a character it looks like
// (an index built once from the catalogue and the table, so its memory
// follows the catalogue), and looks each host's labels up once in a map
// of the listed domains' one-confusion readings. Extract runs in time linear in the text:
// every scanner advances from cheap anchors found with byte searches and
// reads a bounded window around them, never backtracks, and uses no
// regular expressions. The text is processed in chunks of 64 KiB cut at
// line ends, so scratch memory does not grow with it, and at most
// Options.MaxSignals signals (DefaultMaxSignals, 10 000) are yielded per
// text, the rest reported as truncated. Load reads at most
// MaxProfileBytes, refuses YAML anchors and aliases (no expansion bombs),
// and recovers a panic of the YAML parser into an error.
package fingerprint
