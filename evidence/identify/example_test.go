package identify_test

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/proofpack/proofpack/evidence/identify"
)

func ExampleDetect() {
	// A file named like a photo that is really a CSV export.
	file := bytes.NewReader([]byte("id,name,dept\n1,Hana Kitagawa,Procurement\n2,Taro Yamada,Sales\n"))

	prefix := make([]byte, identify.PrefixLen)
	n, err := io.ReadFull(file, prefix)
	if err != nil && err != io.ErrUnexpectedEOF {
		fmt.Println(err)
		return
	}
	t := identify.Detect(prefix[:n])
	t, err = identify.Refine(context.Background(), t, file, file.Size())
	if err != nil {
		fmt.Println(err)
		return
	}
	declared := identify.DeclaredExt("exports/IMG_0042.JPG")
	fmt.Println(t.MIME, t.Ext, t.Kind, t.Charset, t.By)
	fmt.Println(declared, identify.ExtMismatch(declared, t))
	// Output:
	// text/csv csv spreadsheet ascii text
	// jpg true
}
