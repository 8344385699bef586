package testenv

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// recorder is a testing.TB that records a Fatalf instead of stopping.
type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
}

func TestMissingCapabilityNamesThePackage(t *testing.T) {
	r := &recorder{TB: t}
	Command(r, "proofpack-no-such-command", "proofpack-pkg")
	if !strings.Contains(r.failed, "install the Debian package proofpack-pkg") {
		t.Fatalf("Command: %q", r.failed)
	}

	r = &recorder{TB: t}
	File(r, "/nonexistent/font.ttf", "fonts-example")
	if !strings.Contains(r.failed, "fonts-example") {
		t.Fatalf("File: %q", r.failed)
	}

	r = &recorder{TB: t}
	Need(r, errors.New("no tessdata"), "Tesseract's language data", "tesseract-ocr-jpn")
	if !strings.Contains(r.failed, "tesseract-ocr-jpn") || !strings.Contains(r.failed, "no tessdata") {
		t.Fatalf("Need: %q", r.failed)
	}

	r = &recorder{TB: t}
	Need(r, nil, "x", "y")
	Command(r, "go", "golang")
	if r.failed != "" {
		t.Fatalf("present capabilities failed: %q", r.failed)
	}
}
