package archivegen_test

import (
	"archive/zip"
	"bytes"
	"fmt"

	"github.com/proofpack/proofpack/internal/archivegen"
)

// A zip whose second name is stored in Shift_JIS without the UTF-8 flag, as
// Japanese Windows tools write it, and a ratio bomb.
func Example() {
	sjis := []byte{0x8c, 0xa9, 0x90, 0xcf, 0x8f, 0x91, '.', 't', 'x', 't'} // 見積書.txt
	b, err := archivegen.Zip([]archivegen.File{
		{Name: "readme.txt", Data: []byte("fictional")},
		{RawName: sjis, Data: []byte("quote")},
	}, archivegen.ZipOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range zr.File {
		fmt.Printf("% x non-UTF-8=%v\n", f.Name, f.NonUTF8)
	}

	bomb, err := archivegen.ZipRatioBomb(1 << 20)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(bomb) < 2048)
	// Output:
	// 72 65 61 64 6d 65 2e 74 78 74 non-UTF-8=false
	// 8c a9 90 cf 8f 91 2e 74 78 74 non-UTF-8=true
	// true
}
