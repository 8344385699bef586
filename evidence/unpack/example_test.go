package unpack_test

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// Walk an archive and the archives nested in it, reading every entry once.
func ExampleWalker() {
	inner, _ := archivegen.Zip([]archivegen.File{{Name: "hosts.txt", Data: []byte("10.0.0.1 fs01\n")}}, archivegen.ZipOptions{})
	pack, _ := archivegen.Zip([]archivegen.File{
		{Name: "readme.txt", Data: []byte("sample")},
		{Name: "../../evil.txt", Data: []byte("x")},
		{Name: "backup/share.zip", Data: inner},
	}, archivegen.ZipOptions{})

	w := unpack.NewWalker(unpack.Options{}) // default Limits
	defer w.Close()

	var visit unpack.VisitFunc
	visit = func(ctx context.Context, e *unpack.Entry) error {
		fmt.Println(e.Path, e.Problems)
		prefix := make([]byte, unpack.SniffLen)
		n, _ := io.ReadFull(e, prefix)
		body := io.MultiReader(bytes.NewReader(prefix[:n]), e)
		if f := unpack.DetectFormat(prefix[:n]); f != "" {
			// Nested archive: walk it from the same stream.
			return w.WalkStream(ctx, unpack.Parent{Path: e.Path, Depth: e.Depth}, f, body, visit)
		}
		_, err := io.Copy(io.Discard, body)
		return err
	}
	err := w.WalkReaderAt(context.Background(), unpack.Parent{Path: "pack.zip"}, unpack.FormatZip,
		bytes.NewReader(pack), int64(len(pack)), visit)
	fmt.Println("error:", err)
	// Output:
	// pack.zip!/readme.txt []
	// pack.zip!/../../evil.txt [unpack: insecure path: "../../evil.txt" climbs out with ..]
	// pack.zip!/backup/share.zip []
	// pack.zip!/backup/share.zip!/hosts.txt []
	// error: <nil>
}
