package unpack

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Split archives: one archive cut into volumes, each a file of its own.
// A volume alone is not an archive one can read (the other volumes hold
// the rest of its entries, or its directory), and read as one file it
// would be triaged as an unknown blob: SplitVolumeOf recognises a volume
// by its name and its content, so that a triage says which volumes are
// missing, and JoinVolumes reads a complete set as one archive.
//
// Volume numbers and counts come from names and headers an attacker
// writes: they only ever name volumes (at most maxSplitNames of them),
// never size an allocation.

// Formats of split archives (SplitVolume.Format).
const (
	SplitZip      = "zip" // Info-ZIP and PKZIP spanning: NAME.z01, NAME.z02, …, NAME.zip
	SplitSevenZip = "7z"  // 7-Zip's byte split: NAME.7z.001, NAME.7z.002, …
	SplitRar      = "rar" // RAR volumes: NAME.part1.rar, … or NAME.rar, NAME.r00, NAME.r01, …
)

// maxSplitNames bounds the volume names SplitVolume.Missing lists.
const maxSplitNames = 8

// maxSplitVolume is the highest volume number taken from a name: ten
// thousand volumes of a proof pack is already not one.
const maxSplitVolume = 9999

// SplitVolume says that a file is one volume of a split archive.
type SplitVolume struct {
	Format string // SplitZip, SplitSevenZip or SplitRar
	// Base is the name of the set without its volume suffix: "pack" for
	// pack.z01, "pack.7z" for pack.7z.001, "pack" for pack.part2.rar.
	Base string
	// Number is the volume's place in the set, from 1; 0 when unknown
	// (the first volume of old-style RAR names, whose count is unknown).
	Number int
	// Last is true when the volume is known to be the last: a split
	// zip's NAME.zip, whose end record gives its disk number.
	Last bool
	// Total is the number of volumes when the volume says it (the last
	// volume of a split zip), 0 otherwise.
	Total int
	// rarOld is true for old-style RAR names (NAME.rar, NAME.r00 …).
	rarOld bool
	// rarDigits is the width of the number in NAME.partN.rar.
	rarDigits int
}

var (
	reZipVolume = regexp.MustCompile(`(?i)^(.+)\.z([0-9]{2,4})$`)
	reSevenZip  = regexp.MustCompile(`(?i)^(.+\.7z)\.([0-9]{3,4})$`)
	reRarPart   = regexp.MustCompile(`(?i)^(.+)\.part([0-9]{1,4})\.rar$`)
	reRarOld    = regexp.MustCompile(`(?i)^(.+)\.r([0-9]{2,3})$`)
	sigSplitZip = []byte("PK\x07\x08") // the spanning marker a split zip's first volume starts with
)

// SplitVolumeOf reports whether the file name, of size bytes read from
// r, is a volume of a split archive, and which. It reads at most 64 KiB
// and the few bytes of a header. A name alone is not enough where the
// content can say: a .z01 must start as a split zip does, a .zip must
// have an end record on a disk after the first, a .7z.001 must be a 7z
// whose headers lie past its end, and a RAR volume must say so in its
// main header. Volumes after the first of a split zip or a 7z are cut
// anywhere, with no header of their own: their name says it.
func SplitVolumeOf(name string, r io.ReaderAt, size int64) (SplitVolume, bool) {
	name = baseName(name)
	head := make([]byte, min(size, 64))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return SplitVolume{}, false
	}
	if m := reZipVolume.FindStringSubmatch(name); m != nil {
		n, _ := strconv.Atoi(m[2])
		if n < 1 || n > maxSplitVolume || n == 1 && !bytes.HasPrefix(head, sigSplitZip) && !bytes.HasPrefix(head, sigLocal) {
			return SplitVolume{}, false
		}
		return SplitVolume{Format: SplitZip, Base: m[1], Number: n}, true
	}
	if disk, ok := zipLastDisk(r, size); ok {
		base := strings.TrimSuffix(strings.TrimSuffix(name, ".zip"), ".ZIP")
		return SplitVolume{Format: SplitZip, Base: base, Number: disk + 1, Last: true, Total: disk + 1}, true
	}
	if m := reSevenZip.FindStringSubmatch(name); m != nil {
		n, _ := strconv.Atoi(m[2])
		if n < 1 || n > maxSplitVolume || n == 1 && !sevenZipCut(head, size) {
			return SplitVolume{}, false
		}
		return SplitVolume{Format: SplitSevenZip, Base: m[1], Number: n}, true
	}
	volume, number, ok := rarVolume(r, size)
	if !ok || !volume {
		return SplitVolume{}, false
	}
	if m := reRarPart.FindStringSubmatch(name); m != nil {
		n, _ := strconv.Atoi(m[2])
		if n < 1 || n > maxSplitVolume {
			return SplitVolume{}, false
		}
		return SplitVolume{Format: SplitRar, Base: m[1], Number: n, rarDigits: len(m[2])}, true
	}
	if m := reRarOld.FindStringSubmatch(name); m != nil {
		n, _ := strconv.Atoi(m[2])
		return SplitVolume{Format: SplitRar, Base: m[1], Number: n + 2, rarOld: true}, true
	}
	return SplitVolume{Format: SplitRar, Base: strings.TrimSuffix(strings.TrimSuffix(name, ".rar"), ".RAR"), Number: number, rarOld: true}, true
}

// SplitName reports whether name could be a volume's by itself: NAME.zNN,
// NAME.7z.NNN, NAME.partN.rar, NAME.rNN, or any NAME.zip or NAME.rar
// (a split zip's last volume, a RAR set's first). A caller with many
// files to check asks it first: SplitVolumeOf reads the end of a file
// for a zip end record.
func SplitName(name string) bool {
	name = baseName(name)
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".zip") || strings.HasSuffix(lower, ".rar") ||
		reZipVolume.MatchString(name) || reSevenZip.MatchString(name) || reRarOld.MatchString(name)
}

// baseName is the last element of a path of either kind of slash, or
// of a path into a package ("pack.zip!/dir/x.z01").
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// Name returns the file name of volume n (from 1) of the set; "" when
// the naming cannot say it (a split zip's last volume, unknown).
func (v SplitVolume) Name(n int) string {
	switch v.Format {
	case SplitZip:
		if v.Total > 0 && n == v.Total {
			return v.Base + ".zip"
		}
		return fmt.Sprintf("%s.z%02d", v.Base, n)
	case SplitSevenZip:
		return fmt.Sprintf("%s.%03d", v.Base, n)
	case SplitRar:
		if v.rarOld {
			if n == 1 {
				return v.Base + ".rar"
			}
			return fmt.Sprintf("%s.r%02d", v.Base, n-2)
		}
		return fmt.Sprintf("%s.part%0*d.rar", v.Base, max(v.rarDigits, 1), n)
	}
	return ""
}

// Missing names the volumes of the set that other volumes must be,
// those before this one, and a split zip's last (NAME.zip) when this is
// not it, leaving out those have says are there; at most maxSplitNames.
// more is true when the list is not all: cut at maxSplitNames, or the
// set may have volumes no name can tell (its count is unknown).
func (v SplitVolume) Missing(have func(name string) bool) (names []string, more bool) {
	add := func(n string) {
		switch {
		case have != nil && have(n):
		case len(names) == maxSplitNames:
			more = true
		default:
			names = append(names, n)
		}
	}
	for n := 1; n < v.Number && !more; n++ {
		add(v.Name(n))
	}
	switch {
	case v.Format == SplitZip && !v.Last:
		add(v.Base + ".zip")
		more = true // volumes between this one and the last
	case v.Total == 0:
		more = true
	}
	return names, more
}

// String describes the volume for a problem's detail: "volume 2 of a
// split zip".
func (v SplitVolume) String() string {
	what := map[string]string{SplitZip: "a split zip", SplitSevenZip: "a split 7z archive", SplitRar: "a multi-volume RAR archive"}[v.Format]
	switch {
	case v.Last && v.Total > 0:
		return fmt.Sprintf("the last volume (%d of %d) of %s", v.Number, v.Total, what)
	case v.Number > 0:
		return fmt.Sprintf("volume %d of %s", v.Number, what)
	}
	return "a volume of " + what
}

// zipLastDisk reports whether r ends with a zip end record on a disk
// after the first, and that disk's number (from 0).
func zipLastDisk(r io.ReaderAt, size int64) (int, bool) {
	if size < zipEndLen {
		return 0, false
	}
	_, endOff, err := findZipEnd(r, size)
	if err != nil {
		return 0, false
	}
	var b [zipEndLen]byte
	if _, err := r.ReadAt(b[:], endOff); err != nil && err != io.EOF {
		return 0, false
	}
	disk := int(binary.LittleEndian.Uint16(b[4:]))
	if disk == 0 || disk == 0xffff {
		return 0, false // one disk, or a zip64 end record's
	}
	return disk, true
}

// sevenZipCut reports whether head starts a 7z archive whose next
// header lies past size: the first volume of a split 7z.
func sevenZipCut(head []byte, size int64) bool {
	if len(head) < 32 || !bytes.HasPrefix(head, magic7z) {
		return false
	}
	off := binary.LittleEndian.Uint64(head[12:])
	n := binary.LittleEndian.Uint64(head[20:])
	end := uint64(32) + off
	if end < off || end+n < end {
		return true // overflows: it cannot end within any file
	}
	return end+n > uint64(size)
}

// rarVolume reads a RAR archive's main header: whether the archive is a
// volume of a set, and its number from 1 when the header gives it (RAR
// 5 from the second volume on), 0 otherwise.
func rarVolume(r io.ReaderAt, size int64) (volume bool, number int, ok bool) {
	var b [64]byte
	n, err := r.ReadAt(b[:min(size, int64(len(b)))], 0)
	if err != nil && err != io.EOF {
		return false, 0, false
	}
	h := b[:n]
	switch {
	case bytes.HasPrefix(h, magicRar5):
		return rar5Volume(h[len(magicRar5):])
	case bytes.HasPrefix(h, magicRar4):
		// The marker block, then the main header: CRC (2), type 0x73,
		// flags (2): 0x0001 a volume.
		m := h[len(magicRar4):]
		if len(m) < 5 || m[2] != 0x73 {
			return false, 0, false
		}
		flags := binary.LittleEndian.Uint16(m[3:])
		if flags&0x0100 != 0 {
			return flags&0x0001 != 0, 1, true // the first volume (new names)
		}
		return flags&0x0001 != 0, 0, true
	}
	return false, 0, false
}

// rar5Volume reads a RAR 5 main archive header (after the signature):
// CRC32, size, type 1, header flags, [extra size], [data size], archive
// flags (0x0001 volume, 0x0002 number present), [volume number, 1 for
// the second volume].
func rar5Volume(h []byte) (bool, int, bool) {
	if len(h) < 4 {
		return false, 0, false
	}
	h = h[4:]
	fields := make([]uint64, 0, 6)
	for len(fields) < 6 {
		v, n := binary.Uvarint(h)
		if n <= 0 {
			break
		}
		fields = append(fields, v)
		h = h[n:]
	}
	// fields: size, type, header flags, then the optional sizes.
	if len(fields) < 4 || fields[1] != 1 {
		return false, 0, false
	}
	i := 3
	if fields[2]&0x1 != 0 {
		i++
	}
	if fields[2]&0x2 != 0 {
		i++
	}
	if i >= len(fields) {
		return false, 0, false
	}
	flags := fields[i]
	if flags&0x1 == 0 {
		return false, 0, true
	}
	if flags&0x2 == 0 || i+1 >= len(fields) {
		return true, 1, true // no number: the first volume
	}
	if fields[i+1] >= maxSplitVolume {
		return true, 0, true // a number no set reaches: unknown
	}
	return true, int(fields[i+1]) + 1, true
}
