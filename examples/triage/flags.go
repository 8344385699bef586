package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// claimDate is the -claim-date flag: a day (YYYY-MM-DD, midnight UTC) or
// an RFC 3339 time.
type claimDate struct{ t time.Time }

func (d *claimDate) String() string {
	if d == nil || d.t.IsZero() {
		return ""
	}
	return d.t.Format(time.RFC3339)
}

func (d *claimDate) Set(s string) error {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			d.t = t
			return nil
		}
	}
	return fmt.Errorf("invalid date %q (want YYYY-MM-DD or RFC 3339, e.g. 2026-05-01)", s)
}

// byteSize is a flag value in bytes that accepts units: 500MB, 8GiB, 1024.
type byteSize int64

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40},
	{"b", 1},
}

func (b *byteSize) String() string { return humanBytes(int64(*b)) }

func (b *byteSize) Set(s string) error {
	v, err := parseByteSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(v)
	return nil
}

func parseByteSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	n := f * float64(mult)
	// !(n >= 1) also rejects NaN, and sizes under one byte, which would
	// become 0 and silently mean "the default".
	if err != nil || !(n >= 1) || n > 1<<62 {
		return 0, fmt.Errorf("invalid size %q (want e.g. 500MB, 8GiB)", s)
	}
	return int64(n), nil
}

// humanBytes renders a byte count with a binary unit.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}
