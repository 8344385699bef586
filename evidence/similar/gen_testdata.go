//go:build ignore

// gen_testdata writes the fixtures of package similar: a small drawn
// screen (screen.png), a memo (memo.txt) and a CSV (orders.csv) about
// invented people and organisations. They seed the fuzz tests and fix the
// signature of signature_test.go. Run with `go generate`.
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	img := image.NewRGBA(image.Rect(0, 0, 96, 64))
	for y := range 64 {
		for x := range 96 {
			c := color.RGBA{0xff, 0xff, 0xff, 0xff}
			switch {
			case y < 8:
				c = color.RGBA{0x00, 0x3d, 0x7c, 0xff}
			case x < 16:
				c = color.RGBA{0xf0, 0xf2, 0xf5, 0xff}
			case y%8 >= 3 && y%8 <= 5 && (x*7+y*13)%23 < 17:
				c = color.RGBA{0x20, 0x20, 0x20, 0xff}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		log.Fatal(err)
	}
	write("screen.png", buf.Bytes())

	memo := `Minutes of meeting
Corvale Logistics Ltd

Attendees
Mira Lindqvist opened the meeting and welcomed Jonas Pellham from Procurement.
The budget for the gear unit project stands at 48210.

Decisions
Jonas Pellham will circulate the revised plan for Fenwick by 2025-06-02.
It was agreed to close item KQ-20417 and to reopen it if Halvard Chemicals GmbH objects.
The next meeting is set for 2025-06-16 in the Fenwick office.
`
	write("memo.txt", []byte(memo))

	var csv strings.Builder
	csv.WriteString("order_no,date,product,qty,amount,buyer\r\n")
	names := []string{"Tamsin Rendell", "Hugo Varga", "Rosa Kettleby", "Nils Quarrie", "Alice Dunmore", "Pavel Jessop"}
	products := []string{"pump housing", "valve kit", "sensor board", "cable harness"}
	for i := range 12 {
		fmt.Fprintf(&csv, "PO-%07d,2024-%02d-%02d,%s,%d,\"%d,%03d.00\",%s\r\n",
			4410000+i*37, 1+i%12, 1+(i*5)%28, products[i%len(products)], 1+i*3, 1+i, (i*137)%1000, names[i%len(names)])
	}
	write("orders.csv", []byte(csv.String()))
}

func write(name string, b []byte) {
	if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
		log.Fatal(err)
	}
}
