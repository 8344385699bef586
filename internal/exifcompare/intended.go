package exifcompare

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// IntendedDifference is a way our value may differ from exiftool's on
// purpose, with the reason.
type IntendedDifference struct {
	// Name is a short label shown in the table.
	Name string
	// Family and Field restrict the difference; empty means any.
	Family Family
	Field  Field
	// Match reports whether the cell is this difference; tg are
	// exiftool's tags of the file, for a difference that depends on what
	// the file holds.
	Match func(f File, c Cell, tg Tags) bool
	// Reason says why we differ.
	Reason string
}

// IntendedDifferences is the list of the differences from exiftool 12.57
// the library means to have. A difference not on it fails the comparison.
var IntendedDifferences = []IntendedDifference{
	{
		Name: "cp932", Family: FamilyOLE2,
		Match:  func(_ File, c Cell, _ Tags) bool { return cp932Question(c.Ours, c.Exiftool) },
		Reason: "we decode CP932 (code page 932) OLE2 property strings; exiftool 12.57 knows only the single-byte Windows code pages and prints \"?\" for each byte of 0x80 or more (a second byte in the ASCII range stays a letter: スライド is \"?X???C?h\")",
	},
	{
		Name: "html-charset", Family: FamilyHTML,
		Match:  func(_ File, c Cell, _ Tags) bool { return legacyAsUTF8(c.Ours, c.Exiftool) },
		Reason: "we decode an HTML page in the charset it declares or identify finds (Shift_JIS, EUC-JP, GBK, Big5, EUC-KR, KOI8-R, Windows and ISO 8859 code pages); exiftool 12.57 reads the bytes as UTF-8 and prints \"?\" for each byte that is not",
	},
	{
		Name: "no-mail-reader", Family: FamilyEmail,
		Match:  func(_ File, c Cell, _ Tags) bool { return c.Exiftool == "" },
		Reason: "exiftool 12.57 has no reader for RFC 5322 messages; we read From, Date, Subject, Organization and X-Mailer/User-Agent",
	},
	{
		Name: "office-utc", Family: FamilyOOXML, Field: TZOffset,
		Match:  func(_ File, c Cell, _ Tags) bool { return c.Ours == "" && c.Exiftool == "+00:00" },
		Reason: "Office writes every OOXML date in UTC (\"Z\") whatever the author's zone: we set TZOffset only from a numeric offset, which says where the author was",
	},
	{
		Name: "odf-utc", Family: FamilyODF, Field: TZOffset,
		Match:  func(_ File, c Cell, _ Tags) bool { return c.Ours == "" && c.Exiftool == "+00:00" },
		Reason: "LibreOffice writes ODF dates in local time without a zone; the libraries that write them in UTC (\"Z\": SheetJS, generators of test files) do so whatever the author's zone, as Office does in OOXML: we set TZOffset only from a numeric offset, which says where the author was",
	},
	{
		Name: "odf-first-user-field", Family: FamilyODF, Field: Organisation,
		Match:  func(_ File, c Cell, _ Tags) bool { return c.Exiftool == "" && c.Ours != "" },
		Reason: "exiftool 12.57 reports only the first meta:user-defined field of an ODF meta.xml; we read them all, and Organisation is the one named Company",
	},
	{
		Name: "filetime-fraction", Family: FamilyOLE2,
		Match:  func(_ File, c Cell, _ Tags) bool { return sameSecond(c.Field, c.Ours, c.Exiftool) },
		Reason: "an OLE2 FILETIME counts 100-nanosecond ticks and we keep the fraction of the second (a timeline orders saves seconds apart); exiftool 12.57 prints FlashPix dates cut to the whole second",
	},
	{
		Name: "filetime-zero", Family: FamilyOLE2,
		Match: func(_ File, c Cell, _ Tags) bool {
			return (c.Field == Created || c.Field == Modified) && c.Ours == "" && (c.Exiftool == "0" || strings.HasPrefix(c.Exiftool, "0000-00-00") || strings.HasPrefix(c.Exiftool, "0000:00:00"))
		},
		Reason: "a FILETIME of zero means the date was never set: we leave the field empty, exiftool 12.57 prints the zero",
	},
	{
		Name: "word-dop-local", Family: FamilyOLE2,
		Match: func(_ File, c Cell, tg Tags) bool {
			return (c.Field == Created || c.Field == Modified) && tg["FlashPix:Identification"] != nil && localAsUTC(c.Ours, c.Exiftool)
		},
		Reason: "a Word document's DOP dates (exiftool's FlashPix:CreateDate and ModifyDate when no property set gives one) are local times without zone, which we keep without zone; this comparison reads FlashPix dates as the UTC FILETIMEs of property sets",
	},
	{
		Name: "gps-altitude-ref", Family: FamilyImage, Field: GPSField,
		Match: func(_ File, c Cell, tg Tags) bool {
			return tg["EXIF:GPSAltitude"] != nil && tg["EXIF:GPSAltitudeRef"] == nil && tg["XMP:GPSAltitudeRef"] == nil &&
				c.Exiftool != "" && strings.HasPrefix(c.Ours, c.Exiftool+",") && strings.Count(c.Exiftool, ",") == 1
		},
		Reason: "EXIF gives GPSAltitudeRef a default of 0, above sea level: we keep a GPSAltitude written without its reference; exiftool 12.57's composite GPSAltitude requires the reference and drops it",
	},
	{
		Name: "pdf-zone-hours", Family: FamilyPDF,
		Match: func(_ File, c Cell, _ Tags) bool {
			return (c.Field == Created || c.Field == Modified) && zoneHoursDropped(c.Ours, c.Exiftool)
		},
		Reason: "a PDF date may give its zone in hours alone (\"D:20050526155503-05\": the minutes and apostrophes may be left out, ISO 32000-1 7.9.4); we keep that zone, exiftool 12.57 drops it and prints the time without zone",
	},
	{
		Name: "copyright-holder", Field: Organisation,
		Match: func(_ File, c Cell, _ Tags) bool {
			return c.Ours != "" && c.Ours != c.Exiftool && strings.Contains(c.Exiftool, c.Ours)
		},
		Reason: "Organisation is the holder named in a copyright notice (\"(c) 2021 Example Co.\" gives \"Example Co.\"); exiftool prints the whole notice",
	},
}

func matchIntended(fam Family, f File, c Cell, tg Tags) *IntendedDifference {
	for i := range IntendedDifferences {
		d := &IntendedDifferences[i]
		if (d.Family == "" || d.Family == fam) && (d.Field == "" || d.Field == c.Field) && d.Match(f, c, tg) {
			return d
		}
	}
	return nil
}

// cp932Question reports whether theirs is ours in CP932 with every byte
// of 0x80 or more printed as "?" and the others as the ASCII they are:
// what exiftool 12.57 prints for a string of a code page it does not
// know.
func cp932Question(ours, theirs string) bool {
	if ours == theirs || !strings.Contains(theirs, "?") {
		return false
	}
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(ours))
	if err != nil {
		return false
	}
	for i, c := range b {
		if c >= utf8.RuneSelf {
			b[i] = '?'
		}
	}
	return string(b) == theirs
}

// legacyCharsets are the charsets an HTML page that exiftool reads as
// UTF-8 may be in.
var legacyCharsets = []encoding.Encoding{
	japanese.ShiftJIS, japanese.EUCJP, simplifiedchinese.GBK, traditionalchinese.Big5, korean.EUCKR,
	charmap.KOI8R, charmap.Windows1250, charmap.Windows1251, charmap.Windows1252, charmap.Windows1253,
	charmap.Windows1254, charmap.Windows1255, charmap.Windows1256, charmap.Windows1257,
	charmap.ISO8859_2, charmap.ISO8859_5, charmap.ISO8859_6, charmap.ISO8859_7, charmap.ISO8859_8,
}

// legacyAsUTF8 reports whether theirs is ours encoded in one of
// legacyCharsets and read back as UTF-8, each byte that does not start a
// valid sequence printed as "?".
func legacyAsUTF8(ours, theirs string) bool {
	if ours == theirs || ours == "" || !strings.Contains(theirs, "?") {
		return false
	}
	for _, enc := range legacyCharsets {
		b, err := enc.NewEncoder().Bytes([]byte(ours))
		if err != nil {
			continue
		}
		var sb strings.Builder
		for len(b) > 0 {
			r, n := utf8.DecodeRune(b)
			if r == utf8.RuneError && n <= 1 {
				r = '?'
			}
			sb.WriteRune(r)
			b = b[n:]
		}
		if sb.String() == theirs {
			return true
		}
	}
	return false
}

// localAsUTC reports whether ours, a date without zone, is theirs, the
// same wall-clock time that this comparison read as UTC.
func localAsUTC(ours, theirs string) bool {
	if _, err := time.Parse("2006-01-02T15:04:05.999999999", ours); err != nil {
		return false
	}
	return ours+"Z" == theirs
}

// zoneHoursDropped reports whether ours is a date with a zone of whole
// hours and theirs the same wall-clock time without zone.
func zoneHoursDropped(ours, theirs string) bool {
	o, err := time.Parse(time.RFC3339Nano, ours)
	if err != nil {
		return false
	}
	if _, off := o.Zone(); off%3600 != 0 {
		return false
	}
	if _, err := time.Parse("2006-01-02T15:04:05.999999999", theirs); err != nil {
		return false
	}
	return o.Format("2006-01-02T15:04:05.999999999") == theirs
}

// sameSecond reports whether ours, a date of the Created or Modified
// field with a fraction of a second, is theirs once the fraction is cut
// off (not rounded: exiftool truncates), theirs having none.
func sameSecond(field Field, ours, theirs string) bool {
	if field != Created && field != Modified || ours == theirs {
		return false
	}
	o, err := time.Parse(time.RFC3339Nano, ours)
	if err != nil || o.Nanosecond() == 0 {
		return false
	}
	t, err := time.Parse(time.RFC3339, theirs)
	if err != nil || t.Nanosecond() != 0 {
		return false
	}
	return o.Truncate(time.Second).Equal(t)
}
