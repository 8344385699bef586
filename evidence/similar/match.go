package similar

// Match thresholds, decided on the decided half of the set of
// internal/reusegen and reported on both halves by
// `go run ./internal/reusegen/cmd/reusemeasure` (figures in the package
// documentation).
const (
	// ImageMatch is the largest PDQ distance at which two images are the
	// same picture re-published.
	ImageMatch = 31
	// TextMatch is the smallest Similarity at which two texts are the same
	// text re-saved.
	TextMatch = 0.29
)
