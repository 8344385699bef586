package exifcompare

// ParseRecords reads what `exiftool -json -G -n` prints, an array of one
// record per file (a recorded file such as the development corpus's
// exiftool.json), keeping numbers as written and every value of a
// repeated key.
func ParseRecords(data []byte) ([]Tags, error) {
	return parseRecords(data)
}
