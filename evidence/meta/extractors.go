package meta

// Extractors returns a fresh set of every extractor of this package, in
// the order Run tries them: for a normalised field, the first extractor
// that fills it wins (EXIF before XMP for photos, the format's own
// properties before anything else: a PNG's text chunks before its XMP, as
// exiftool ranks them).
func Extractors() []Extractor {
	return []Extractor{
		NewEXIF(),
		NewPNG(),
		NewXMP(),
		NewOOXML(),
		NewODF(),
		NewOLE2(),
		NewEmail(),
		NewMSG(),
		NewHTML(),
		NewPDF(),
		NewPostScript(),
		NewXCF(),
		NewText(),
	}
}
