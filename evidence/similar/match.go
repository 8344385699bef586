package similar

// Match thresholds, decided on the decided half of the set of
// internal/reusegen and reported on both halves by
// `go run ./internal/reusegen/cmd/reusemeasure` (figures in the package
// documentation).
const (
	// ImageMatch is the largest PDQ distance at which two images are the
	// same picture re-published. PDQ's authors suggest 31 for photographs;
	// on screenshots, two screens of one application with other text in
	// them come as near as 16 bits, so the threshold decided on the
	// decided half is 15: no false match there, and JPEG re-encoding and
	// halving still match.
	ImageMatch = 15
	// TextMatch is the smallest Similarity at which two texts are the same
	// text re-saved, decided with ShingleWords = 4: the middle of the
	// thresholds that keep every re-saved copy and no fresh text of the
	// same template on the decided half.
	TextMatch = 0.25
	// OCRTextMatch is the smallest Similarity at which the OCR texts of
	// two screenshots say they show the same screen, decided on the
	// decided half of the screens of internal/reusegen read by Tesseract
	// (go run ./internal/reusegen/cmd/reuseocr). OCR text is noisier than
	// a document's body, so its threshold is lower; a screenshot matches
	// when its PDQ hash is within ImageMatch or its OCR text reaches this.
	OCRTextMatch = 0.2
)
