// Command lookalikegen writes the table of look-alike kana and kanji
// that package fingerprint embeds (fingerprint/lookalike.txt): see
// package lookalikegen for how it is made.
//
// Usage:
//
//	go run ./fingerprint/internal/lookalikegen/cmd/lookalikegen [-out FILE]
//
// It needs the fonts of Debian's fonts-ipafont-gothic,
// fonts-ipafont-mincho and fonts-noto-cjk (make generate installs them)
// and takes a few minutes on two cores.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/proofpack/proofpack/fingerprint/internal/lookalikegen"
)

func main() {
	out := flag.String("out", "lookalike.txt", "the table to write")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *out); err != nil {
		fmt.Fprintln(os.Stderr, "lookalikegen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out string) error {
	if missing := lookalikegen.MissingFonts(lookalikegen.Fonts); len(missing) > 0 {
		return fmt.Errorf("fonts missing: install the Debian packages %v (make generate does)", missing)
	}
	t, err := lookalikegen.Build(ctx, lookalikegen.Chars(), lookalikegen.Options{})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if _, err := t.WriteTo(&b); err != nil {
		return err
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}
