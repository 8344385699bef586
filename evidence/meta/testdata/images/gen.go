//go:build ignore

// gen writes the image fixtures of package meta's EXIF, XMP and PNG tests:
// the docgen ones byte for byte, the others through exiftool (12.57),
// cwebp and heif-enc, which must be on PATH. Run from the repository root:
//
//	go run ./evidence/meta/testdata/images/gen.go
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"golang.org/x/image/tiff"

	"github.com/proofpack/proofpack/internal/docgen"
)

const dir = "evidence/meta/testdata/images"

func main() {
	img := tiny()
	jst := time.FixedZone("JST", 9*3600)

	j, err := docgen.JPEG(img, 50, &docgen.EXIFSpec{
		Make: "FUJIFILM", Model: "X-T30", Software: "Adobe Photoshop 22.0 (Windows)",
		Artist: "Hanako Kitagawa", Copyright: "(c) 2021 Example Trading Co., Ltd.",
		DateTime:         time.Date(2021, 4, 13, 9, 0, 0, 0, time.UTC),
		DateTimeOriginal: time.Date(2021, 4, 12, 10, 30, 0, 0, jst),
	})
	check(err)
	write("jpeg_docgen.jpg", j)

	p, err := docgen.PNG(img, map[string]string{
		"Software": "Greenshot", "Author": "Taro Yamada", "Title": "発注一覧",
		"Creation Time": "Mon, 12 Apr 2021 10:30:00 +0900", "Comment": "internal use only",
	})
	check(err)
	write("png_docgen.png", p)

	// exiftool fixtures start from plain images.
	var b bytes.Buffer
	check(jpeg.Encode(&b, img, &jpeg.Options{Quality: 50}))
	write("jpeg_exiftool.jpg", b.Bytes())
	exiftool("jpeg_exiftool.jpg",
		"-Make=Canon", "-Model=Canon EOS R5", "-Software=Photos 1.0",
		"-Artist=山田 太郎", "-Copyright=© 2021 Toray Industries, Inc.",
		"-ImageDescription=Plant 3 line B", "-UserComment=検査用",
		"-OwnerName=Taro Yamada", "-SerialNumber=012345678",
		"-DateTimeOriginal=2021:04:12 10:30:00", "-SubSecTimeOriginal=25", "-OffsetTimeOriginal=+09:00",
		"-CreateDate=2021:04:12 10:30:00", "-OffsetTimeDigitized=+09:00",
		"-ModifyDate=2021:04:13 08:00:00", "-OffsetTime=+09:00", "-Orientation#=1",
		"-GPSLatitude=35.68", "-GPSLatitudeRef=N", "-GPSLongitude=139.76", "-GPSLongitudeRef=E",
		"-GPSAltitude=40.5", "-GPSAltitudeRef#=0", "-GPSDateStamp=2021:04:12", "-GPSTimeStamp=01:30:00",
		"-XMP-dc:Creator=山田 太郎", "-XMP-dc:Creator=Hanako Kitagawa",
		"-XMP-dc:Rights=© 2021 Toray Industries, Inc.", "-XMP-dc:Title=検査写真",
		"-XMP-xmp:CreatorTool=Photos 1.0", "-XMP-xmp:CreateDate=2021:04:12 10:30:00+09:00",
		"-XMP-xmp:ModifyDate=2021:04:13 08:00:00+09:00", "-XMP-photoshop:AuthorsPosition=Inspector",
		"-XMP-xmpMM:HistoryAction=created", "-XMP-xmpMM:HistorySoftwareAgent=Photos 1.0",
		"-XMP-xmpMM:HistoryAction=saved", "-XMP-xmpMM:HistorySoftwareAgent=Adobe Photoshop 22.0 (Windows)",
	)
	// The same file with the XMP segment moved before the Exif one.
	write("jpeg_xmp_first.jpg", xmpFirst(read("jpeg_exiftool.jpg")))

	b.Reset()
	check(png.Encode(&b, img))
	write("png_exiftool.png", b.Bytes())
	exiftool("png_exiftool.png", "-z",
		"-EXIF:Artist=Hanako Kitagawa", "-EXIF:Make=Apple", "-EXIF:Model=iPhone 12",
		"-EXIF:DateTimeOriginal=2021:04:12 10:30:00", "-EXIF:OffsetTimeOriginal=+09:00",
		"-PNG:Software=Snipping Tool", "-PNG:Author=Taro Yamada", "-PNG:Description=見積書 スクリーンショット",
		"-PNG:CreationTime=2021:04:12 10:30:00+09:00", "-PNG:ModifyDate=2021:04:13 08:00:00Z",
		"-XMP-dc:Creator=Taro Yamada", "-XMP-xmp:CreatorTool=Snipping Tool",
	)

	b.Reset()
	check(tiff.Encode(&b, img, nil))
	write("tiff_exiftool.tif", b.Bytes())
	exiftool("tiff_exiftool.tif",
		"-Artist=Hanako Kitagawa", "-Copyright=Copyright 2019-2021 Example Trading Co., Ltd. All rights reserved.",
		"-Software=ScanSnap Manager", "-ModifyDate=2021:04:13 08:00:00",
		"-XMP-dc:Creator=Hanako Kitagawa", "-XMP-xmp:CreatorTool=ScanSnap Manager",
	)

	b.Reset()
	check(png.Encode(&b, img))
	write("tmp.png", b.Bytes())
	run("cwebp", "-quiet", "-lossless", filepath.Join(dir, "tmp.png"), "-o", filepath.Join(dir, "webp_exiftool.webp"))
	exiftool("webp_exiftool.webp",
		"-Artist=Hanako Kitagawa", "-Make=Google", "-Model=Pixel 5", "-DateTimeOriginal=2021:04:12 10:30:00",
		"-OffsetTimeOriginal=+09:00", "-XMP-dc:Creator=Hanako Kitagawa",
	)
	run("heif-enc", "-q", "10", filepath.Join(dir, "tmp.png"), "-o", filepath.Join(dir, "heic_exiftool.heic"))
	exiftool("heic_exiftool.heic",
		"-Artist=Hanako Kitagawa", "-Make=Apple", "-Model=iPhone 12", "-DateTimeOriginal=2021:04:12 10:30:00",
		"-OffsetTimeOriginal=+09:00", "-GPSLatitude=35.68", "-GPSLatitudeRef=N", "-GPSLongitude=139.76", "-GPSLongitudeRef=E",
	)
	check(os.Remove(filepath.Join(dir, "tmp.png")))

	b.Reset()
	pal := image.NewPaletted(img.Bounds(), []color.Color{color.White, color.Black})
	check(gif.Encode(&b, pal, nil))
	write("gif_exiftool.gif", b.Bytes())
	exiftool("gif_exiftool.gif", "-Comment=Scanned by Hanako Kitagawa, Example Trading", "-XMP-dc:Creator=Hanako Kitagawa")
}

// tiny is a 16×16 image with a diagonal, small enough to commit.
func tiny() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for i := 0; i < 16; i++ {
		for j := 0; j < 16; j++ {
			img.Set(i, j, color.White)
		}
		img.Set(i, i, color.Black)
	}
	return img
}

// xmpFirst moves the XMP APP1 segment of a JPEG before its Exif APP1.
func xmpFirst(j []byte) []byte {
	var segs [][]byte
	pos := 2
	for pos+4 <= len(j) && j[pos] == 0xff && j[pos+1] != 0xda {
		l := int(binary.BigEndian.Uint16(j[pos+2:]))
		segs = append(segs, j[pos:pos+2+l])
		pos += 2 + l
	}
	var exif, xmp int = -1, -1
	for i, s := range segs {
		if bytes.HasPrefix(s[4:], []byte("Exif\x00")) {
			exif = i
		}
		if bytes.HasPrefix(s[4:], []byte("http://ns.adobe.com/xap/1.0/\x00")) {
			xmp = i
		}
	}
	if exif < 0 || xmp < 0 || xmp < exif {
		log.Fatalf("xmpFirst: exif %d xmp %d", exif, xmp)
	}
	segs[exif], segs[xmp] = segs[xmp], segs[exif]
	out := append([]byte{}, j[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, j[pos:]...)
}

func exiftool(name string, args ...string) {
	args = append([]string{"-q", "-overwrite_original", "-P"}, args...)
	run("exiftool", append(args, filepath.Join(dir, name))...)
}

func run(cmd string, args ...string) {
	out, err := exec.Command(cmd, args...).CombinedOutput()
	if err != nil {
		log.Fatalf("%s %v: %v\n%s", cmd, args, err, out)
	}
}

func read(name string) []byte {
	b, err := os.ReadFile(filepath.Join(dir, name))
	check(err)
	return b
}

func write(name string, b []byte) {
	check(os.WriteFile(filepath.Join(dir, name), b, 0o644))
}

func check(err error) {
	if err != nil {
		log.Fatal(fmt.Errorf("gen: %w", err))
	}
}
