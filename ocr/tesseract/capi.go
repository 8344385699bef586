//go:build cgo

package tesseract

// This file calls Tesseract's C API directly for the recognition step, on
// the TessBaseAPI that gosseract created and initialised. gosseract's own
// result calls (Text, GetBoundingBoxes, GetBoundingBoxesVerbose) never
// free the strings Tesseract returns nor the result iterator, and run
// Recognize without a monitor, so they can be neither freed nor stopped.

/*
#cgo LDFLAGS: -ltesseract -lleptonica
#include <stdlib.h>
#include <stdbool.h>
#include <tesseract/capi.h>

static bool pp_cancel(void *flag, int words) {
	(void)words;
	return __atomic_load_n((int *)flag, __ATOMIC_SEQ_CST) != 0;
}

// pp_recognize sets an 8-bit gray image (copied by Tesseract), its
// resolution, and runs recognition under a monitor that stops when *flag
// becomes non-zero or deadline_ms passes (when > 0). It returns 0 on
// success.
static int pp_recognize(void *h, const unsigned char *data, int w, int hgt,
                        int stride, int dpi, int *flag, int deadline_ms) {
	TessBaseAPI *api = (TessBaseAPI *)h;
	TessBaseAPISetImage(api, data, w, hgt, 1, stride);
	TessBaseAPISetSourceResolution(api, dpi);
	ETEXT_DESC *m = TessMonitorCreate();
	TessMonitorSetCancelFunc(m, pp_cancel);
	TessMonitorSetCancelThis(m, flag);
	if (deadline_ms > 0) {
		TessMonitorSetDeadlineMSecs(m, deadline_ms);
	}
	int rc = TessBaseAPIRecognize(api, m);
	TessMonitorDelete(m);
	return rc;
}

static TessResultIterator *pp_iterator(void *h) {
	return TessBaseAPIGetIterator((TessBaseAPI *)h);
}

static void pp_clear(void *h) { TessBaseAPIClear((TessBaseAPI *)h); }

static int pp_psm(void *h) { return (int)TessBaseAPIGetPageSegMode((TessBaseAPI *)h); }
*/
import "C"

import (
	"context"
	"image"
	"math"
	"reflect"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/otiai10/gosseract/v2"

	"github.com/proofpack/proofpack/ocr"
)

// clientHandle returns the TessBaseAPI pointer held by a gosseract
// client, or nil when this gosseract version keeps it elsewhere (then the
// engine falls back to gosseract's own, leaking, result calls).
func clientHandle(c *gosseract.Client) unsafe.Pointer {
	v := reflect.ValueOf(c).Elem()
	f := v.FieldByName("api")
	if !f.IsValid() || f.Kind() != reflect.UnsafePointer {
		return nil
	}
	return *(*unsafe.Pointer)(unsafe.Pointer(f.UnsafeAddr()))
}

// cancelFlag is a C int that the monitor's cancel function reads.
type cancelFlag struct{ p *C.int }

func newCancelFlag() cancelFlag {
	return cancelFlag{(*C.int)(C.calloc(1, C.size_t(unsafe.Sizeof(C.int(0)))))}
}

func (f cancelFlag) set(v int32) { atomic.StoreInt32((*int32)(unsafe.Pointer(f.p)), v) }
func (f cancelFlag) free()       { C.free(unsafe.Pointer(f.p)) }

// pageSegMode returns the page segmentation mode set on the handle.
func pageSegMode(h unsafe.Pointer) int { return int(C.pp_psm(h)) }

// rawWord is a word as Tesseract returned it, its box in the pixels of
// the image given to it.
type rawWord struct {
	text      string
	conf      float64
	box       image.Rectangle
	lineStart bool    // first word of a Tesseract text line
	lineConf  float64 // the line's confidence, on lineStart words
	lineBox   image.Rectangle
}

// recognizeGray runs Tesseract (the API h) on g through the C API and
// returns its words, freeing everything Tesseract returns. It stops when
// ctx is done.
func (e *Engine) recognizeGray(ctx context.Context, h unsafe.Pointer, g *image.Gray) ([]rawWord, error) {
	w, ht := g.Rect.Dx(), g.Rect.Dy()
	// Tesseract's own deadline is a backstop for the cancel flag: it is
	// rounded up so that the context's timer fires first, and a failure
	// after the deadline is reported as the deadline, whichever fired.
	deadline := 0
	d, hasDeadline := ctx.Deadline()
	if hasDeadline {
		left := time.Until(d)
		if left <= 0 {
			return nil, context.DeadlineExceeded
		}
		deadline = int(min((left+time.Millisecond-1)/time.Millisecond, math.MaxInt32))
	}
	e.cancel.set(0)
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		e.cancel.set(1)
		close(fired)
	})
	rc := C.pp_recognize(h, (*C.uchar)(unsafe.Pointer(&g.Pix[0])), C.int(w), C.int(ht),
		C.int(g.Stride), C.int(e.opt.DPI), e.cancel.p, C.int(deadline))
	if !stop() {
		<-fired // the flag is set; wait so that the next call's reset wins
	}
	defer C.pp_clear(h)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if rc != 0 {
		if hasDeadline && !time.Now().Before(d) {
			return nil, context.DeadlineExceeded
		}
		return nil, errRecognize
	}
	it := C.pp_iterator(h)
	if it == nil {
		return nil, nil
	}
	defer C.TessResultIteratorDelete(it)
	pi := C.TessResultIteratorGetPageIterator(it)
	box := func(level C.TessPageIteratorLevel) (image.Rectangle, bool) {
		var x1, y1, x2, y2 C.int
		if C.TessPageIteratorBoundingBox(pi, level, &x1, &y1, &x2, &y2) == 0 {
			return image.Rectangle{}, false
		}
		return image.Rect(int(x1), int(y1), int(x2), int(y2)), true
	}
	var words []rawWord
	newLine := true
	for {
		if C.TessPageIteratorIsAtBeginningOf(pi, C.RIL_TEXTLINE) != 0 {
			newLine = true
		}
		if txt := C.TessResultIteratorGetUTF8Text(it, C.RIL_WORD); txt != nil {
			s := C.GoString(txt)
			C.TessDeleteText(txt)
			if wb, ok := box(C.RIL_WORD); ok && s != "" {
				rw := rawWord{text: s, conf: float64(C.TessResultIteratorConfidence(it, C.RIL_WORD)), box: wb}
				if newLine || len(words) == 0 {
					rw.lineStart = true
					rw.lineBox, _ = box(C.RIL_TEXTLINE)
					rw.lineConf = float64(C.TessResultIteratorConfidence(it, C.RIL_TEXTLINE))
					newLine = false
				}
				words = append(words, rw)
			}
		}
		if C.TessResultIteratorNext(it, C.RIL_WORD) == 0 {
			break
		}
	}
	return words, nil
}

// recognizeNative runs Tesseract on the whole prepared image and groups
// its words into its lines.
func (e *Engine) recognizeNative(ctx context.Context, p *ocr.Prepared) ([]ocr.Line, error) {
	words, err := e.recognizeGray(ctx, e.handle, p.Gray)
	if err != nil {
		return nil, err
	}
	var lines []ocr.Line
	for _, rw := range words {
		if rw.lineStart {
			lines = append(lines, ocr.Line{Box: p.ToOriginal(rw.lineBox), Conf: rw.lineConf})
		}
		l := &lines[len(lines)-1]
		l.Words = append(l.Words, ocr.Word{Text: rw.text, Conf: rw.conf, Box: p.ToOriginal(rw.box)})
	}
	return dropEmptyLines(lines), nil
}
