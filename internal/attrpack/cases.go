package attrpack

import (
	"slices"

	"github.com/proofpack/proofpack/internal/docgen"
)

// caseDef is one labelled pack and the function that builds it.
type caseDef struct {
	label Label
	build func(*docgen.Fonts) *pack
}

// The patterns of Label.Pattern, as analysts meet them.
const (
	patClaimForm       = "claim-form"         // the owner claimed by id, name in any script or width, domain, ticker alias
	patDeepMetadata    = "deep-metadata"      // custody only in metadata: nested backups, custom properties, templates, EXIF, attachments
	patMailCustody     = "mail-custody"       // custody only in mail headers: senders, recipients, the Received chain
	patStale           = "stale"              // the owner's old data sold years later as new
	patSellerNotes     = "seller-notes"       // the seller's README with a price and contact, folder names echoing the claim
	patNoisy           = "noisy"              // custody drowned in mentions of others
	patVendorClaimed   = "vendor-claimed"     // the customer's data, its vendor claimed
	patClientClaimed   = "client-claimed"     // a law firm's, auditor's, MSP's or payroll bureau's data, its client claimed
	patCustomerClaimed = "customer-claimed"   // a vendor's own sales files, its customer claimed
	patCounterpartyDoc = "counterparty-docs"  // the buyer's share holding its suppliers' documents, the buyer claimed
	patSupplierClaimed = "supplier-claimed"   // the buyer's share holding a supplier's certificates, the supplier claimed
	patSaaS            = "saas-tenant"        // a SaaS tenant's exports from the vendor's domain
	patFranchisee      = "franchisee"         // a brand's franchisee outside the catalogue
	patOpenWorld       = "open-world"         // an owner outside the catalogue, a catalogue organisation claimed
	patSeed            = "seed"               // the design's case: Toray's data sold as Fujitsu's
	patDressedPublic   = "dressed-public"     // public material dressed up by the seller
	patThin            = "thin"               // almost nothing to go on
	patSubsidiaryData  = "subsidiary-data"    // a subsidiary's data, the group claimed
	patGroupData       = "group-data"         // the parent's data, a subsidiary claimed
	patTwoVictims      = "two-victims"        // two victims' data in one pack, each with its own custody evidence
	patSplit           = "split"              // evidence genuinely split between two organisations
	patScreenshot      = "screenshot"         // custody only in screenshots, read whole
	patScreenshotPart  = "screenshot-partial" // custody in screenshots read only in part, joined with names seen elsewhere
)

// rounds holds the cases of each round of labelling (Label.Round), in
// the order of labels.json; cases is all of them, in that order.
var (
	rounds = [][]caseDef{firstRound, secondRound}
	cases  = slices.Concat(rounds...)
)

// firstRound is the first seventy packs. Within a pattern the packs
// alternate between the halves (see Labels), so the order of the packs
// of one pattern decides which half each goes to: variants come in
// pairs, one for each half.
var firstRound = []caseDef{
	// The owner claimed, in the forms sellers write.
	{Label{File: "cf01-kurogane-claim-id.zip", Owner: "kurogane", Claim: "kurogane", Verdict: Supported, Relation: RelationSame, Pattern: patClaimForm,
		Description: "Kurogane's design-review minutes, test schedule and internal mail: Company 黒鉄重工業株式会社, templates and a UNC path on krfs01.kurogane-hi.co.jp, mail inside kurogane-hi.co.jp; the claim is the catalogue id."}, kuroganeDesignPack},
	{Label{File: "cf02-chigusa-claim-kanji.tar.gz", Owner: "chigusa", Claim: "千草食品", Verdict: Supported, Relation: RelationSame, Pattern: patClaimForm,
		Description: "Chigusa's product-development files (tar.gz): Company 千草食品株式会社, templates on cgfs01.chigusa-foods.co.jp and ISO-2022-JP internal mail; the claim is the kanji name without the corporate suffix."}, chigusaRecipePack},
	{Label{File: "cf03-marumi-claim-halfwidth-katakana.zip", Owner: "marumi", Claim: "ﾏﾙﾐﾏｰﾄ", Verdict: Supported, Relation: RelationSame, Pattern: patClaimForm,
		Description: "Marumi Mart's head-office promotion plan and store sales: Company 株式会社まるみマート, templates on mmfs-hq.marumi-mart.co.jp, internal mail; the franchised stores appear in the head office's sales list; the claim is in half-width katakana."}, marumiHQPack},
	{Label{File: "cf04-narukami-claim-fullwidth.zip", Owner: "narukami", Claim: "ＮＡＲＵＫＡＭＩ", Verdict: Supported, Relation: RelationSame, Pattern: patClaimForm,
		Description: "Narukami's circuit review, bill of materials and internal mail with Narukami metadata and nkfs02.narukami-denshi.co.jp templates; the claim is written in full-width Latin letters."}, narukamiCircuitPack},
	{Label{File: "cf05-aizome-claim-domain.7z", Owner: "aizome", Claim: "aizome-pharma.co.jp", Verdict: Supported, Relation: RelationSame, Pattern: patClaimForm,
		Description: "Aizome's stability-study plan and data with internal mail (7z): Company 藍染製薬株式会社, templates on azfs01.aizome-pharma.co.jp; the claim is the owner's domain."}, aizomeStabilityPack},
	{Label{File: "cf06-asanagi-claim-ticker.zip", Owner: "asanagi", Claim: "ASNC", Verdict: Supported, Relation: RelationSame, Pattern: patClaimForm,
		Description: "Asanagi's plant production plan and shutdown plan with internal mail; its logistics subsidiary is only named as the carrier; the claim is the ticker-like alias ASNC."}, asanagiPlantPack},

	// Custody only in metadata or mail headers.
	{Label{File: "dm01-hibari-nested-backup.zip", Owner: "hibari", Claim: "雲雀運輸", Verdict: Supported, Relation: RelationSame, Pattern: patDeepMetadata,
		Description: "Bodies name nobody: Hibari is in a nested backup zip's document metadata, a workbook's template path and custom property (an address in hibari-unyu.co.jp), and a photo's EXIF Artist and Copyright."}, hibariBackupPack},
	{Label{File: "dm02-aizome-custom-properties.zip", Owner: "aizome", Claim: "Aizome Pharma", Verdict: Supported, Relation: RelationSame, Pattern: patDeepMetadata,
		Description: "Aizome's lab files with no Company field: the author's aizome-pharma.co.jp address in custom properties, templates on azfs01.aizome-pharma.co.jp and a camera photo whose EXIF names Aizome."}, aizomeLabMetaPack},
	{Label{File: "dm03-kurogane-europe-templates.zip", Owner: "kurogane-europe", Claim: "Kurogane Europe", Verdict: Supported, Relation: RelationSame, Pattern: patDeepMetadata,
		Description: "Kurogane Europe's German quotations: no Company field, but templates on dus-fs01.kurogane-hi.de, the author's address in a custom property and internal kurogane-hi.de mail; the claim names the subsidiary itself."}, kuroganeEuropeQuotePack},
	{Label{File: "dm04-saiun-insider-forward.zip", Owner: "saiun", Claim: "彩雲百貨店", Verdict: Supported, Relation: RelationSame, Pattern: patDeepMetadata,
		Description: "An insider forwarded Saiun's sales workbook from one free-mail address to another: the mail says nothing, the attachment's Company and template on sufs-honsha.saiun-dept.co.jp and a PDF's author say Saiun."}, saiunInsiderPack},
	{Label{File: "mh01-narukami-mailbox-export.zip", Owner: "narukami", Claim: "Narukami", Verdict: Supported, Relation: RelationSame, Pattern: patMailCustody,
		Description: "A mailbox export whose bodies name nobody: every sender and recipient in narukami-denshi.co.jp and every Received chain through Narukami's own servers."}, narukamiMailboxPack},
	{Label{File: "mh02-chigusa-inbox-delivered.zip", Owner: "chigusa", Claim: "Chigusa Foods", Verdict: Supported, Relation: RelationSame, Pattern: patMailCustody,
		Description: "Chigusa's inbox: its carrier Hibari's mail delivered into Chigusa's mailboxes (the Received chains end at mx1 and cgmbx01 of chigusa-foods.co.jp) and Chigusa's internal replies; the sender's domain is a counterparty's."}, chigusaInboxPack},

	// Old data, sold as new.
	{Label{File: "st01-hibari-2019-sold-2026.zip", Owner: "hibari", Claim: "Hibari Transport", ClaimDate: "2026-02-10", Verdict: Supported, Relation: RelationSame, Pattern: patStale,
		Description: "Hibari's own files, but the newest is from April 2019 while the seller calls it a fresh 2026 dump: ownership is supported and the reason must say the data is years older than the claim."}, hibariStale2019Pack},
	{Label{File: "st02-narukami-2018-sold-2025.zip", Owner: "narukami", Claim: "鳴神電子", ClaimDate: "2025-11-03", Verdict: Supported, Relation: RelationSame, Pattern: patStale,
		Description: "Narukami's 2018 test report, data and mail under a folder named 最新 (latest), claimed in November 2025: the owner is right, the data seven years old."}, narukamiStale2018Pack},

	// What the seller says.
	{Label{File: "sn01-hibari-readme-price.zip", Owner: "hibari", Claim: "Hibari", Verdict: Supported, Relation: RelationSame, Pattern: patSellerNotes,
		Description: "Hibari's dispatch table, a draft letter and internal mail under the seller's HIBARI_TRANSPORT_FULL_DB folder and a README with a price and contact: the files' own custody supports the claim; the README adds nothing."}, hibariSellerPack},
	{Label{File: "sn02-chigusa-sold-as-narukami.zip", Owner: "chigusa", Claim: "Narukami", Verdict: Contradicted, Relation: RelationUnrelated, Pattern: patSellerNotes,
		Description: "Chigusa's finance and plant files under folders and a README that say NARUKAMI (narukami_finance/, README_NARUKAMI.txt): Narukami appears only in names the seller chose, every custody signal is Chigusa's."}, chigusaSoldAsNarukamiPack},
	{Label{File: "sn03-hiiragi-sold-as-saiun.tar.gz", Owner: "hiiragi", Claim: "彩雲百貨店", Verdict: Contradicted, Relation: RelationUnrelated, Pattern: patSellerNotes,
		Description: "A hospital group's ward rosters and committee minutes (Hiiragi-kai metadata, hgk-fs01 templates, internal mail) in folders the seller named saiun_*: the department store is named only by the seller."}, hiiragiSoldAsSaiunPack},
	{Label{File: "sn04-aizome-readme-telegram.zip", Owner: "aizome", Claim: "AZPH", Verdict: Supported, Relation: RelationSame, Pattern: patSellerNotes,
		Description: "Aizome's clinical-supply plan and procedure with internal mail, beside the seller's !!!READ_ME!!! with a price and Telegram contact; the claim is the ticker-like alias."}, aizomeSellerPack},

	// Custody among many mentions.
	{Label{File: "nz01-narukami-noisy-customers.zip", Owner: "narukami", Claim: "Narukami", Verdict: Supported, Relation: RelationSame, Pattern: patNoisy,
		Description: "Narukami's sales plan drowned in mentions: a 3 000-row customer master naming a dozen other companies, Asanagi's press release (Asanagi as author), an Orvantis invoice (Orvantis metadata); Narukami's metadata, template share and internal mail still decide."}, narukamiNoisyPack},
	{Label{File: "nz02-hibari-deliveries-claim-chigusa.zip", Owner: "hibari", Claim: "Chigusa Foods", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patNoisy,
		Description: "Hibari's delivery records for its shipper Chigusa: 5 000 rows and a transport order authored by Chigusa, but Hibari's metadata, hbfs01 share and internal mail: the seller claims the customer."}, hibariDeliveriesPack},

	// Counterparties claimed.
	{Label{File: "vc01-saiun-claim-vendor-orvantis.zip", Owner: "saiun", Claim: "Orvantis", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patVendorClaimed,
		Description: "Saiun's POS procurement: Orvantis's own quotation (Orvantis metadata) sits in Saiun's folder beside Saiun's comparison, approval and internal mail on sufs-honsha.saiun-dept.co.jp; the vendor is claimed."}, saiunProcurementPack},
	{Label{File: "vc02-hibari-claim-cloud-cirrovane.zip", Owner: "hibari", Claim: "Cirrovane Cloud", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patVendorClaimed,
		Description: "Hibari's cloud bills: Cirrovane's invoice addressed to Hibari, Cirrovane's notice delivered into Hibari's mailbox, Hibari's cost review and internal mail; the seller claims the cloud provider that only bills the owner."}, hibariCloudPack},
	{Label{File: "vc03-aizome-claim-maker-kurogane.zip", Owner: "aizome", Claim: "黒鉄重工業", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patVendorClaimed,
		Description: "Aizome's plant maintenance: Kurogane's service report (Kurogane metadata) and records naming Kurogane machines on every line, but Aizome's maintenance log, deviation report and internal mail hold custody; the equipment maker is claimed."}, aizomeMaintenancePack},
	{Label{File: "vc04-hiiragi-claim-vendor-halfwidth.zip", Owner: "hiiragi", Claim: "ﾅﾙｶﾐ電子", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patVendorClaimed,
		Description: "Hiiragi-kai's facility records of Narukami UPS units and Narukami's inspection report (Narukami metadata), with Hiiragi's ledger and internal mail; the vendor is claimed in half-width katakana."}, hiiragiDevicePack},
	{Label{File: "cl01-hazelmere-claim-client-narukami.zip", Owner: "hazelmere", Claim: "Narukami Electronics", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patClientClaimed,
		Description: "A law firm's matter file: briefs and time entries with Hazelmere Tsuge metadata on its htlo-dms share, internal mail, and a copy of the client Narukami's contract (Narukami metadata); the client is claimed while the law firm was breached."}, hazelmereLitigationPack},
	{Label{File: "cl02-brantwell-claim-client-chigusa.zip", Owner: "brantwell", Claim: "千草食品", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patClientClaimed,
		Description: "Brantwell's audit workpapers for its client Chigusa (named on every page, a client trial balance as PBC): Brantwell metadata, templates on bw-audit01.brantwell-audit.jp and internal mail."}, brantwellAuditPack},
	{Label{File: "cl03-tsumugi-claim-client-saiun.zip", Owner: "tsumugi", Claim: "彩雲百貨店", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patClientClaimed,
		Description: "A managed service provider's customer folder: Saiun's switch config backup and tickets, but the runbook, ticket list and mail are Tsumugi's (its metadata, tns-fs01.tsumugi-ns.co.jp, internal mail); the MSP was breached, the client is claimed."}, tsumugiMSPPack},
	{Label{File: "cl04-yamabuki-claim-client-hibari.zip", Owner: "yamabuki", Claim: "Hibari Transport", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patClientClaimed,
		Description: "A payroll bureau's processing of its client Hibari's payroll: Hibari's payslip CSV and its mail delivered into Yamabuki's mailbox, Yamabuki's checklist and internal mail; the client is claimed."}, yamabukiPayrollPack},
	{Label{File: "cu01-orvantis-claim-customer-aizome.zip", Owner: "orvantis", Claim: "藍染製薬", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patCustomerClaimed,
		Description: "Orvantis's own sales files (deal list, quotation, internal mail) about its customer Aizome, named on every line; the seller claims the customer."}, orvantisSalesPack},
	{Label{File: "cu02-asanagi-claim-customer-ticker.zip", Owner: "asanagi", Claim: "NRKM", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patCustomerClaimed,
		Description: "Asanagi's complaint answer and shipment records for its customer Narukami, with Asanagi metadata, share and internal mail; the customer is claimed by its ticker-like alias."}, asanagiSalesPack},
	{Label{File: "cd01-narukami-supplier-certificates.zip", Owner: "narukami", Claim: "Narukami", Verdict: Supported, Relation: RelationSame, Pattern: patCounterpartyDoc,
		Description: "Narukami's incoming-inspection folder: two of five files are its supplier Asanagi's certificates (Asanagi metadata and template path), the rest Narukami's records, notice and internal mail: authorship disagrees for a share of files, custody is Narukami's."}, narukamiIncomingPack},
	{Label{File: "cd02-chigusa-vendor-quotations.zip", Owner: "chigusa", Claim: "Chigusa Foods", Verdict: Supported, Relation: RelationSame, Pattern: patCounterpartyDoc,
		Description: "Chigusa's purchasing folder with quotations written by Hibari and Orvantis (their metadata) beside Chigusa's comparison, approval (a UNC path on cgfs01.chigusa-foods.co.jp) and internal mail."}, chigusaPurchasingPack},
	{Label{File: "sc01-kurogane-claim-supplier-asanagi.zip", Owner: "kurogane", Claim: "Asanagi Chemical", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patSupplierClaimed,
		Description: "Kurogane's quality folder holds its supplier Asanagi's certificates (Asanagi metadata) under a seller's ASANAGI_CHEMICAL_internal folder; Kurogane's inspection log, spec and internal mail hold custody."}, kuroganeIncomingPack},
	{Label{File: "sc02-hiiragi-claim-supplier-aizome.zip", Owner: "hiiragi", Claim: "Aizome", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patSupplierClaimed,
		Description: "Hiiragi-kai's pharmacy folder: Aizome's product sheet and quotation (Aizome metadata) beside the hospital's committee workbook and internal mail; the drug maker is claimed."}, hiiragiPharmacyPack},
	{Label{File: "sa01-chigusa-tenant-claim-vendor.zip", Owner: "chigusa", Claim: "Lumicrest", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patSaaS,
		Description: "Chigusa's HR export from its tenant chigusa.lumicrest-cloud.com: the export's Company is the vendor's and its notice comes from the vendor's servers, but it was delivered into Chigusa's mailbox and forwarded internally; the SaaS vendor is claimed."}, chigusaLumicrestPack},
	{Label{File: "sa02-narukami-tenant-claim-tenant.zip", Owner: "narukami", Claim: "Narukami", Verdict: Supported, Relation: RelationSame, Pattern: patSaaS,
		Description: "Narukami's attendance export from narukami.lumicrest-cloud.com (vendor-made workbook, vendor's notice delivered to Narukami) with Narukami's own memo and internal mail; the tenant is claimed."}, narukamiLumicrestPack},
	{Label{File: "sa03-hiiragi-tenant-claim-tenant.zip", Owner: "hiiragi", Claim: "柊会", Verdict: Supported, Relation: RelationSame, Pattern: patSaaS,
		Description: "Hiiragi-kai's night-shift export from hiiragi-kai.lumicrest-cloud.com with its own memo and internal mail; the tenant is claimed by its Japanese name."}, hiiragiLumicrestPack},
	{Label{File: "sa04-saiun-tenant-claim-vendor-katakana.zip", Owner: "saiun", Claim: "ルミクレスト", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patSaaS,
		Description: "Saiun's expense export from saiun-dept.lumicrest-cloud.com and its department summary (Saiun metadata), the vendor's notice delivered into Saiun's mailbox; the vendor is claimed in katakana."}, saiunLumicrestPack},

	// Owners outside the catalogue.
	{Label{File: "fr01-kawabata-franchisee-claim-brand.zip", CandidateKey: "kawabata-shoji.jp", Claim: "まるみマート", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patFranchisee,
		Description: "A Marumi Mart franchisee's store files: Company 有限会社川端商事 in the documents, kawabata-shoji.jp in the mail, joined by a signature; Marumi's manual and notice are the franchisor's; the brand is claimed."}, kawabataMarumiPack},
	{Label{File: "fr02-sazanami-franchisee-claim-name.zip", CandidateKey: "sazanami-cafe.jp", Claim: "さざなみカフェ", Verdict: Supported, Relation: RelationSame, Pattern: patFranchisee,
		Description: "A Beanhollow franchisee's café files: Company さざなみカフェ株式会社 and mail in sazanami-cafe.jp; the claim names the franchisee by its company name, which must be joined with its domain."}, sazanamiBeanhollowPack},
	{Label{File: "fr03-kitaura-franchisee-claim-domain.zip", CandidateKey: "kitaura-retail.co.jp", Claim: "kitaura-retail.co.jp", Verdict: Supported, Relation: RelationSame, Pattern: patFranchisee,
		Description: "A Marumi Mart franchisee's store files (Company 株式会社北浦リテール, mail in kitaura-retail.co.jp, a NAS with no domain); the claim is the franchisee's domain."}, kitauraMarumiPack},
	{Label{File: "fr04-tomoebashi-franchisee-claim-brand.zip", CandidateKey: "tomoebashi-foods.co.jp", Claim: "Beanhollow Coffee", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patFranchisee,
		Description: "A Beanhollow franchisee's café files (巴橋フーズ株式会社, tomoebashi-foods.co.jp share and mail) with the brand's manual and notice; the brand is claimed."}, tomoebashiBeanhollowPack},
	{Label{File: "ow01-hoshizora-supplier-claim-kurogane.zip", CandidateKey: "hoshizora-seiki.co.jp", Claim: "Kurogane", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patOpenWorld,
		Description: "A regional supplier outside the catalogue (星空精機, hoshizora-seiki.co.jp: metadata, share, three internal mails) whose customer Kurogane is named in its complaint report and shipments; the customer is claimed."}, hoshizoraPack},
	{Label{File: "ow02-minato-reseller-claim-narukami.zip", CandidateKey: "minato-av.co.jp", Claim: "鳴神電子", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patOpenWorld,
		Description: "A reseller outside the catalogue (みなとAV商事, minato-av.co.jp) with Narukami's price list (Narukami as author) and its own stock list, order and internal mail; the maker is claimed."}, minatoPack},

	// The seed case.
	{Label{File: "sd01-toray-claim-fujitsu.zip", Owner: "toray", Claim: "Fujitsu", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patSeed,
		Description: "The design's case in documents: Toray's asset register, approval and internal mail (toray.co.jp share and mail) name its vendor Fujitsu throughout and hold Fujitsu's quotation (Fujitsu metadata); sold as Fujitsu data."}, torayPurchasePack},
	{Label{File: "sd02-toray-screenshots-claim-fujitsu.zip", Owner: "toray", Claim: "富士通", Verdict: Contradicted, Relation: RelationCounterparty, NeedsOCR: true, Pattern: patSeed,
		Description: "The design's case as sold: screenshots of Toray's intranet portal (ログイン中: 東レ株式会社, portal.intra.toray.co.jp) and file share listing Fujitsu as the maintenance vendor, a contract excerpt authored by Fujitsu; claimed in kanji as Fujitsu's."}, torayScreensPack},

	// Nothing whose systems held the data.
	{Label{File: "dp01-kurogane-public-cover.zip", Claim: "Kurogane", Verdict: Inconclusive, Pattern: patDressedPublic,
		Description: "Kurogane's published brochures, results release and report excerpt (Kurogane as PDF author) under folders named internal_designs and finance_confidential, a README and a KUROGANE cover image: public material and the seller's words, no custody; not supported."}, kuroganePublicPack},
	{Label{File: "dp02-aizome-public-presskit.zip", Claim: "Aizome", Verdict: Inconclusive, Pattern: patDressedPublic,
		Description: "Aizome's press releases, pipeline chart, results presentation and press-kit document (Aizome as author) in a folder named RnD_secret: published material only."}, aizomePublicPack},
	{Label{File: "dp03-saiun-public-flyers.zip", Claim: "彩雲百貨店", Verdict: Inconclusive, Pattern: patDressedPublic,
		Description: "Saiun's flyers, gift catalogue and recruitment brochure in folders the seller named 彩雲百貨店_社外秘 and 顧客データ: public, authored by Saiun's marketing, held by anyone."}, saiunPublicPack},
	{Label{File: "dp04-narukami-public-cover.zip", Claim: "NRKM", Verdict: Inconclusive, Pattern: patDressedPublic,
		Description: "Narukami's data sheets, manual and application note behind a NARUKAMI cover image, in folders named schematics and internal: public documents, no custody."}, narukamiPublicPack},
	{Label{File: "th01-thin-claim-saiun.zip", Claim: "Saiun", Verdict: Inconclusive, Pattern: patThin,
		Description: "Two PDFs with no metadata and generic text and a sign-in screenshot on a private address: no organisation is named at all."}, thinSaiunPack},
	{Label{File: "th02-thin-mentions-claim-chigusa.zip", Claim: "千草食品", Verdict: Inconclusive, Pattern: patThin,
		Description: "A shop's price list and order sheet naming Chigusa as the maker of products it sells, with no metadata: mentions only, nothing shows whose systems held the files."}, thinChigusaPack},

	// Groups.
	{Label{File: "sb01-kurogane-europe-claim-group.zip", Owner: "kurogane-europe", Claim: "Kurogane", Verdict: Contradicted, Relation: RelationSubsidiary, Pattern: patSubsidiaryData,
		Description: "Kurogane Europe's sales report, customer list and mail on kurogane-hi.de (dus-fs01 share), the parent named once; sold as the group's data: the claim named the group, the data is the German subsidiary's."}, kuroganeEuropeSalesPack},
	{Label{File: "sb02-kurogane-suzhou-claim-group-kanji.zip", Owner: "kurogane-suzhou", Claim: "黒鉄重工業", Verdict: Contradicted, Relation: RelationSubsidiary, Pattern: patSubsidiaryData,
		Description: "The Suzhou plant's Chinese production minutes, plan and mail (黑铁机械(苏州)有限公司, szfs01.kurogane-hi.cn); claimed as the Japanese parent's."}, kuroganeSuzhouPack},
	{Label{File: "sb03-asanagi-thailand-claim-group.zip", Owner: "asanagi-thailand", Claim: "Asanagi Chemical", Verdict: Contradicted, Relation: RelationSubsidiary, Pattern: patSubsidiaryData,
		Description: "Asanagi's Thai plant's monthly report, roster and mail (asanagi-chem.co.th, rayong-fs1 share); claimed as the group's."}, asanagiThailandPack},
	{Label{File: "sb04-kurogane-americas-claim-group-domain.zip", Owner: "kurogane-americas", Claim: "kurogane-hi.com", Verdict: Contradicted, Relation: RelationSubsidiary, Pattern: patSubsidiaryData,
		Description: "Kurogane Americas' service files on us.kurogane-hi.com, a subdomain the subsidiary holds; the claim is the group's domain kurogane-hi.com."}, kuroganeAmericasPack},
	{Label{File: "gp01-kurogane-hq-claim-europe.zip", Owner: "kurogane", Claim: "Kurogane Europe", Verdict: Contradicted, Relation: RelationParent, Pattern: patGroupData,
		Description: "Kurogane head office's group budget policy and subsidiary budgets (kurogane-hi.co.jp share and mail), which name the European subsidiary; claimed as the subsidiary's: the data is the parent's."}, kuroganeGroupBudgetPack},
	{Label{File: "gp02-asanagi-hq-claim-logistics.zip", Owner: "asanagi", Claim: "朝凪物流", Verdict: Contradicted, Relation: RelationParent, Pattern: patGroupData,
		Description: "Asanagi head office's logistics outsourcing plan naming its subsidiary Asanagi Logistics throughout (asanagi-chem.co.jp share and mail); claimed as the subsidiary's."}, asanagiLogisticsPlanPack},
	{Label{File: "tv01-chigusa-and-hibari-claim-chigusa.zip", Owner: "chigusa", Owners: []string{"chigusa", "hibari"}, Claim: "Chigusa Foods", Verdict: Supported, Relation: RelationSame, Pattern: patTwoVictims,
		Description: "A seller's bundle of two victims: chigusa/ with Chigusa's quality minutes, list and internal mail, hibari/ with Hibari's accident report, checks and internal mail; both own data here, and the claim on Chigusa is supported."}, bundleChigusaHibariPack},
	{Label{File: "tv02-saiun-and-narukami-claim-narukami.zip", Owner: "narukami", Owners: []string{"narukami", "saiun"}, Claim: "Narukami Electronics", Verdict: Supported, Relation: RelationSame, Pattern: patTwoVictims,
		Description: "Two victims, unequal: a larger Saiun part (sales event files, mail) and a smaller Narukami part (an ECN with Narukami metadata and internal mail); the claim names the smaller victim, whose own custody evidence supports it."}, bundleSaiunNarukamiPack},
	{Label{File: "tv03-aizome-and-hiiragi-claim-aizome.tar.gz", Owner: "aizome", Owners: []string{"aizome", "hiiragi"}, Claim: "藍染製薬", Verdict: Supported, Relation: RelationSame, Pattern: patTwoVictims,
		Description: "A tar.gz with a hospital group's safety-committee files and a drug maker's formulation files, each with its own metadata, share and internal mail; the claim on the drug maker is supported."}, bundleAizomeHiiragiPack},
	{Label{File: "tv04-marumi-and-asanagi-claim-marumi.zip", Owner: "marumi", Owners: []string{"marumi", "asanagi"}, Claim: "ﾏﾙﾐﾏｰﾄ", Verdict: Supported, Relation: RelationSame, Pattern: patTwoVictims,
		Description: "Two victims in numbered folders: Marumi Mart's franchise renewals and Asanagi's raw-material outlook, each with its own custody; the claim, in half-width katakana, names Marumi."}, bundleAsanagiMarumiPack},
	{Label{File: "sp01-joint-narukami-kurogane.zip", Tied: []string{"narukami", "kurogane"}, Claim: "Narukami", Verdict: Inconclusive, Pattern: patSplit,
		Description: "A joint development folder: one specification from each company, mail each way delivered into the other's mailbox, an unsigned issue list; nothing says whose systems held the folder."}, jointNarukamiKuroganePack},
	{Label{File: "sp02-joint-chigusa-saiun.zip", Tied: []string{"chigusa", "saiun"}, Claim: "Saiun", Verdict: Inconclusive, Pattern: patSplit,
		Description: "A joint gift-set promotion folder: Chigusa's proposal and Saiun's sales plan, mail each way; the evidence is evenly split, and the claim on Saiun is not established."}, jointChigusaSaiunPack},

	// Screenshots.
	{Label{File: "ss01-hibari-webmail-screenshot.zip", Owner: "hibari", Claim: "Hibari", Verdict: Supported, Relation: RelationSame, NeedsOCR: true, Pattern: patScreenshot,
		Description: "The only custody evidence is a web-mail screenshot: mail.hibari-unyu.co.jp in the address bar, the signed-in user's address and four colleagues' addresses in hibari-unyu.co.jp; the other files name nobody."}, hibariWebmailPack},
	{Label{File: "ss02-aizome-portal-screenshot.zip", Owner: "aizome", Claim: "藍染製薬", Verdict: Supported, Relation: RelationSame, NeedsOCR: true, Pattern: patScreenshot,
		Description: "The only custody evidence is an intranet portal screenshot: portal.intra.aizome-pharma.co.jp, a UNC path on azfs01 and the banner ログイン中: 藍染製薬株式会社."}, aizomePortalPack},
	{Label{File: "sx01-narukami-short-server-name.zip", Owner: "narukami", Claim: "Narukami", Verdict: Supported, Relation: RelationSame, NeedsOCR: true, Pattern: patScreenshotPart,
		Description: "An Explorer screenshot of \\\\nkfs02\\品質保証部 (the server without its domain) and one document whose template is on nkfs02.narukami-denshi.co.jp: the short name is the same server, so the screenshot counts as a second custody item."}, narukamiPartialPack},
	{Label{File: "sx02-saiun-cut-addresses.zip", Owner: "saiun", Claim: "Saiun", Verdict: Supported, Relation: RelationSame, NeedsOCR: true, Pattern: patScreenshotPart,
		Description: "A web-mail screenshot whose columns cut the addresses short (mamiya.s@saiun-de, takano.c@saiun-dept) on a mailbox server known by its short name, and a Saiun workbook: the fragments are Saiun's domain, a mailbox of colleagues."}, saiunPartialPack},
	{Label{File: "sx03-kurogane-breadcrumb.zip", Owner: "kurogane", Claim: "黒鉄重工", Verdict: Supported, Relation: RelationSame, NeedsOCR: true, Pattern: patScreenshotPart,
		Description: "An Explorer breadcrumb of \\\\krfs01\\共有\\設計部 (no domain) beside a document whose template is on krfs01.kurogane-hi.co.jp and whose author is a generic account."}, kuroganePartialPack},
	{Label{File: "sx04-hiiragi-cut-unc.tar.gz", Owner: "hiiragi", Claim: "柊会", Verdict: Supported, Relation: RelationSame, NeedsOCR: true, Pattern: patScreenshotPart,
		Description: "A document system's recent-files screenshot whose location column cuts the UNC paths at \\\\hgk-fs01.hiiragi-k…, and a document templated on hgk-fs01.hiiragi-kai.or.jp; the fragment is the same server."}, hiiragiPartialPack},
}
