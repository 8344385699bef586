package similar_test

import (
	"fmt"
	"image"
	"image/color"

	"github.com/proofpack/proofpack/evidence/similar"
)

// A CSV re-exported with every field quoted, semicolons between fields,
// other line ends and its dates and amounts in a spreadsheet's formats
// keeps its signature; a CSV of the same columns with other people does
// not match.
func ExampleHashText() {
	original := "id,name,email,joined,balance\r\n" +
		"0041,Tamsin Rendell,t.rendell@corvale.example,2024-03-15,\"1,250.00\"\r\n" +
		"0042,Hugo Varga,h.varga@corvale.example,2023-11-02,980.50\r\n" +
		"0043,Rosa Kettleby,r.kettleby@corvale.example,2022-07-30,\"12,400.00\"\r\n"
	reexported := "\"id\";\"name\";\"email\";\"joined\";\"balance\"\n" +
		"\"41\";\"Tamsin Rendell\";\"t.rendell@corvale.example\";\"15/03/2024\";\"1250\"\n" +
		"\"42\";\"Hugo Varga\";\"h.varga@corvale.example\";\"02/11/2023\";\"980.5\"\n" +
		"\"43\";\"Rosa Kettleby\";\"r.kettleby@corvale.example\";\"30/07/2022\";\"12400\"\n"
	other := "id,name,email,joined,balance\r\n" +
		"0107,Nils Quarrie,n.quarrie@corvale.example,2021-01-09,310.00\r\n" +
		"0108,Alice Dunmore,a.dunmore@corvale.example,2024-05-21,\"2,075.00\"\r\n" +
		"0109,Pavel Jessop,p.jessop@corvale.example,2020-12-01,45.00\r\n"

	a, b, c := similar.HashText(original), similar.HashText(reexported), similar.HashText(other)
	fmt.Printf("re-exported: %.2f, match %v\n", a.Similarity(b), a.Similarity(b) >= similar.TextMatch)
	fmt.Printf("other rows: match %v\n", a.Similarity(c) >= similar.TextMatch)
	fmt.Println("too short to sign:", similar.HashText("OK, thanks") == nil)
	// Output:
	// re-exported: 1.00, match true
	// other rows: match false
	// too short to sign: true
}

// The PDQ hash of an image and of the same image after a change of
// format stay within ImageMatch bits; a mirrored image does not.
func ExampleHashImage() {
	img := image.NewGray(image.Rect(0, 0, 320, 200))
	mirror := image.NewGray(img.Bounds())
	for y := range 200 {
		for x := range 320 {
			v := uint8((x*x/40 + y*3) % 256)
			img.SetGray(x, y, color.Gray{v})
			mirror.SetGray(319-x, y, color.Gray{v})
		}
	}
	// The same picture as RGBA pixels, as a PNG decoder might give it.
	rgba := image.NewRGBA(img.Bounds())
	for y := range 200 {
		for x := range 320 {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	h1, quality, _ := similar.HashImage(img)
	h2, _, _ := similar.HashImage(rgba)
	h3, _, _ := similar.HashImage(mirror)
	fmt.Println("quality high enough:", quality >= similar.MinQuality)
	fmt.Println("same picture:", h1.Distance(h2) <= similar.ImageMatch)
	fmt.Println("mirrored:", h1.Distance(h3) <= similar.ImageMatch)
	// Output:
	// quality high enough: true
	// same picture: true
	// mirrored: false
}

// Bands gives the keys an index stores for a signature; two re-saved
// copies of a document share keys, so a lookup by key finds one from the
// other without comparing every stored signature.
func ExampleTextSig_Bands() {
	doc := "Minutes of the meeting of 12 May 2025. Mira Lindqvist opened the meeting " +
		"and welcomed Jonas Pellham from Procurement. The budget for the gear unit project " +
		"stands at 48210. Jonas will circulate the revised plan for Fenwick by 2025-06-02."
	resaved := "Minutes of the meeting of 12 May 2025.\r\nMira Lindqvist opened the meeting and\r\n" +
		"welcomed Jonas Pellham from Procurement.  The budget for the gear unit\r\nproject " +
		"stands at 48210.  Jonas will circulate the revised plan for Fenwick by 02/06/2025.\r\n"
	a, b := similar.HashText(doc).Bands(), similar.HashText(resaved).Bands()
	shared := 0
	for i := range a {
		if a[i] == b[i] {
			shared++
		}
	}
	fmt.Println("keys:", len(a), "all shared:", shared == len(a))
	// Output:
	// keys: 64 all shared: true
}
