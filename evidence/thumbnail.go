package evidence

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"sync"

	"golang.org/x/image/draw"

	"github.com/proofpack/proofpack/ocr"
)

// Thumbnail bounds. An HTML report embeds the thumbnails of the items it
// shows, and a report of a package of thousands of screenshots must stay
// small enough to open in a browser.
const (
	// ThumbnailSide is the longest side of a thumbnail in pixels: enough
	// to read a screenshot's layout and see where a word was found.
	ThumbnailSide = 640
	// ThumbnailQuality is the JPEG quality of thumbnails.
	ThumbnailQuality = 70
	// MaxThumbnails is the most thumbnails one triage makes; later images
	// get none.
	MaxThumbnails = 200
	// MaxThumbnailBytes bounds the JPEG bytes of all thumbnails of one
	// triage (40 MiB).
	MaxThumbnailBytes = 40 << 20
)

// thumbnailer makes the thumbnails of one triage within the bounds.
type thumbnailer struct {
	maxPixels int64
	mu        sync.Mutex
	count     int
	bytes     int64
}

func newThumbnailer(pool *ocr.Pool) *thumbnailer {
	mp := ocr.DefaultMaxPixels
	if pool != nil {
		mp = pool.Options().MaxPixels
	}
	return &thumbnailer{maxPixels: mp}
}

// reserve reports whether another thumbnail may be made.
func (t *thumbnailer) reserve() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.count >= MaxThumbnails || t.bytes >= MaxThumbnailBytes {
		return false
	}
	t.count++
	return true
}

// account adds a made thumbnail's bytes, or gives back a reservation
// that produced none; it reports false when the bytes overflow the bound
// (the thumbnail is then dropped).
func (t *thumbnailer) account(n int) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n == 0 || t.bytes+int64(n) > MaxThumbnailBytes {
		t.count--
		return false
	}
	t.bytes += int64(n)
	return true
}

// fromReader decodes an image within the pixel bound and reduces it.
func (t *thumbnailer) fromReader(r io.Reader) (*Thumbnail, error) {
	if !t.reserve() {
		return nil, nil
	}
	img, err := ocr.Decode(r, t.maxPixels)
	if err != nil {
		t.account(0)
		return nil, err
	}
	return t.fromImage(img, true)
}

// fromImage reduces a decoded image; reserved says whether reserve was
// called already.
func (t *thumbnailer) fromImage(img image.Image, reserved bool) (th *Thumbnail, err error) {
	if !reserved && !t.reserve() {
		return nil, nil
	}
	defer func() {
		if p := recover(); p != nil {
			th, err = nil, fmt.Errorf("thumbnail: %v", p)
		}
		n := 0
		if th != nil {
			n = len(th.JPEG)
		}
		if !t.account(n) {
			th = nil
		}
	}()
	return makeThumbnail(img)
}

// makeThumbnail scales img so that its longest side is at most
// ThumbnailSide and encodes it as JPEG.
func makeThumbnail(img image.Image) (*Thumbnail, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("thumbnail: empty image")
	}
	scale := 1.0
	if long := max(w, h); long > ThumbnailSide {
		scale = float64(ThumbnailSide) / float64(long)
	}
	tw, th := max(1, int(float64(w)*scale+0.5)), max(1, int(float64(h)*scale+0.5))
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	// ApproxBiLinear samples four pixels per output pixel: five times
	// faster than BiLinear on a 1920x1080 screenshot (3.4 ms against 18.6
	// ms), and a thumbnail shows layout and where a word was found, not
	// text to read.
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: ThumbnailQuality}); err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	return &Thumbnail{JPEG: buf.Bytes(), Width: tw, Height: th, Scale: float64(tw) / float64(w)}, nil
}
