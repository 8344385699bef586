package attrpack

// patNeutralBulk is the pattern of the second round's dumps whose files
// are mostly neutral (logs, exports without a name) and whose custody
// rests on a few files that name internal hosts or identifiers.
const patNeutralBulk = "neutral-bulk"

// secondRound is the forty packs written after the first round had been
// scored, with new organisations and new structures (a file-share dump,
// a mailbox export of .msg files, an ERP export, a payroll export, a
// ticketing dump, a CRM export, a home-directory backup), from 5 to 60
// files. Each pattern has an even number of packs, in pairs: the first
// of a pair goes to SplitDecided, the second to SplitHeldout2 (Labels).
var secondRound = []caseDef{
	// The owner claimed, in the forms sellers write.
	{Label{File: "cf07-hoshikage-claim-ticker.zip", Owner: "hoshikage", Claim: "HSKG", Verdict: Supported, Relation: RelationSame, Pattern: patClaimForm,
		Description: "A file-share dump of the insurer's claims department: claim register, assessment memo with a UNC path on hk-fs01.hoshikage-sonpo.co.jp, internal mail; a body shop's estimate is a counterparty's; the claim is the ticker-like alias HSKG."}, hoshikageClaimsSharePack},
	{Label{File: "cf08-sumizome-claim-halfwidth.zip", Owner: "sumizome", Claim: "ｽﾐｿﾞﾒ印刷", Verdict: Supported, Relation: RelationSame, Pattern: patClaimForm,
		Description: "The printer's production control: schedules, meeting deck, reprint report on smfs01.sumizome-print.co.jp and internal mail, beside a design office's proof; the claim is in half-width katakana and kanji."}, sumizomeProductionPack},

	// Custody only in metadata or mail headers.
	{Label{File: "dm05-yukishiro-home-backup.zip", Owner: "yukishiro", Claim: "ＹＵＫＩＳＨＩＲＯ", Verdict: Supported, Relation: RelationSame, Pattern: patDeepMetadata,
		Description: "A researcher's home-directory backup whose bodies and Company fields name nobody: templates on ykfs01.yukishiro-cosme.co.jp, the owner's address in custom properties and photos whose EXIF names Yukishiro; most files are neutral; the claim is in full-width letters."}, yukishiroHomeBackupPack},
	{Label{File: "dm06-fumizuki-nested-site-photos.zip", Owner: "fumizuki", Claim: "文月建設", Verdict: Supported, Relation: RelationSame, Pattern: patDeepMetadata,
		Description: "Site photos whose EXIF Artist and Copyright name the builder, a nested backup zip of documents templated on fzfs01.fumizuki-kensetsu.co.jp and a deck whose custom property names its department; no body names anyone."}, fumizukiSitePhotosPack},
	{Label{File: "mh03-kazahana-mailbox-msg.zip", Owner: "kazahana", Claim: "kazahana-rail.co.jp", Verdict: Supported, Relation: RelationSame, Pattern: patMailCustody,
		Description: "A mailbox exported as 24 Outlook .msg files whose bodies name nobody: every sender and recipient in kazahana-rail.co.jp and every transport header through the railway's own servers; the claim is the owner's domain."}, kazahanaMailboxPack},
	{Label{File: "mh04-hoshikage-inbox-policyholders.zip", Owner: "hoshikage", Claim: "星影損保", Verdict: Supported, Relation: RelationSame, Pattern: patMailCustody,
		Description: "The claims desk's inbox (.eml and .msg): policyholders' mail from free-mail and mobile addresses delivered into the insurer's mailboxes (Received chains ending at mx2 and hk-mbx03) and the desk's internal forwards; the claim is the short kanji name."}, hoshikageInboxPack},

	// Old data, sold as new.
	{Label{File: "st03-sumizome-2017-sold-2025.7z", Owner: "sumizome", Claim: "Sumizome Printing", ClaimDate: "2025-09-14", Verdict: Supported, Relation: RelationSame, Pattern: patStale,
		Description: "The printer's price table, claim report, machine records and mail of 2016 and 2017 (7z) under a folder the seller calls a fresh 2025 dump (its README is the only new file): the owner is right, the data eight years old."}, sumizomeStalePack},
	{Label{File: "st04-mizuchi-2019-sold-2026.zip", Owner: "mizuchi", Claim: "蛟造船", ClaimDate: "2026-01-20", Verdict: Supported, Relation: RelationSame, Pattern: patStale,
		Description: "The shipbuilder's 2019 design review, weight estimate and mail under a folder named 最新データ_2026, claimed in January 2026: the owner is right, the data six years old."}, mizuchiStalePack},

	// What the seller says.
	{Label{File: "sn05-tsukikusa-readme-cover.zip", Owner: "tsukikusa", Claim: "Tsukikusa", Verdict: Supported, Relation: RelationSame, Pattern: patSellerNotes,
		Description: "The bank's loan approval, checklist and mail (tkfs02 share, internal mail) beside the seller's !!!README!!! with a price and Session contact and a wordmark cover: the files' own custody supports the claim, the seller's words add nothing."}, tsukikusaSellerPack},
	{Label{File: "sn06-kazahana-sold-as-mizuchi.zip", Owner: "kazahana", Claim: "Mizuchi Shipbuilding", Verdict: Contradicted, Relation: RelationUnrelated, Pattern: patSellerNotes,
		Description: "The railway's track-work plans, safety instruction and mail (KZR work orders, internal mail) in folders, a README and a cover that say MIZUCHI: the shipbuilder is named only by the seller."}, kazahanaSoldAsMizuchiPack},

	// Counterparties claimed.
	{Label{File: "vc05-yukishiro-claim-instrument-kohaku.zip", Owner: "yukishiro", Claim: "Kohaku Instruments", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patVendorClaimed,
		Description: "The cosmetics maker's QC folder: four of nine files are its instrument maker's calibration certificates and service report (Kohaku metadata and templates), the rest its instrument ledger, deviation report and internal mail, and Kohaku's notice delivered into its mailbox; the vendor is claimed."}, yukishiroInstrumentsPack},
	{Label{File: "vc06-kazahana-claim-si-amagumo.zip", Owner: "kazahana", Claim: "ｱﾏｸﾞﾓ", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patVendorClaimed,
		Description: "The railway's system procurement: the integrator's proposal deck and quotation (Amagumo metadata) and its mail delivered to the railway, beside the railway's evaluation, approval with a kzfs02 path and internal mail; the vendor is claimed in half-width katakana."}, kazahanaProcurementPack},
	{Label{File: "sc03-mizuchi-claim-supplier-oboro.zip", Owner: "mizuchi", Claim: "朧バルブ", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patSupplierClaimed,
		Description: "A hull's receiving folder where five of nine files are the valve maker's test certificates and delivery note (Oboro metadata), under the seller's OBORO_VALVE_internal; the shipbuilder's inspection log, NCR with a mzfs01 path and internal mail hold custody."}, mizuchiValveCertsPack},
	{Label{File: "sc04-sumizome-claim-supplier-shirotae.zip", Owner: "sumizome", Claim: "白妙製紙", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patSupplierClaimed,
		Description: "The printer's paper purchasing: the mill's certificate, quotation and price notice (Shirotae metadata, its mail delivered into the printer's mailbox) beside the printer's stock sheet, policy memo and internal mail; the paper mill is claimed."}, sumizomePaperPack},
	{Label{File: "cl05-rowanbury-claim-client-mizuchi.zip", Owner: "rowanbury", Claim: "Mizuchi Shipbuilding", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patClientClaimed,
		Description: "A law firm's arbitration matter file: its statement, time entries, DMS index on rik-dms01.rowanbury-ikuta.jp and internal mail, with copies of the client shipbuilder's contract and change list (Mizuchi metadata); the client is claimed while the law firm was breached."}, rowanburyMatterPack},
	{Label{File: "cl06-sazanka-claim-client-kazahana.zip", Owner: "sazanka", Claim: "風花鉄道", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patClientClaimed,
		Description: "A payroll bureau's processing of the railway's August payroll: the client's input CSV and its mail delivered into the bureau's mailbox, the bureau's checklist, payslips, procedure note on szk-fs01 and internal mail; the client is claimed."}, sazankaPayrollPack},
	{Label{File: "cl07-amagumo-msp-claim-client-hoshikage.tar.gz", Owner: "amagumo", Claim: "Hoshikage Insurance", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patClientClaimed,
		Description: "An MSP's ticketing dump for one client (tar.gz): AMG- tickets, the client's switch configuration backups (its hosts and domain inside), the MSP's runbook on amg-fs01, monitoring and internal mail; the MSP's systems held it all, the client is claimed."}, amagumoMSPPack},
	{Label{File: "cl08-kestrelford-claim-client-yukishiro.zip", Owner: "kestrelford", Claim: "YKSR", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patClientClaimed,
		Description: "An audit firm's workpapers for the cosmetics maker: the client's trial balance (its metadata) and its mail delivered into the firm's mailbox, the firm's plan and workpapers on kf-audit01 templates and internal review mail; the client is claimed by its ticker-like alias."}, kestrelfordAuditPack},
	{Label{File: "sa05-yukishiro-crm-claim-vendor.zip", Owner: "yukishiro", Claim: "Parlantis", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patSaaS,
		Description: "The cosmetics maker's accounts export from yukishiro.parlantis-crm.com (the vendor's export engine in the workbook's metadata, its notice delivered into the tenant's mailbox) with its own analysis and internal mail; the CRM vendor is claimed."}, yukishiroCRMPack},
	{Label{File: "sa06-hoshikage-crm-claim-tenant.zip", Owner: "hoshikage", Claim: "Hoshikage", Verdict: Supported, Relation: RelationSame, Pattern: patSaaS,
		Description: "The insurer's agency export from hoshikage.parlantis-crm.com (vendor-made workbook and notice delivered to the insurer) with its own evaluation memo and internal mail; the tenant is claimed."}, hoshikageCRMPack},

	// Owners outside the catalogue.
	{Label{File: "fr05-yuzutsu-franchisee-claim-brand.zip", CandidateKey: "yuzutsu-foods.jp", Claim: "木陰ベーカリー", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patFranchisee,
		Description: "A bakery franchisee's two stores: Company 株式会社夕星フーズ in documents and signatures, mail in yuzutsu-foods.jp, its NAS and POS gateway under the same domain; the brand's manual and notice are the franchisor's; the brand is claimed."}, yuzutsuFranchiseePack},
	{Label{File: "fr06-komadoriya-franchisee-claim-name.zip", CandidateKey: "komadoriya.co.jp", Claim: "こまどり屋", Verdict: Supported, Relation: RelationSame, Pattern: patFranchisee,
		Description: "A convenience-store franchisee's office files: Company 有限会社こまどり屋 in documents, mail in komadoriya.co.jp joined by a signature, the brand's guide and notice; the claim names the franchisee by its company name."}, komadoriyaFranchiseePack},
	{Label{File: "ow03-umibe-carrier-claim-mizuchi.zip", CandidateKey: "umibe-kairiku.co.jp", Claim: "Mizuchi", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patOpenWorld,
		Description: "A heavy-haul carrier outside the catalogue (海辺海陸運送, umibe-kairiku.co.jp: metadata, share, internal mail) moving a shipbuilder's hull blocks, with the shipbuilder's yard rules; the customer is claimed."}, umibeCarrierPack},
	{Label{File: "ow04-shigino-design-claim-sumizome.zip", CandidateKey: "shigino-design.jp", Claim: "墨染印刷", Verdict: Contradicted, Relation: RelationCounterparty, Pattern: patOpenWorld,
		Description: "A design office outside the catalogue (合同会社鴫野デザイン, shigino-design.jp) whose print orders go to the printer, the printer's proof notice delivered into its mailbox; the printer is claimed."}, shiginoDesignPack},

	// Nothing whose systems held the data.
	{Label{File: "dp05-mizuchi-public-ir.zip", Claim: "MZCH", Verdict: Inconclusive, Pattern: patDressedPublic,
		Description: "The shipbuilder's results presentation (its own Company field), brochure, press release and report excerpt under folders named secret_designs, a README with a price and a MIZUCHI cover: published material and the seller's words, no custody."}, mizuchiPublicPack},
	{Label{File: "dp06-hoshikage-public-brochures.zip", Claim: "星影損害保険", Verdict: Inconclusive, Pattern: patDressedPublic,
		Description: "The insurer's pamphlet, policy terms, sustainability report and call-centre number in folders the seller named 顧客情報 and 社外秘_約款: public material, held by anyone."}, hoshikagePublicPack},
	{Label{File: "th03-thin-logs-claim-kazahana.zip", Claim: "Kazahana Railway", Verdict: Inconclusive, Pattern: patThin,
		Description: "Five neutral files (a syslog with private addresses, sensor readings, a timetable without names, a note): nothing says whose systems held them."}, thinLogsPack},
	{Label{File: "th04-thin-mentions-claim-yukishiro.zip", Claim: "雪代化粧品", Verdict: Inconclusive, Pattern: patThin,
		Description: "A drugstore's shelf plan and order sheet naming the cosmetics maker as the maker of what it sells, with no metadata: mentions only."}, thinMentionsPack},

	// Groups.
	{Label{File: "sb05-mizuchi-asia-claim-group.zip", Owner: "mizuchi-asia", Claim: "Mizuchi Shipbuilding", Verdict: Contradicted, Relation: RelationSubsidiary, Pattern: patSubsidiaryData,
		Description: "The Singapore repair subsidiary's dock schedule, quotations, manning plan and mail on mizuchi-marine.com.sg (sg-fs01 share), the parent named once; sold as the group's: the claim named the group."}, mizuchiAsiaPack},
	{Label{File: "sb06-yukishiro-korea-claim-group-kanji.zip", Owner: "yukishiro-korea", Claim: "雪代化粧品", Verdict: Contradicted, Relation: RelationSubsidiary, Pattern: patSubsidiaryData,
		Description: "The Korean subsidiary's sales report, store list and mail in Korean (유키시로코리아, yukishiro.co.kr, sel-fs01 share); claimed as the Japanese parent's in kanji."}, yukishiroKoreaPack},
	{Label{File: "gp03-yukishiro-hq-claim-france.zip", Owner: "yukishiro", Claim: "Yukishiro France", Verdict: Contradicted, Relation: RelationParent, Pattern: patGroupData,
		Description: "The parent's global brand plan, subsidiary budgets and memo (yukishiro-cosme.co.jp metadata and mail) naming its French subsidiary; claimed as the French subsidiary's: the data is the parent's."}, yukishiroHQPack},
	{Label{File: "gp04-mizuchi-hq-claim-vietnam.zip", Owner: "mizuchi", Claim: "Mizuchi Vietnam", Verdict: Contradicted, Relation: RelationParent, Pattern: patGroupData,
		Description: "The parent's yard-capacity plan, transfer study and deck naming its Vietnamese yard throughout (mizuchi-zosen.co.jp metadata and mail); claimed as the subsidiary's."}, mizuchiHQPack},
	{Label{File: "tv05-kazahana-and-sumizome-claim-kazahana.zip", Owner: "kazahana", Owners: []string{"kazahana", "sumizome"}, Claim: "風花鉄道", Verdict: Supported, Relation: RelationSame, Pattern: patTwoVictims,
		Description: "A forty-file dump of two shares: 32 files of the railway's maintenance share (KZR work orders, internal mail) and 7 of a printer's (its smfs01 path and internal mail); both hold data here, the claim on the railway is supported."}, kazahanaSumizomeBundlePack},
	{Label{File: "tv06-tsukikusa-and-fumizuki-claim-tsukikusa.zip", Owner: "tsukikusa", Owners: []string{"tsukikusa", "fumizuki"}, Claim: "月草信用金庫", Verdict: Supported, Relation: RelationSame, Pattern: patTwoVictims,
		Description: "Two victims, unequal: twenty files of a builder's project share and five of a bank's loan files with their own custody (internal mail, tkfs02 path); the claim names the smaller victim, whose own evidence supports it."}, tsukikusaFumizukiBundlePack},
	{Label{File: "sp03-joint-sumizome-yukishiro.zip", Tied: []string{"sumizome", "yukishiro"}, Claim: "Yukishiro Cosmetics", Verdict: Inconclusive, Pattern: patSplit,
		Description: "A joint packaging folder: the cosmetics maker's design brief and the printer's print specification, mail each way delivered into the other's mailbox, an unsigned schedule: nothing says whose systems held it."}, jointPackagingPack},
	{Label{File: "sp04-joint-kazahana-fumizuki.zip", Tied: []string{"kazahana", "fumizuki"}, Claim: "文月建設", Verdict: Inconclusive, Pattern: patSplit,
		Description: "A joint station-rebuild folder: the railway's requirements and the builder's schedule, mail each way, an unsigned meeting list; the evidence is evenly split."}, jointStationPack},

	// Screenshots read in part.
	{Label{File: "sx05-fumizuki-address-cut.zip", Owner: "fumizuki", Claim: "Fumizuki Construction", Verdict: Supported, NeedsOCR: true, Relation: RelationSame, Pattern: patScreenshotPart,
		Description: "A web-mail screenshot whose address bar, banner and sender column are cut at the window's edge (mail.fumizuki-kense, @fumizuki-k…), beside a document templated on fzfs01.fumizuki-kensetsu.co.jp by a generic account: the fragments are the builder's domain."}, fumizukiCutAddressPack},
	{Label{File: "sx06-tsukikusa-breadcrumb.zip", Owner: "tsukikusa", Claim: "月草信金", Verdict: Supported, NeedsOCR: true, Relation: RelationSame, Pattern: patScreenshotPart,
		Description: "An intranet screenshot with a breadcrumb and the short names tkportal and \\\\tkfs02\\融資部 (no domain), beside a loan approval templated on tkfs02.tsukikusa-shinkin.co.jp by a generic account: the short name is the same server."}, tsukikusaBreadcrumbPack},

	// Mostly neutral files.
	{Label{File: "nb01-sumizome-press-logs.zip", Owner: "sumizome", Claim: "墨染印刷", Verdict: Supported, Relation: RelationSame, Pattern: patNeutralBulk,
		Description: "Forty files of press logs and ink readings that name nobody; custody rests on three: a RIP configuration on smz-rip01.sumizome.local (the printer's internal domain), a backup script and a sync log copying to smfs01.sumizome-print.co.jp."}, sumizomePressLogsPack},
	{Label{File: "nb02-fumizuki-erp-export.tar.gz", Owner: "fumizuki", Claim: "fumizuki", Verdict: Supported, Relation: RelationSame, Pattern: patNeutralBulk,
		Description: "An ERP export (tar.gz) of sixty tables, 57 of them postings and master data without a name; custody rests on the project master's FZK-PJ codes (the builder's own identifiers) and two job logs on fzerp-prd01.fumizuki-kensetsu.co.jp; the claim is the catalogue id."}, fumizukiERPPack},
}
