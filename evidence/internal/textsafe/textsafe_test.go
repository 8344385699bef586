package textsafe

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cases feed the table test, the writer test and the fuzz seeds.
var cases = []struct {
	name       string
	in         string
	line, text string // text "" means the same as line
	class      Class
}{
	{"empty", "", "", "", 0},
	{"plain", "invoice.pdf", "invoice.pdf", "", 0},
	{"japanese", "見積書 東レ株式会社.xlsx", "見積書 東レ株式会社.xlsx", "", 0},
	{"arabic and hebrew letters", "تقرير שלום", "تقرير שלום", "", 0},
	{"emoji", "📄 report", "📄 report", "", 0},
	{"windows path", `C:\x64\new\users\U+0041`, `C:\x64\new\users\U+0041`, "", 0},
	{"replacement char", "a\uFFFDb", "a\uFFFDb", "", 0},
	{"ideographic and no-break space", "a\u3000b\u00a0c", "a\u3000b\u00a0c", "", 0},
	{"html", `<script>alert(1)</script>`, `<script>alert(1)</script>`, "", 0},

	{"rlo", "invoice_\u202Etxt.exe", "invoice_<U+202E>txt.exe", "", Bidi},
	{"isolates", "x\u2067evil\u2069.txt", "x<U+2067>evil<U+2069>.txt", "", Bidi},
	{"embeddings and pop", "\u202A\u202B\u202C\u202D", "<U+202A><U+202B><U+202C><U+202D>", "", Bidi},
	{"first strong isolate", "\u2068a\u2069", "<U+2068>a<U+2069>", "", Bidi},
	{"marks", "a\u200Eb\u200Fc\u061Cd", "a<U+200E>b<U+200F>c<U+061C>d", "", Bidi},
	{"zero width", "pay\u200Bpal\u200C\u200D\u2060", "pay<U+200B>pal<U+200C><U+200D><U+2060>", "", Invisible},
	{"bom and soft hyphen", "\uFEFFin\u00ADvoice", "<U+FEFF>in<U+00AD>voice", "", Invisible},
	{"tag characters", "flag\U000E0041\U000E007F", "flag<U+E0041><U+E007F>", "", Invisible},
	{"hangul filler", "a\u3164b\uFFA0", "a<U+3164>b<U+FFA0>", "", Invisible},
	{"combining grapheme joiner", "a\u034Fb", "a<U+034F>b", "", Invisible},
	{"mongolian vowel separator", "a\u180Eb", "a<U+180E>b", "", Invisible},
	{"interlinear annotation", "\uFFF9a\uFFFAb\uFFFB", "<U+FFF9>a<U+FFFA>b<U+FFFB>", "", Invisible},

	{"osc title and bell", "\x1b]0;pwned\x07\x1b[2JSubject", "<U+001B>]0;pwned<U+0007><U+001B>[2JSubject", "", Control},
	{"nul del", "a\x00b\x7fc", "a<U+0000>b<U+007F>c", "", Control},
	{"c1 csi", "a\u009b31m", "a<U+009B>31m", "", Control},
	{"line separators", "a\u2028b\u2029c", "a<U+2028>b<U+2029>c", "", Control},
	{"tab and newline", "a\tb\nc", "a<U+0009>b<U+000A>c", "a\tb\nc", Control},
	{"crlf and lone cr", "a\r\nb\rc\r", "a<U+000D><U+000A>b<U+000D>c<U+000D>", "a\r\nb<U+000D>c<U+000D>", Control},
	{"form feed", "a\fb", "a<U+000C>b", "", Control},

	{"invalid utf-8", "a\x9b31m\xff", "a<0x9B>31m<0xFF>", "", InvalidUTF8},
	{"cut character", "東\xe6\x9d", "東<0xE6><0x9D>", "", InvalidUTF8},
	{"surrogate bytes", "\xed\xa0\x80", "<0xED><0xA0><0x80>", "", InvalidUTF8},
	{"overlong", "\xc0\xaf", "<0xC0><0xAF>", "", InvalidUTF8},

	{"literal escape", "<U+202E>", "<U+003C>U+202E>", "", 0},
	{"literal byte escape", "<0x9B> <0x9b> <0X9B>", "<U+003C>0x9B> <0x9b> <0X9B>", "", 0},
	{"literal long escape", "<U+10FFFF><U+1234567>", "<U+003C>U+10FFFF><U+1234567>", "", 0},
	{"not escapes", "<U+12> <U+abcd> <U+ 1234> < <<", "<U+12> <U+abcd> <U+ 1234> < <<", "", 0},
	{"escape next to hidden", "<\u202EU+0041>", "<<U+202E>U+0041>", "", Bidi},
	{"mixed", "\x1b\u202E\u200B\xff", "<U+001B><U+202E><U+200B><0xFF>", "", Control | Bidi | Invisible | InvalidUTF8},
}

func TestEscape(t *testing.T) {
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.line, Line(tt.in), "Line")
			text := tt.text
			if text == "" {
				text = tt.line
			}
			assert.Equal(t, text, Text(tt.in), "Text")
			assert.Equal(t, tt.class, Scan(tt.in), "Scan")
			for _, out := range []string{Line(tt.in), Text(tt.in)} {
				back, err := Unescape(out)
				require.NoError(t, err)
				assert.Equal(t, tt.in, back, "Unescape(%q)", out)
			}
		})
	}
}

func TestOf(t *testing.T) {
	for r := range rune(0x20) {
		assert.Equal(t, Control, Of(r), "U+%04X", r)
	}
	for r := rune(0x20); r < 0x7f; r++ {
		assert.Zero(t, Of(r), "U+%04X", r)
	}
	for r := rune(0x7f); r < 0xa0; r++ {
		assert.Equal(t, Control, Of(r), "U+%04X", r)
	}
	for _, r := range []rune{0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c} {
		assert.Equal(t, Bidi, Of(r), "U+%04X", r)
	}
	// Every format character is hidden, whatever Unicode version the Go
	// release knows.
	for _, tab := range []*unicode.RangeTable{unicode.Cf, unicode.Zl, unicode.Zp, unicode.Cc, unicode.Other_Default_Ignorable_Code_Point} {
		each := func(lo, hi, stride rune) {
			for r := lo; r <= hi; r += stride {
				if Of(r) == 0 {
					t.Errorf("U+%04X is shown as itself", r)
				}
			}
		}
		for _, rg := range tab.R16 {
			each(rune(rg.Lo), rune(rg.Hi), rune(rg.Stride))
		}
		for _, rg := range tab.R32 {
			each(rune(rg.Lo), rune(rg.Hi), rune(rg.Stride))
		}
	}
	assert.Zero(t, Of('\uFFFD'))
	assert.Zero(t, Of('\u3000'))
	assert.Zero(t, Of('\uFE0F'), "variation selectors stay: emoji need them")
}

func TestClassString(t *testing.T) {
	assert.Equal(t, "", Class(0).String())
	assert.Equal(t, "bidi control", Bidi.String())
	assert.Equal(t, "control character, bidi control, invisible character, invalid UTF-8", (Control | Bidi | Invisible | InvalidUTF8).String())
}

func TestName(t *testing.T) {
	assert.Equal(t, "U+202E RIGHT-TO-LEFT OVERRIDE", Name(0x202e))
	assert.Equal(t, "U+001B ESCAPE", Name(0x1b))
	assert.Equal(t, "U+E0041", Name(0xe0041))
}

func TestUnescapeRefuses(t *testing.T) {
	for _, s := range []string{"<U+D800>", "<U+110000>", "a<U+DFFF>b"} {
		_, err := Unescape(s)
		assert.ErrorIs(t, err, ErrEscape, s)
	}
}

func TestEscapeLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"<U+202E>", 8}, {"<U+E0041>x", 9}, {"<U+10FFFF>", 10}, {"<0x9B>", 6},
		{"<U+202>", 0}, {"<U+1234567>", 0}, {"<U+202e>", 0}, {"<0x9>", 0}, {"<0x9BC>", 0}, {"<U+202E", 0}, {"<", 0}, {"x", 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, EscapeLen(tt.in), tt.in)
	}
}

// TestCleanCostsNothing: the common case, a name with nothing to escape,
// is returned as it is.
func TestCleanCostsNothing(t *testing.T) {
	s := strings.Repeat("見積書 invoice.pdf ", 100)
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Line(s); _ = Text(s); _ = Scan(s) }))
}

// TestGrowthBound: the output of any input is at most eight bytes per
// input byte, however hostile (every byte a control).
func TestGrowthBound(t *testing.T) {
	for _, in := range []string{strings.Repeat("\x1b", 4096), strings.Repeat("<", 4096) + "U+0041>", strings.Repeat("\xff", 4096),
		strings.Repeat("\u202E", 4096), strings.Repeat("\U000E0041", 4096), strings.Repeat("<U+0041>", 512)} {
		out := Line(in)
		assert.LessOrEqual(t, len(out), 8*len(in), "%q…", in[:8])
	}
}

func TestWriter(t *testing.T) {
	for _, tt := range cases {
		want := tt.text
		if want == "" {
			want = tt.line
		}
		// The writer leaves "<" alone.
		want = strings.ReplaceAll(want, "<U+003C>", "<")
		for _, step := range []int{1, 2, 3, 5, 1000} {
			var out bytes.Buffer
			w := NewWriter(&out)
			for i := 0; i < len(tt.in); i += step {
				n, err := w.Write([]byte(tt.in[i:min(i+step, len(tt.in))]))
				require.NoError(t, err)
				require.Equal(t, min(step, len(tt.in)-i), n)
			}
			require.NoError(t, w.Flush())
			assert.Equal(t, want, out.String(), "%s written %d bytes at a time", tt.name, step)
			assert.Equal(t, tt.class&^Control, w.Seen()&^Control, "%s: Seen", tt.name)
		}
	}
}

// FuzzEscape: the output of Line holds no hidden character and is valid
// UTF-8, Text's holds none but tab, newline and CR before LF, both give
// the input back through Unescape, and the Writer agrees with Text but
// for "<".
func FuzzEscape(f *testing.F) {
	for _, tt := range cases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		line, text := Line(in), Text(in)
		for _, out := range []string{line, text} {
			if !utf8.ValidString(out) {
				t.Fatalf("%q: invalid UTF-8 out: %q", in, out)
			}
			back, err := Unescape(out)
			if err != nil || back != in {
				t.Fatalf("%q: round trip through %q gives %q, %v", in, out, back, err)
			}
			if len(out) > 8*len(in) {
				t.Fatalf("%q: %d bytes out", in, len(out))
			}
		}
		if c := Scan(line); c != 0 {
			t.Fatalf("%q: Line leaves %s in %q", in, c, line)
		}
		for i, r := range text {
			if Of(r) != 0 && !kept(text, i) {
				t.Fatalf("%q: Text leaves U+%04X in %q", in, r, text)
			}
		}
		if (Scan(in) == 0) != (Line(strings.ReplaceAll(in, "<", "")) == strings.ReplaceAll(in, "<", "")) {
			t.Fatalf("%q: Scan says %q, Line gives %q", in, Scan(in), line)
		}
		var out bytes.Buffer
		w := NewWriter(&out)
		half := len(in) / 2
		_, _ = w.Write([]byte(in[:half]))
		_, _ = w.Write([]byte(in[half:]))
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		// Every "<U+003C>" of Text's output is an escaped "<" (one that
		// could be read as an escape is itself escaped).
		if want := strings.ReplaceAll(text, "<U+003C>", "<"); out.String() != want {
			t.Fatalf("%q: writer gives %q, Text %q", in, out.String(), want)
		}
	})
}

func TestSplit(t *testing.T) {
	type run struct {
		s   string
		esc bool
	}
	tests := []struct {
		in   string
		want []run
	}{
		{"", nil},
		{"plain", []run{{"plain", false}}},
		{"<U+202E>", []run{{"<U+202E>", true}}},
		{"a<U+202E><0xFF>b<U+0041", []run{{"a", false}, {"<U+202E><0xFF>", true}, {"b<U+0041", false}}},
		{"<<U+003C>U+0041>", []run{{"<", false}, {"<U+003C>", true}, {"U+0041>", false}}},
	}
	for _, tt := range tests {
		var got []run
		Split(tt.in, func(s string, esc bool) { got = append(got, run{s, esc}) })
		assert.Equal(t, tt.want, got, tt.in)
	}
}
