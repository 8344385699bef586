package meta

import (
	"math"
	"strconv"
	"strings"
)

// parseTextCoord reads a GPS coordinate written as text, as some phones
// and editors write the EXIF GPSLatitude and GPSLongitude tags (type
// ASCII instead of three rationals) and as XMP holds it in decimal
// degrees: "35.68", "-35.68", "35.68N", "35,40.8N", "35 40 48.5 N",
// "35°40'48.5\"N", "35/1,40/1,4850/100". A hemisphere letter (N, S, E, W)
// before or after the numbers gives the sign; ok is false for anything
// else, and for a coordinate beyond 180 degrees.
func parseTextCoord(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return 0, false
	}
	sign := 1.0
	for _, end := range []bool{true, false} {
		i := 0
		if end {
			i = len(s) - 1
		}
		switch s[i] {
		case 'N', 'n', 'E', 'e':
		case 'S', 's', 'W', 'w':
			sign = -sign
		default:
			continue
		}
		if end {
			s = s[:i]
		} else {
			s = s[1:]
		}
		break
	}
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '°' || r == '\'' || r == '"' || r == ':' || r == '′' || r == '″'
	})
	if len(parts) == 0 || len(parts) > 3 {
		return 0, false
	}
	d := 0.0
	for i, p := range parts {
		f, ok := parseTextNumber(p)
		if !ok || (i > 0 && (f < 0 || f >= 60)) {
			return 0, false
		}
		if i == 0 && f < 0 {
			sign, f = -sign, -f
		}
		d += f / math.Pow(60, float64(i))
	}
	if d > 180 {
		return 0, false
	}
	return sign * d, true
}

// parseTextNumber reads a decimal number or a rational "num/den".
func parseTextNumber(s string) (float64, bool) {
	if num, den, ok := strings.Cut(s, "/"); ok {
		n, err1 := strconv.ParseFloat(num, 64)
		d, err2 := strconv.ParseFloat(den, 64)
		if err1 != nil || err2 != nil || d == 0 {
			return 0, false
		}
		s = strconv.FormatFloat(n/d, 'g', -1, 64)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}
