package attrpack

import (
	"github.com/proofpack/proofpack/internal/docgen"
)

// caseDef is one labelled pack and the function that builds it.
type caseDef struct {
	label Label
	build func(*docgen.Fonts) *pack
}

// cases is every pack, in the order of labels.json.
var cases = []caseDef{
	{Label{
		File: "s01-hitachi-claim-hitachi.zip", Owner: "hitachi", Claim: "Hitachi", Verdict: Supported,
		Description: "Hitachi's design-review papers: Company metadata, a template on a hitachi.co.jp share and internal hitachi.co.jp mail; the claim names the owner.",
	}, hitachiPack},
	{Label{
		File: "s02-toyota-claim-katakana.tar.gz", Owner: "toyota", Claim: "トヨタ", Verdict: Supported,
		Description: "Toyota production planning in Japanese (tar.gz): トヨタ自動車株式会社 in metadata, a toyota.co.jp template share, ISO-2022-JP internal mail; the claim is the katakana alias; Denso is only a supplier named in the body.",
	}, toyotaPack},
	{Label{
		File: "s03-nec-claim-domain.zip", Owner: "nec", Claim: "nec.com", Verdict: Supported,
		Description: "NEC internal mail (nec.com on both sides, nec.com relays) and a Company=NEC Corporation plan that mentions AWS as the cloud target; the claim is given as a domain.",
	}, necPack},
	{Label{
		File: "s04-fujitsu-claim-kanji.zip", Owner: "fujitsu", Claim: "富士通", Verdict: Supported,
		Description: "The mirror of the Fujitsu/Toray sample: Fujitsu's own sales files about its customer Toray (Fujitsu metadata, fujitsu.com internal mail, 東レ株式会社 御中 in the body); the claim is the kanji name of the owner.",
	}, fujitsuPack},
	{Label{
		File: "c01-deloitte-claim-siemens.zip", Owner: "deloitte", Claim: "Siemens", Verdict: Contradicted,
		Description: "Deloitte audit workpapers for the client Siemens AG: Siemens is named on every page, but Company, templates on a deloitte.com share and deloitte.com internal mail are Deloitte's; the seller claims the audit client.",
	}, deloittePack},
	{Label{
		File: "c02-reseller-claim-sony.zip", CandidateKey: "minato-av.co.jp", Claim: "Sony", Verdict: Contradicted,
		Description: "A fictional Sony reseller (みなとAV商事, minato-av.co.jp, outside the catalogue) with Sony price lists and orders to Sony: every ownership signal is the reseller's, strong enough (metadata, share, internal mail) to contradict the Sony claim although the owner is unknown to the catalogue.",
	}, resellerPack},
	{Label{
		File: "c03-ricoh-claim-aws.zip", Owner: "ricoh", Claim: "AWS", Verdict: Contradicted,
		Description: "Ricoh's cloud cost files: an AWS invoice addressed to Ricoh, Ricoh metadata and ricoh.co.jp internal mail; the seller claims the cloud provider that only bills the owner.",
	}, ricohPack},
	{Label{
		File: "p01-nttdata-claim-nttdata.zip", Owner: "ntt-data", Claim: "NTT DATA", Verdict: Supported,
		Description: "NTT DATA (a subsidiary of NTT in the catalogue): NTTデータ metadata, nttdata.co.jp share and internal mail, with NTT group rules mentioned in the body; the claim names the subsidiary itself.",
	}, nttDataPack},
	{Label{
		File: "p02-nttdata-claim-parent-ntt.zip", Owner: "ntt-data", Claim: "NTT", Verdict: Supported,
		Description: "The same kind of NTT DATA files, sold as NTT data: the owner is NTT DATA, and the claim names its parent; supported (weakly: the group's data), the rule fingerprint's Verdict documents for a parent claim.",
	}, nttGroupPack},
	{Label{
		File: "i01-thin-claim-panasonic.zip", Claim: "Panasonic", Verdict: Inconclusive,
		Description: "Almost nothing to go on: three PDFs with no metadata and generic text, a generic sign-in screenshot on a private IP; no organisation is named, so the Panasonic claim can be neither supported nor contradicted.",
	}, thinPack},
	{Label{
		File: "i02-split-claim-hitachi.zip", Tied: []string{"hitachi", "toshiba"}, Claim: "Hitachi", Verdict: Inconclusive,
		Description: "A joint project folder whose evidence is split evenly: the same documents and internal mail once from Hitachi and once from Toshiba; either may rank first, and the Hitachi claim is not established.",
	}, splitPack},
	{Label{
		File: "m01-canon-noisy-claim-canon.zip", Owner: "canon", Claim: "Canon", Verdict: Supported,
		Description: "Canon's files drowned in mentions: a 5 000-row customer CSV naming other big companies, a Sony press release with Sony metadata, an NEC invoice addressed to Canon; Canon metadata, share and internal mail still make it the owner.",
	}, canonPack},
	{Label{
		File: "m02-denso-noisy-claim-toyota.zip", Owner: "denso", Claim: "Toyota", Verdict: Contradicted,
		Description: "Denso's shipment records: a 5 000-row CSV of deliveries to Toyota plants and a Toyota purchase order, but Denso metadata, a denso.com share and denso.com internal mail; the seller claims the customer.",
	}, densoPack},
	{Label{
		File: "o01-honda-ocr-only.zip", Owner: "honda", Claim: "Honda", Verdict: Supported, NeedsOCR: true,
		Description: "The only owner evidence is in two screenshots, an engineering portal and an Explorer window: intranet host names under honda.co.jp, the signed-in user's honda.co.jp address and a UNC path, readable by OCR; the other files carry no signal.",
	}, hondaPack},
	{Label{
		File: "o02-mitsubishi-electric-ocr-only.zip", Owner: "mitsubishi-electric", Claim: "三菱電機", Verdict: Supported, NeedsOCR: true,
		Description: "Two Japanese screenshots are the only owner evidence: an intranet portal (hosts under mitsubishielectric.co.jp, a ログイン中 banner naming 三菱電機株式会社) and a web-mail inbox of internal senders; the other files carry no signal.",
	}, melcoPack},
	{Label{
		File: "d01-toshiba-metadata-only.zip", Owner: "toshiba", Claim: "東芝", Verdict: Supported,
		Description: "Owner evidence only in metadata: Company 株式会社東芝, a toshiba.co.jp template path, an author address in a custom property, EXIF Artist and Copyright of a photo taken with a SONY camera (the maker, not an owner); bodies name nobody.",
	}, toshibaPack},
	{Label{
		File: "h01-kddi-mail-headers-only.zip", Owner: "kddi", Claim: "KDDI", Verdict: Supported,
		Description: "Owner evidence only in mail headers: From and To in kddi.com, kddi.com relays in Received and Message-IDs; bodies and the attachment name nobody.",
	}, kddiPack},
	{Label{
		File: "w01-openworld-claim-toyota.zip", CandidateKey: "hoshizora-seiki.co.jp", Claim: "Toyota", Verdict: Contradicted,
		Description: "A fictional regional supplier outside the catalogue (星空精機, hoshizora-seiki.co.jp) whose metadata, file share and internal mail dominate; Toyota is its customer, named in orders and shipment lists. The evidence is strong, so the Toyota claim is contradicted although the owner is unknown to the catalogue.",
	}, hoshizoraPack},
}
