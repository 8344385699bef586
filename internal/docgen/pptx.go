package docgen

import (
	"fmt"
	"strings"
)

// Slide is one slide of a presentation: a title and body lines, each
// line a paragraph of the body placeholder.
type Slide struct {
	Title string
	Lines []string
}

// PptxSpec describes a PresentationML deck.
type PptxSpec struct {
	Core   CoreProps
	App    AppProps // Application defaults to "Microsoft Office PowerPoint"
	Custom []CustomProp

	// Slides are written in order; a deck needs at least one.
	Slides []Slide

	// ContentTypesIndex places [Content_Types].xml, as in DocxSpec.
	ContentTypesIndex int
}

// maxSlides bounds a deck: the fixtures are short, and a slip in a spec
// should not write thousands of parts.
const maxSlides = 200

// The PresentationML content types.
const (
	pptxPresentation = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
	pptxSlide        = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
	pptxLayout       = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
	pptxMaster       = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"
	pptxTheme        = "application/vnd.openxmlformats-officedocument.theme+xml"
)

// Relationship types of the parts Pptx writes.
const (
	relSlide  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
	relLayout = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
	relMaster = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"
	relTheme  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
)

// pptxNS are the namespaces every PresentationML part declares.
const pptxNS = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`

// Pptx returns the bytes of a .pptx file built from spec: the
// presentation, one part per slide, one slide master with one layout and
// a theme, and the document properties.
func Pptx(spec PptxSpec) ([]byte, error) {
	if len(spec.Slides) == 0 {
		return nil, fmt.Errorf("pptx: %w", errEmptyBody)
	}
	if len(spec.Slides) > maxSlides {
		return nil, fmt.Errorf("pptx: %d slides, at most %d", len(spec.Slides), maxSlides)
	}
	n := len(spec.Slides)
	var pres, presRels, titles strings.Builder
	pres.WriteString(xmlHeader)
	pres.WriteString(`<p:presentation ` + pptxNS + ` saveSubsetFonts="1">`)
	pres.WriteString(`<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst>`)
	presRels.WriteString(xmlHeader)
	presRels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	fmt.Fprintf(&presRels, `<Relationship Id="rId1" Type="%s" Target="slideMasters/slideMaster1.xml"/>`, relMaster)
	overrides := map[string]string{
		"ppt/presentation.xml":              pptxPresentation,
		"ppt/slideMasters/slideMaster1.xml": pptxMaster,
		"ppt/slideLayouts/slideLayout1.xml": pptxLayout,
		"ppt/theme/theme1.xml":              pptxTheme,
	}
	var slideParts []ooxmlPart
	words := 0
	for i, s := range spec.Slides {
		fmt.Fprintf(&pres, `<p:sldId id="%d" r:id="rId%d"/>`, 256+i, i+2)
		fmt.Fprintf(&presRels, `<Relationship Id="rId%d" Type="%s" Target="slides/slide%d.xml"/>`, i+2, relSlide, i+1)
		name := fmt.Sprintf("ppt/slides/slide%d.xml", i+1)
		overrides[name] = pptxSlide
		slideParts = append(slideParts,
			ooxmlPart{name: name, data: slideXML(s)},
			ooxmlPart{name: fmt.Sprintf("ppt/slides/_rels/slide%d.xml.rels", i+1), data: rels(relLayout, "../slideLayouts/slideLayout1.xml")})
		fmt.Fprintf(&titles, "<vt:lpstr>%s</vt:lpstr>", esc(s.Title))
		words += len(strings.Fields(s.Title))
		for _, l := range s.Lines {
			words += len(strings.Fields(l))
		}
	}
	fmt.Fprintf(&presRels, `<Relationship Id="rId%d" Type="%s" Target="theme/theme1.xml"/>`, n+2, relTheme)
	presRels.WriteString(`</Relationships>`)
	pres.WriteString(`</p:sldIdLst><p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`)

	extra := fmt.Sprintf(`<PresentationFormat>ワイド画面</PresentationFormat><Words>%d</Words><Paragraphs>%d</Paragraphs><Slides>%d</Slides><Notes>0</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>`+
		`<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>スライド タイトル</vt:lpstr></vt:variant><vt:variant><vt:i4>%d</vt:i4></vt:variant></vt:vector></HeadingPairs>`+
		`<TitlesOfParts><vt:vector size="%d" baseType="lpstr">%s</vt:vector></TitlesOfParts>`, words, n*2, n, n, n, titles.String())
	app := appPart(spec.App, "Microsoft Office PowerPoint", extra)

	parts := []ooxmlPart{
		{name: "_rels/.rels", data: rootRels("ppt/presentation.xml", len(spec.Custom) > 0)},
		{name: "ppt/presentation.xml", data: []byte(pres.String())},
		{name: "ppt/_rels/presentation.xml.rels", data: []byte(presRels.String())},
	}
	parts = append(parts, slideParts...)
	parts = append(parts,
		ooxmlPart{name: "ppt/slideMasters/slideMaster1.xml", data: []byte(xmlHeader + pptxMasterXML)},
		ooxmlPart{name: "ppt/slideMasters/_rels/slideMaster1.xml.rels", data: []byte(xmlHeader +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			fmt.Sprintf(`<Relationship Id="rId1" Type="%s" Target="../slideLayouts/slideLayout1.xml"/>`, relLayout) +
			fmt.Sprintf(`<Relationship Id="rId2" Type="%s" Target="../theme/theme1.xml"/>`, relTheme) +
			`</Relationships>`)},
		ooxmlPart{name: "ppt/slideLayouts/slideLayout1.xml", data: []byte(xmlHeader + pptxLayoutXML)},
		ooxmlPart{name: "ppt/slideLayouts/_rels/slideLayout1.xml.rels", data: rels(relMaster, "../slideMasters/slideMaster1.xml")},
		ooxmlPart{name: "ppt/theme/theme1.xml", data: []byte(xmlHeader + pptxThemeXML)},
	)
	parts = append(parts, propParts(spec.Core, app, spec.Custom)...)
	return writePackage(contentTypes(overrides, len(spec.Custom) > 0), parts, spec.ContentTypesIndex)
}

// rels renders a relationships part with one relationship, rId1.
func rels(typ, target string) []byte {
	return []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		fmt.Sprintf(`<Relationship Id="rId1" Type="%s" Target="%s"/>`, typ, target) + `</Relationships>`)
}

// slideXML renders one slide: a title shape and a body shape with one
// paragraph per line.
func slideXML(s Slide) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<p:sld ` + pptxNS + `><p:cSld><p:spTree>`)
	b.WriteString(`<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>`)
	shape := func(id int, name, ph string, paras []string) {
		fmt.Fprintf(&b, `<p:sp><p:nvSpPr><p:cNvPr id="%d" name="%s"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>%s</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>`, id, name, ph)
		for _, p := range paras {
			if p == "" {
				b.WriteString(`<a:p><a:endParaRPr lang="ja-JP"/></a:p>`)
				continue
			}
			fmt.Fprintf(&b, `<a:p><a:r><a:rPr lang="ja-JP" altLang="en-US"/><a:t>%s</a:t></a:r></a:p>`, esc(p))
		}
		b.WriteString(`</p:txBody></p:sp>`)
	}
	shape(2, "タイトル 1", `<p:ph type="title"/>`, []string{s.Title})
	if len(s.Lines) > 0 {
		shape(3, "コンテンツ プレースホルダー 2", `<p:ph idx="1"/>`, s.Lines)
	}
	b.WriteString(`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`)
	return []byte(b.String())
}

// pptxMasterXML is a slide master with a title and a body placeholder.
const pptxMasterXML = `<p:sldMaster ` + pptxNS + `><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>` +
	`<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
	`<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr>` +
	`<p:spPr><a:xfrm><a:off x="838200" y="365125"/><a:ext cx="10515600" cy="1325563"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>` +
	`<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="ja-JP"/></a:p></p:txBody></p:sp>` +
	`<p:sp><p:nvSpPr><p:cNvPr id="3" name="Text Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr>` +
	`<p:spPr><a:xfrm><a:off x="838200" y="1825625"/><a:ext cx="10515600" cy="4351338"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>` +
	`<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="ja-JP"/></a:p></p:txBody></p:sp>` +
	`</p:spTree></p:cSld>` +
	`<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>` +
	`<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst>` +
	`<p:txStyles><p:titleStyle><a:lvl1pPr><a:defRPr sz="4400"/></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr><a:defRPr sz="2800"/></a:lvl1pPr></p:bodyStyle><p:otherStyle><a:lvl1pPr><a:defRPr sz="1800"/></a:lvl1pPr></p:otherStyle></p:txStyles>` +
	`</p:sldMaster>`

// pptxLayoutXML is the "Title and Content" layout.
const pptxLayoutXML = `<p:sldLayout ` + pptxNS + ` type="obj" preserve="1"><p:cSld name="タイトルとコンテンツ"><p:spTree>` +
	`<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
	`<p:sp><p:nvSpPr><p:cNvPr id="2" name="タイトル 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/>` +
	`<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="ja-JP"/></a:p></p:txBody></p:sp>` +
	`<p:sp><p:nvSpPr><p:cNvPr id="3" name="コンテンツ プレースホルダー 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>` +
	`<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="ja-JP"/></a:p></p:txBody></p:sp>` +
	`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`

// pptxThemeXML is the smallest complete theme: a colour scheme, a font
// scheme and a format scheme with the three entries of each list the
// schema asks for.
const pptxThemeXML = `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office テーマ"><a:themeElements>` +
	`<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>` +
	`<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>` +
	`<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>` +
	`<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink>` +
	`<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>` +
	`<a:fontScheme name="Office"><a:majorFont><a:latin typeface="游ゴシック Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>` +
	`<a:minorFont><a:latin typeface="游ゴシック"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>` +
	`<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>` +
	`<a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>` +
	`<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>` +
	`<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>` +
	`</a:themeElements></a:theme>`
