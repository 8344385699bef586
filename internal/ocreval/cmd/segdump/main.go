// Command segdump draws the layout's segments over a prepared image, for
// looking at what FindText found: each segment's box in red, its
// backslash glyphs in blue, and prints the boxes.
//
// Usage:
//
//	go run ./internal/ocreval/cmd/segdump IMAGE OUT.png [X0 Y0 X1 Y1]
//
// With a rectangle (in prepared-image pixels) only that part is written.
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"

	"github.com/proofpack/proofpack/ocr"
)

func main() {
	if len(os.Args) != 3 && len(os.Args) != 7 {
		fmt.Fprintln(os.Stderr, "usage: segdump IMAGE OUT.png [X0 Y0 X1 Y1]")
		os.Exit(2)
	}
	var crop image.Rectangle
	if len(os.Args) == 7 {
		var v [4]int
		for i := range v {
			if _, err := fmt.Sscan(os.Args[3+i], &v[i]); err != nil {
				fmt.Fprintln(os.Stderr, "segdump: bad rectangle:", err)
				os.Exit(2)
			}
		}
		crop = image.Rect(v[0], v[1], v[2], v[3])
	}
	if err := run(os.Args[1], os.Args[2], crop); err != nil {
		fmt.Fprintln(os.Stderr, "segdump:", err)
		os.Exit(1)
	}
}

func run(in, out string, crop image.Rectangle) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	img, err := ocr.Decode(f, 0)
	f.Close()
	if err != nil {
		return err
	}
	p, err := ocr.Prepare(img, ocr.Preprocess{})
	if err != nil {
		return err
	}
	lines := ocr.FindText(p.Gray, p.Scale)
	rgba := image.NewRGBA(p.Gray.Bounds())
	draw.Draw(rgba, rgba.Bounds(), p.Gray, image.Point{}, draw.Src)
	red, blue := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}
	for i, l := range lines {
		for _, s := range l.Segments {
			frame(rgba, s.Box, red)
			for _, b := range s.Backslashes {
				frame(rgba, b, blue)
			}
			fmt.Printf("line %d seg %v h=%d glyphs=%d cjk=%.2f\n", i, s.Box, s.Box.Dy(), s.Glyphs, s.CJK)
		}
	}
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	defer o.Close()
	if !crop.Empty() {
		return png.Encode(o, rgba.SubImage(crop))
	}
	return png.Encode(o, rgba)
}

// frame draws the outline of r.
func frame(img *image.RGBA, r image.Rectangle, c color.Color) {
	for x := r.Min.X; x < r.Max.X; x++ {
		img.Set(x, r.Min.Y, c)
		img.Set(x, r.Max.Y-1, c)
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		img.Set(r.Min.X, y, c)
		img.Set(r.Max.X-1, y, c)
	}
}
