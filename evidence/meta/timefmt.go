package meta

import (
	"fmt"
	"time"
)

// FormatTime renders a metadata time as the report does: RFC 3339 with
// its offset when the record fixes the zone, the bare wall clock
// ("2021-04-12T10:30:00") when it does not (EXIF DateTime without
// OffsetTime, for example). Nanoseconds are kept when present.
func FormatTime(t time.Time, zoneKnown bool) string {
	if t.IsZero() {
		return ""
	}
	if zoneKnown {
		return t.Format(time.RFC3339Nano)
	}
	return t.Format("2006-01-02T15:04:05.999999999")
}

// FormatOffset renders a zone offset in seconds as "+09:00".
func FormatOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	return fmt.Sprintf("%c%02d:%02d", sign, seconds/3600, seconds%3600/60)
}
