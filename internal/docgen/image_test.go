package docgen

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/testenv"
)

// testFonts loads the CJK font or skips the test.
func testFonts(t *testing.T) *Fonts {
	f, err := LoadFonts(DefaultCJKFontPath)
	if errors.Is(err, ErrFontMissing) {
		testenv.Need(t, err, "the CJK font screenshots are drawn with", "fonts-ipafont-gothic")
	}
	require.NoError(t, err)
	return f
}

// smallImage is a plain test image that needs no fonts.
func smallImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 64, 32))
	for y := 0; y < 32; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 8), 0x80, 0xff})
		}
	}
	return img
}

// pngChunks walks a PNG file, checking every CRC, and returns the chunks
// in order as type and data.
func pngChunks(t *testing.T, data []byte) [][2]string {
	require.Equal(t, "\x89PNG\r\n\x1a\n", string(data[:8]))
	var out [][2]string
	for p := 8; p < len(data); {
		require.LessOrEqual(t, p+12, len(data))
		n := int(binary.BigEndian.Uint32(data[p:]))
		typ := string(data[p+4 : p+8])
		body := data[p+8 : p+8+n]
		crc := binary.BigEndian.Uint32(data[p+8+n:])
		assert.Equal(t, crc32.ChecksumIEEE(data[p+4:p+8+n]), crc, "CRC of %s", typ)
		out = append(out, [2]string{typ, string(body)})
		p += 12 + n
	}
	return out
}

func TestPNG(t *testing.T) {
	tests := []struct {
		name   string
		chunks map[string]string
		want   [][2]string // text chunks expected after IHDR
	}{
		{"none", nil, nil},
		{"latin-1 and utf-8", map[string]string{"Software": "Greenshot", "Comment": "ログイン中", "Author": "Renée"},
			[][2]string{{"tEXt", "Author\x00Ren\xe9e"}, {"iTXt", "Comment\x00\x00\x00\x00\x00ログイン中"}, {"tEXt", "Software\x00Greenshot"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := PNG(smallImage(), tc.chunks)
			require.NoError(t, err)
			img, err := png.Decode(bytes.NewReader(data))
			require.NoError(t, err)
			assert.Equal(t, image.Rect(0, 0, 64, 32), img.Bounds())
			chunks := pngChunks(t, data)
			require.Equal(t, "IHDR", chunks[0][0])
			assert.Equal(t, "IEND", chunks[len(chunks)-1][0])
			var text [][2]string
			for _, c := range chunks[1:] {
				if c[0] == "tEXt" || c[0] == "iTXt" {
					text = append(text, c)
				}
			}
			assert.Equal(t, tc.want, text)
			for i := range tc.want {
				assert.Equal(t, tc.want[i][0], chunks[1+i][0], "text chunks follow IHDR")
			}
		})
	}
	t.Run("exiftool", func(t *testing.T) {
		data, err := PNG(smallImage(), map[string]string{"Software": "Snipping Tool", "Comment": "東レ"})
		require.NoError(t, err)
		got := exiftool(t, "a.png", data)
		assert.Equal(t, "Snipping Tool", got["Software"])
		assert.Equal(t, "東レ", got["Comment"])
	})
}

func TestPNGErrors(t *testing.T) {
	tests := []struct {
		name   string
		img    image.Image
		chunks map[string]string
	}{
		{"nil image", nil, nil},
		{"empty key", smallImage(), map[string]string{"": "x"}},
		{"long key", smallImage(), map[string]string{string(bytes.Repeat([]byte("k"), 80)): "x"}},
		{"non latin key", smallImage(), map[string]string{"作成": "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := PNG(tc.img, tc.chunks)
			require.Error(t, err)
		})
	}
}

// tiffTags reads IFD0 and the Exif IFD of an Exif APP1 payload and
// returns ASCII and UNDEFINED values by tag.
func tiffTags(t *testing.T, tiff []byte) map[uint16]string {
	require.Equal(t, "II*\x00", string(tiff[:4]))
	le := binary.LittleEndian
	tags := map[uint16]string{}
	var walk func(off uint32)
	walk = func(off uint32) {
		require.Less(t, int(off)+2, len(tiff))
		require.Zero(t, off%2, "IFD on a word boundary")
		n := int(le.Uint16(tiff[off:]))
		prev := uint16(0)
		for i := 0; i < n; i++ {
			e := tiff[int(off)+2+12*i:]
			tag, typ, count := le.Uint16(e), le.Uint16(e[2:]), le.Uint32(e[4:])
			assert.Greater(t, tag, prev, "tags ascend")
			prev = tag
			switch {
			case tag == 0x8769:
				walk(le.Uint32(e[8:]))
			case count <= 4:
				tags[tag] = string(e[8 : 8+count])
			default:
				at := le.Uint32(e[8:])
				require.LessOrEqual(t, int(at+count), len(tiff))
				tags[tag] = string(tiff[at : at+count])
			}
			if typ == tiffASCII {
				v := tags[tag]
				require.Equal(t, byte(0), v[len(v)-1], "ASCII is NUL-terminated")
				tags[tag] = v[:len(v)-1]
			}
		}
		assert.Zero(t, le.Uint32(tiff[int(off)+2+12*n:]), "single IFD chain")
	}
	walk(le.Uint32(tiff[4:]))
	return tags
}

func TestJPEG(t *testing.T) {
	shot := time.Date(2021, 6, 4, 10, 41, 0, 0, jst)
	tests := []struct {
		name string
		exif *EXIFSpec
		want map[uint16]string
	}{
		{"no exif", nil, nil},
		{"software only", &EXIFSpec{Software: "Greenshot"}, map[uint16]string{0x0131: "Greenshot"}},
		{"full", &EXIFSpec{Make: "FUJIFILM", Model: "X-T3", Software: "Digital Camera X-T3 Ver4.00", Artist: "Hanako Suzuki",
			Copyright: "Example Co.", DateTime: shot, DateTimeOriginal: shot},
			map[uint16]string{0x010f: "FUJIFILM", 0x0110: "X-T3", 0x0131: "Digital Camera X-T3 Ver4.00", 0x0132: "2021:06:04 10:41:00",
				0x013b: "Hanako Suzuki", 0x8298: "Example Co.", 0x9000: "0232", 0x9003: "2021:06:04 10:41:00", 0x9011: "+09:00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := JPEG(smallImage(), 70, tc.exif)
			require.NoError(t, err)
			img, err := jpeg.Decode(bytes.NewReader(data))
			require.NoError(t, err)
			assert.Equal(t, image.Rect(0, 0, 64, 32), img.Bounds())
			require.Equal(t, []byte{0xff, 0xd8}, data[:2])
			if tc.exif == nil {
				assert.NotEqual(t, []byte{0xff, 0xe1}, data[2:4])
				return
			}
			require.Equal(t, []byte{0xff, 0xe1}, data[2:4])
			n := int(binary.BigEndian.Uint16(data[4:]))
			payload := data[6 : 4+n]
			require.Equal(t, "Exif\x00\x00", string(payload[:6]))
			assert.Equal(t, tc.want, tiffTags(t, payload[6:]))
		})
	}
	t.Run("exiftool", func(t *testing.T) {
		data, err := JPEG(smallImage(), 90, &EXIFSpec{Software: "Greenshot", Artist: "Suzuki", DateTimeOriginal: shot})
		require.NoError(t, err)
		got := exiftool(t, "a.jpg", data)
		assert.Equal(t, "Greenshot", got["Software"])
		assert.Equal(t, "Suzuki", got["Artist"])
		assert.Equal(t, "2021:06:04 10:41:00", got["DateTimeOriginal"])
		assert.Equal(t, "+09:00", got["OffsetTimeOriginal"])
		assert.Nil(t, got["Warning"], "exiftool warns: %v", got["Warning"])
		v := exiftool(t, "a.jpg", data, "-validate", "-warning", "-a")
		assert.NotContains(t, fmt.Sprint(v), "offset", "structural problems: %v", v)
	})
}

func TestJPEGErrors(t *testing.T) {
	tests := []struct {
		name    string
		img     image.Image
		quality int
		exif    *EXIFSpec
	}{
		{"nil image", nil, 70, nil},
		{"quality zero", smallImage(), 0, nil},
		{"quality high", smallImage(), 101, nil},
		{"empty exif", smallImage(), 70, &EXIFSpec{}},
		{"non ascii", smallImage(), 70, &EXIFSpec{Artist: "鈴木"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := JPEG(tc.img, tc.quality, tc.exif)
			require.Error(t, err)
		})
	}
}

func TestLoadFontsMissing(t *testing.T) {
	_, err := LoadFonts(filepath.Join(t.TempDir(), "nope.ttf"))
	require.ErrorIs(t, err, ErrFontMissing)

	bad := filepath.Join(t.TempDir(), "bad.ttf")
	require.NoError(t, os.WriteFile(bad, []byte("not a font"), 0o600))
	_, err = LoadFonts(bad)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrFontMissing)
}

func TestScreenshot(t *testing.T) {
	fonts := testFonts(t)
	base := ScreenshotSpec{
		Fonts:       fonts,
		WindowTitle: "社内ポータル - Microsoft Edge",
		Address:     "https://portal.example.local/top",
		AppTitle:    "社内ポータル",
		Banner:      "ログイン中: 鈴木 花子",
		Nav:         []string{"ホーム", "お知らせ"},
		Heading:     "お知らせ",
		Lines:       []string{"社外秘"},
		Columns:     []Column{{Title: "日付", Width: 120}, {Title: "タイトル", Width: 400}},
		Rows:        [][]string{{"2021/06/03", "定期保守"}, {"2021/06/01", "夏季休暇"}},
		Highlight:   1,
		Status:      "完了",
		Clock:       []string{"10:32", "2021/06/04"},
	}
	tests := []struct {
		name   string
		modify func(*ScreenshotSpec)
		want   image.Rectangle
	}{
		{"default size", func(*ScreenshotSpec) {}, image.Rect(0, 0, 1366, 768)},
		{"720p explorer", func(s *ScreenshotSpec) {
			s.Width, s.Height = 1280, 720
			s.AppTitle, s.Menu, s.SearchHint = "", []string{"ファイル", "ホーム"}, "検索"
			s.Address = `\\srv01.example.local\共有`
		}, image.Rect(0, 0, 1280, 720)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := base
			tc.modify(&spec)
			img, err := Screenshot(spec)
			require.NoError(t, err)
			assert.Equal(t, tc.want, img.Bounds())
			again, err := Screenshot(spec)
			require.NoError(t, err)
			assert.Equal(t, img, again, "rendering is deterministic")

			// Text was drawn: the address bar holds dark pixels.
			dark := 0
			for x := 150; x < 500; x++ {
				for y := 40; y < 110; y++ {
					r, g, b, _ := img.At(x, y).RGBA()
					if r+g+b < 3*0x4000 {
						dark++
					}
				}
			}
			assert.Greater(t, dark, 100, "expected rendered text near the address bar")

			data, err := PNG(img, nil)
			require.NoError(t, err)
			cfg, err := png.DecodeConfig(bytes.NewReader(data))
			require.NoError(t, err)
			assert.Equal(t, tc.want.Dx(), cfg.Width)
		})
	}
}

func TestScreenshotErrors(t *testing.T) {
	_, err := Screenshot(ScreenshotSpec{})
	require.ErrorIs(t, err, ErrFontMissing)
	fonts := testFonts(t)
	_, err = Screenshot(ScreenshotSpec{Fonts: fonts, Width: 100, Height: 100})
	require.Error(t, err)
}

func TestCover(t *testing.T) {
	fonts := testFonts(t)
	spec := CoverSpec{Fonts: fonts, Background: color.RGBA{0x10, 0x10, 0x10, 0xff}, Lines: []string{"KUROGANE", "黒鉄重工業 社内資料 42 GB"}}
	img, err := Cover(spec)
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 800, 450), img.Bounds())
	again, err := Cover(spec)
	require.NoError(t, err)
	assert.Equal(t, img, again, "rendering is deterministic")
	// The wordmark was drawn: the top third's band holds light pixels.
	light := 0
	for x := 0; x < 800; x++ {
		for y := 100; y < 160; y++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r+g+b > 3*0xc000 {
				light++
			}
		}
	}
	assert.Greater(t, light, 500, "expected the wordmark in the top third")

	_, err = Cover(CoverSpec{Lines: []string{"X"}})
	require.ErrorIs(t, err, ErrFontMissing)
	_, err = Cover(CoverSpec{Fonts: fonts})
	require.Error(t, err, "no lines")
	_, err = Cover(CoverSpec{Fonts: fonts, Width: 100, Height: 100, Lines: []string{"X"}})
	require.Error(t, err, "too small")
}
