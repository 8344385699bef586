package similar

// Match thresholds, decided on the decided half of the set of
// internal/reusegen and reported on both halves by
// `go run ./internal/reusegen/cmd/reusemeasure` (figures in the package
// documentation).
const (
	// ImageMatch is the largest PDQ distance at which two images are the
	// same picture re-published. PDQ's authors suggest 31 for photographs;
	// on screenshots, two screens of one application with other text in
	// them come as near as 16 bits on the screens of internal/reusegen
	// (where 15 was first decided) and as near as 14 on the decided half
	// of its pack set (reusegen.Packs, all eight screen templates), where
	// the re-used screens that PDQ recognises at all (JPEG at 60, halved,
	// a re-shot screen) are at most 12 bits from their source: 13 is the
	// middle of that gap (`go run ./internal/reusegen/cmd/packmeasure
	// -pairs FILE` writes the pairs it was decided on).
	ImageMatch = 13
	// TextMatch is the smallest Similarity at which two texts are the same
	// text re-saved, decided with ShingleWords = 4: the middle of the
	// thresholds that keep every re-saved copy and no fresh text of the
	// same template on the decided half.
	TextMatch = 0.25
	// OCRTextMatch is the smallest Similarity at which the OCR texts of
	// two screenshots say they show the same screen. On the decided half
	// of the pack set of internal/reusegen, read by Tesseract, the screens
	// that need it (cropped or re-shot, beyond ImageMatch) keep 0.45 or
	// more of their source's OCR text, while two different screens of one
	// template reach 0.20 (Japanese windows, whose fixed kanji weigh much
	// when each is a token): 0.33 is the middle of that gap. (0.2, decided
	// first on three screen templates with cmd/reuseocr, let those
	// Japanese screens match.) A halved screen's OCR text is too poor to
	// count (0.09-0.26): PDQ recognises it. A screenshot matches when its
	// PDQ hash is within ImageMatch or its OCR text reaches this.
	OCRTextMatch = 0.33
)
