package ocrset

// Pages returns every page of the set, English first, in a fixed order.
func Pages() []Page {
	return append(engPages(), jpnPages()...)
}
