package caselib

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen opens a library file of arbitrary bytes and looks things up in
// it: errors are expected, panics are not. The seeds are a valid library
// and damaged copies of it.
func FuzzOpen(f *testing.F) {
	ctx := context.Background()
	dir := f.TempDir()
	l, err := Open(ctx, dir, Options{})
	if err != nil {
		f.Fatal(err)
	}
	p := testPack("seed.zip", 6, 1)
	if err := l.Record(ctx, p); err != nil {
		f.Fatal(err)
	}
	l.Close()
	valid, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(valid[:100])
	damaged := append([]byte(nil), valid...)
	for i := 4096; i < len(damaged); i += 97 {
		damaged[i] ^= 0xa5
	}
	f.Add(damaged)
	f.Add([]byte("not a database"))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), b, 0o600); err != nil {
			t.Fatal(err)
		}
		l, err := Open(ctx, dir, Options{BusyTimeout: 100e6})
		if err != nil {
			return
		}
		defer l.Close()
		l.Exact(ctx, p.Items[0].SHA256, LookupOptions{})
		l.NearImages(ctx, *p.Items[0].Image, 31, LookupOptions{})
		l.NearTexts(ctx, *p.Items[1].Text, 0.5, LookupOptions{})
		l.Record(ctx, testPack("new.zip", 3, 2))
	})
}
