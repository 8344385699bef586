package exifcompare

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// Field is one normalised metadata field compared with exiftool.
type Field string

// The compared fields, named as in meta.Metadata.
const (
	Authors        Field = "Authors"
	LastModifiedBy Field = "LastModifiedBy"
	Organisation   Field = "Organisation"
	Software       Field = "Software"
	Created        Field = "Created"
	Modified       Field = "Modified"
	Title          Field = "Title"
	Camera         Field = "Camera"
	TZOffset       Field = "TZOffset"
	GPSField       Field = "GPS"
)

// Fields lists the compared fields in table order.
var Fields = []Field{Authors, LastModifiedBy, Organisation, Software, Created, Modified, Title, Camera, TZOffset, GPSField}

// Family is the group of formats that share one mapping of exiftool tags.
type Family string

// The families with a mapping; FamilyOther files are listed, not compared.
const (
	FamilyImage Family = "image"
	FamilyOOXML Family = "ooxml"
	FamilyODF   Family = "odf"
	FamilyOLE2  Family = "ole2"
	FamilyPDF   Family = "pdf"
	FamilyEmail Family = "email"
	FamilyHTML  Family = "html"
	FamilyOther Family = "other"
)

// FamilyOf returns the mapping family of a type from package identify.
func FamilyOf(t identify.Type) Family {
	m := t.MIME
	switch {
	case strings.HasPrefix(m, "image/"):
		return FamilyImage
	case m == "application/pdf":
		return FamilyPDF
	case strings.HasPrefix(m, "application/vnd.openxmlformats-officedocument."),
		strings.HasPrefix(m, "application/vnd.ms-") && strings.HasSuffix(m, ".12"):
		return FamilyOOXML
	case strings.HasPrefix(m, "application/vnd.oasis.opendocument."):
		return FamilyODF
	case m == "application/msword", m == "application/vnd.ms-excel", m == "application/vnd.ms-powerpoint", m == identify.MIMEOLE2:
		return FamilyOLE2
	case m == "message/rfc822":
		return FamilyEmail
	case m == "text/html", m == "application/xhtml+xml":
		return FamilyHTML
	}
	return FamilyOther
}

// OursValues renders the compared fields of m as the strings the table
// shows: authors joined by "; ", GPS as "lat,lon[,alt]" rounded to 1e-6,
// dates and offsets as the report writes them. Empty fields are "".
func OursValues(m meta.Metadata) map[Field]string {
	v := map[Field]string{
		Authors:        strings.Join(m.Authors, "; "),
		LastModifiedBy: m.LastModifiedBy,
		Organisation:   m.Organisation,
		Software:       m.Software,
		Created:        m.Created,
		Modified:       m.Modified,
		Title:          m.Title,
		Camera:         m.Camera,
		TZOffset:       m.TZOffset,
	}
	if m.GPS != nil {
		v[GPSField] = formatGPS(m.GPS.Lat, m.GPS.Lon, m.GPS.Alt)
	}
	return v
}

// source is one way exiftool may report a field: its tags, joined by a
// space when several are present (Application + AppVersion), or gathered
// into a list (Artist, OwnerName) for Authors.
type source struct {
	tags []string
	// utc: exiftool prints this date without a zone, but the record is
	// UTC (FILETIME, PNG tIME): the date is read as UTC.
	utc bool
}

func tags(t ...string) source    { return source{tags: t} }
func utcTag(t string) source     { return source{tags: []string{t}, utc: true} }
func oneOf(s ...source) []source { return s }

// mapping is, per field, the sources tried in order; the first with a
// value gives exiftool's side. Camera, TZOffset and GPS are derived by
// exiftoolValues, not listed here.
type mapping map[Field][]source

// Mappings is the table of the package documentation, in code.
var mappings = map[Family]mapping{
	FamilyImage: {
		Authors:      oneOf(tags("EXIF:Artist", "EXIF:OwnerName"), tags("XMP:Creator"), tags("PNG:Author")),
		Organisation: oneOf(tags("EXIF:Copyright"), tags("PNG:Copyright"), tags("XMP:Rights")),
		Software:     oneOf(tags("EXIF:Software"), tags("PNG:Software"), tags("XMP:CreatorTool")),
		Created: oneOf(tags("Composite:SubSecDateTimeOriginal"), tags("EXIF:DateTimeOriginal"),
			tags("Composite:SubSecCreateDate"), tags("EXIF:CreateDate"), tags("PNG:CreationTime"),
			tags("XMP:CreateDate"), tags("XMP:DateCreated"), tags("XMP:DateTimeOriginal")),
		Modified: oneOf(tags("Composite:SubSecModifyDate"), tags("EXIF:ModifyDate"), utcTag("PNG:ModifyDate"), tags("XMP:ModifyDate")),
		Title:    oneOf(tags("EXIF:XPTitle"), tags("PNG:Title"), tags("XMP:Title")),
	},
	FamilyOOXML: {
		Authors:        oneOf(tags("XMP:Creator")),
		LastModifiedBy: oneOf(tags("XML:LastModifiedBy")),
		Organisation:   oneOf(tags("XML:Company")),
		Software:       oneOf(tags("XML:Application", "XML:AppVersion")),
		Created:        oneOf(tags("XML:CreateDate")),
		Modified:       oneOf(tags("XML:ModifyDate")),
		Title:          oneOf(tags("XMP:Title")),
	},
	FamilyODF: {
		Authors:        oneOf(tags("XMP:Initial-creator")),
		LastModifiedBy: oneOf(tags("XMP:Creator")),
		Software:       oneOf(tags("XMP:Generator")),
		Created:        oneOf(tags("XMP:Creation-date")),
		Modified:       oneOf(tags("XMP:Date")),
		Title:          oneOf(tags("XMP:Title")),
	},
	FamilyOLE2: {
		Authors:        oneOf(tags("FlashPix:Author")),
		LastModifiedBy: oneOf(tags("FlashPix:LastModifiedBy")),
		Organisation:   oneOf(tags("FlashPix:Company")),
		Software:       oneOf(tags("FlashPix:Software")),
		Created:        oneOf(utcTag("FlashPix:CreateDate")),
		Modified:       oneOf(utcTag("FlashPix:ModifyDate")),
		Title:          oneOf(tags("FlashPix:Title")),
	},
	FamilyPDF: {
		Authors:  oneOf(tags("PDF:Author"), tags("XMP:Creator")),
		Software: oneOf(tags("PDF:Creator"), tags("PDF:Producer"), tags("XMP:CreatorTool"), tags("XMP:Producer")),
		Created:  oneOf(tags("PDF:CreateDate"), tags("XMP:CreateDate")),
		Modified: oneOf(tags("PDF:ModifyDate"), tags("XMP:ModifyDate")),
		Title:    oneOf(tags("PDF:Title"), tags("XMP:Title")),
	},
	FamilyHTML: {
		Authors:  oneOf(tags("HTML:Author")),
		Software: oneOf(tags("HTML:Generator")),
		Title:    oneOf(tags("HTML:Title")),
	},
	// exiftool 12.57 has no reader for RFC 5322 messages: nothing to map.
	FamilyEmail: {},
}

// ExiftoolValues maps exiftool's tags of one file to the compared fields,
// normalised as OursValues renders ours. The second result names, per
// field, the tag the value came from.
func ExiftoolValues(fam Family, tg Tags) (map[Field]string, map[Field]string) {
	vals, from := map[Field]string{}, map[Field]string{}
	mp := mappings[fam]
	var createdRaw, modifiedRaw string
	for _, f := range Fields {
		for _, src := range mp[f] {
			var parts []string
			var used []string
			for _, t := range src.tags {
				for _, s := range tagStrings(tg[t]) {
					if (f == Created || f == Modified) && blankDate(s) {
						continue
					}
					if s = strings.TrimSpace(s); s != "" {
						parts = append(parts, s)
						used = append(used, t)
					}
				}
			}
			if len(parts) == 0 {
				continue
			}
			sep := " "
			if f == Authors {
				parts = unique(parts)
				sep = "; "
			}
			v := strings.Join(parts, sep)
			if f == Created || f == Modified {
				if f == Created {
					createdRaw = v
				} else {
					modifiedRaw = v
				}
				v = exiftoolDate(v, src.utc)
			}
			vals[f], from[f] = v, strings.Join(unique(used), "+")
			break
		}
	}
	if fam == FamilyImage {
		mk, model := tagString(tg["EXIF:Make"]), tagString(tg["EXIF:Model"])
		if cam := camera(mk, model); cam != "" {
			vals[Camera], from[Camera] = cam, "EXIF:Make+EXIF:Model"
		}
		lat, okLat := tagFloat(tg["Composite:GPSLatitude"])
		lon, okLon := tagFloat(tg["Composite:GPSLongitude"])
		if okLat && okLon {
			var alt *float64
			if a, ok := tagFloat(tg["Composite:GPSAltitude"]); ok {
				alt = &a
			}
			vals[GPSField], from[GPSField] = formatGPS(lat, lon, alt), "Composite:GPSLatitude+GPSLongitude+GPSAltitude"
		}
	}
	// TZOffset: the zone of the creation date, else of the modification
	// date, else (photos) the first OffsetTime* tag.
	for _, d := range []struct{ raw, tag string }{{createdRaw, from[Created]}, {modifiedRaw, from[Modified]}} {
		if off := dateOffset(d.raw); off != "" && fam != FamilyOLE2 {
			vals[TZOffset], from[TZOffset] = off, "zone of "+d.tag
			break
		}
	}
	if fam == FamilyODF {
		// exiftool flattens meta:user-defined into parallel lists of
		// names and values; Organisation is the one named Company.
		names, values := tagStrings(tg["XMP:User-definedName"]), tagStrings(tg["XMP:User-defined"])
		for i, n := range names {
			if strings.EqualFold(n, "Company") && i < len(values) && strings.TrimSpace(values[i]) != "" {
				vals[Organisation], from[Organisation] = strings.TrimSpace(values[i]), "XMP:User-defined[Company]"
				break
			}
		}
	}
	if vals[TZOffset] == "" && fam == FamilyImage {
		for _, t := range []string{"EXIF:OffsetTimeOriginal", "EXIF:OffsetTimeDigitized", "EXIF:OffsetTime"} {
			if s := tagString(tg[t]); s != "" {
				vals[TZOffset], from[TZOffset] = s, t
				break
			}
		}
	}
	return vals, from
}

// blankDate reports whether s is a date of blanks and colons, ":  :
// :  :", which EXIF writes for a date it does not know: no value, so the
// next tag of the mapping gives exiftool's side.
func blankDate(s string) bool {
	return strings.Contains(s, ":") && strings.Trim(s, ": ") == ""
}

// mappedTagsPresent returns the tags of any family's mapping that tg
// holds, sorted.
func mappedTagsPresent(tg Tags) []string {
	seen := map[string]bool{}
	var out []string
	for _, mp := range mappings {
		for _, srcs := range mp {
			for _, src := range srcs {
				for _, t := range src.tags {
					if !seen[t] && tagString(tg[t]) != "" {
						seen[t] = true
						out = append(out, t)
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// camera composes make and model as meta does: the model alone when it
// already starts with the make ("Canon EOS R5"), else both.
func camera(mk, model string) string {
	mk, model = strings.TrimSpace(mk), strings.TrimSpace(model)
	if mk != "" && model != "" && strings.HasPrefix(strings.ToLower(model), strings.ToLower(mk)) {
		return model
	}
	return strings.TrimSpace(mk + " " + model)
}

// tagFloat reads a number of exiftool's JSON.
func tagFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	}
	return 0, false
}

func tagString(v any) string {
	s := tagStrings(v)
	if len(s) == 0 {
		return ""
	}
	return strings.TrimSpace(s[0])
}

// tagStrings renders a JSON value of exiftool: strings as they are,
// numbers in their shortest form (exiftool prints a title "2021" as a
// number), lists element by element.
func tagStrings(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return []string{x}
	case json.Number:
		return []string{x.String()}
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	case bool:
		return []string{strconv.FormatBool(x)}
	case Repeated:
		return tagStrings([]any(x))
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, tagStrings(e)...)
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

func unique(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// exiftoolDate turns exiftool's "2021:04:12 10:30:00.25+09:00" into the
// report's RFC 3339 "2021-04-12T10:30:00.25+09:00"; "+00:00" becomes "Z"
// as Go writes it. utc appends "Z" to a date exiftool printed without a
// zone. Values that are not dates come back unchanged.
func exiftoolDate(s string, utc bool) string {
	if len(s) < 19 || s[4] != ':' || s[7] != ':' || s[10] != ' ' {
		return s
	}
	out := s[:4] + "-" + s[5:7] + "-" + s[8:10] + "T" + s[11:]
	zone := ""
	if i := strings.IndexAny(s[19:], "Z+-"); i >= 0 {
		zone = s[19+i:]
	}
	layout := "2006-01-02T15:04:05.999999999"
	if zone != "" {
		layout += "Z07:00"
	}
	t, err := time.Parse(layout, out)
	if err != nil {
		return out
	}
	switch {
	case zone != "":
		return meta.FormatTime(t, true)
	case utc:
		return meta.FormatTime(t.UTC(), true)
	}
	return meta.FormatTime(t, false)
}

// dateOffset is the zone of an exiftool date as "+09:00" ("+00:00" for
// "Z"), or "" when it has none.
func dateOffset(s string) string {
	if len(s) < 19 {
		return ""
	}
	rest := s[19:]
	if i := strings.IndexAny(rest, "Z+-"); i >= 0 {
		z := rest[i:]
		if z == "Z" {
			return "+00:00"
		}
		if len(z) == 6 && z[3] == ':' {
			return z
		}
	}
	return ""
}

// formatGPS renders a position rounded to 1e-6 degree (about 0.1 m), the
// precision both sides agree on; exiftool computes decimal degrees from
// the same rationals with Perl floating point.
func formatGPS(lat, lon float64, alt *float64) string {
	r := func(x float64) string {
		x = math.Round(x*1e6) / 1e6
		if x == 0 {
			x = 0 // no "-0"
		}
		return strconv.FormatFloat(x, 'f', 6, 64)
	}
	s := r(lat) + "," + r(lon)
	if alt != nil {
		s += "," + r(*alt)
	}
	return s
}
