package similar_test

import (
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence/similar"
)

var update = flag.Bool("update", false, "rewrite testdata/signature.golden")

func TestTokens(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Hello, World!", "hello world"},
		{"ＡＢＣ１２３ full-width", "abc123 full width"},
		{"\"a\";\"b\"\t'c'", "a b c"},
		{"東レ株式会社 TORAY", "東 レ 株 式 会 社 toray"},
		{"STRASSE Straße", "strasse strasse"},
		{"2024-03-15 15/03/2024 2024/3/15 03.15.2024", "20240315 20240315 20240315 20240315"},
		{"1,250.00 1250 1250.0 001250", "1250 1250 1250 1250"},
		{"980.50 980.5 0980.500 00.01", "980.5 980.5 980.5 0.01"},
		{"10.0.0.1 +44 20 123. End", "10.0.0.1 44 20 123 end"},
		{"41,2024-03-15,\"1,250.00\"", "41 20240315 1250"},
		{"3rd 10kg v2.0", "3rd 10kg v2.0"},
		{"", ""},
	}
	for _, c := range cases {
		if got := strings.Join(similar.Tokens(c.in), " "); got != c.want {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHashTextReexportedCSV(t *testing.T) {
	orig := readFixture(t, "orders.csv")
	lines := strings.Split(strings.TrimRight(orig, "\r\n"), "\r\n")
	// Re-export by hand: every field quoted, ';' between fields, LF.
	var b strings.Builder
	for _, l := range lines {
		var fields []string
		inQuote, cur := false, ""
		for _, r := range l {
			switch {
			case r == '"':
				inQuote = !inQuote
			case r == ',' && !inQuote:
				fields = append(fields, cur)
				cur = ""
			default:
				cur += string(r)
			}
		}
		fields = append(fields, cur)
		b.WriteString("\"" + strings.Join(fields, "\";\"") + "\"\n")
	}
	a, c := similar.HashText(orig), similar.HashText(b.String())
	if a == nil || c == nil {
		t.Fatal("no signature for the CSV")
	}
	if s := a.Similarity(c); s != 1 {
		t.Errorf("similarity of the re-exported CSV = %g, want 1", s)
	}
	// The same rows with one row changed in every field stay similar,
	// a CSV of other rows is not.
	changed := strings.Replace(orig, lines[3], "PO-9999999,2019-01-01,gear unit,77,\"5,555.00\",Wren Yardley", 1)
	if s := a.Similarity(similar.HashText(changed)); s < similar.TextMatch || s == 1 {
		t.Errorf("one row changed: similarity %g, want in [%g, 1)", s, similar.TextMatch)
	}
	memo := similar.HashText(readFixture(t, "memo.txt"))
	if s := a.Similarity(memo); s >= similar.TextMatch {
		t.Errorf("CSV vs memo: similarity %g ≥ TextMatch", s)
	}
}

func TestHashTextShortAndEmpty(t *testing.T) {
	for _, s := range []string{"", "OK", "thanks, see you", "!!! ... ---", "a b c d e f g h i j"} {
		if sig := similar.HashText(s); sig != nil {
			t.Errorf("HashText(%q) = %d slots, want nil", s, len(sig))
		}
	}
	long := "one two three four five six seven eight nine ten eleven twelve"
	sig := similar.HashText(long)
	if len(sig) != similar.SigLen {
		t.Fatalf("HashText of %d tokens: %d slots, want %d", 12, len(sig), similar.SigLen)
	}
	var none similar.TextSig
	if none.Similarity(none) != 0 || sig.Similarity(none) != 0 || none.Similarity(sig) != 0 {
		t.Error("a nil signature is similar to something")
	}
	if sig.Similarity(sig) != 1 {
		t.Error("a signature is not similar to itself")
	}
	if none.Bands() != nil || similar.TextSig(sig[:10]).Bands() != nil {
		t.Error("bands of a nil or short signature")
	}
}

// TestSimilarityEstimatesJaccard builds pairs of token sets with a known
// Jaccard index (k = 1: each token is a shingle) and checks the estimate
// within four standard errors.
func TestSimilarityEstimatesJaccard(t *testing.T) {
	for _, j := range []float64{0.1, 0.3, 0.5, 0.8} {
		// |A∩B| = n, |A∪B| = n/j.
		n := 400
		union := int(float64(n) / j)
		var a, b []string
		for i := range union {
			w := fmt.Sprintf("w%dx", i)
			switch {
			case i < n:
				a, b = append(a, w), append(b, w)
			case (i-n)%2 == 0:
				a = append(a, w)
			default:
				b = append(b, w)
			}
		}
		got := similar.HashTextK(strings.Join(a, " "), 1).Similarity(similar.HashTextK(strings.Join(b, " "), 1))
		se := math.Sqrt(j * (1 - j) / similar.SigLen)
		if math.Abs(got-j) > 4*se {
			t.Errorf("Jaccard %.2f: estimate %.3f, off by more than 4 standard errors (%.3f)", j, got, 4*se)
		}
	}
}

func TestBandsKeys(t *testing.T) {
	sig := similar.HashText(readFixture(t, "memo.txt"))
	keys := sig.Bands()
	if len(keys) != similar.Bands {
		t.Fatalf("%d keys, want %d", len(keys), similar.Bands)
	}
	if !slices.Equal(keys, slices.Clone(sig).Bands()) {
		t.Error("keys of equal signatures differ")
	}
	// Bands with equal slots get different keys: the band number is in
	// the key.
	same := make(similar.TextSig, similar.SigLen)
	k := same.Bands()
	slices.Sort(k)
	if len(slices.Compact(k)) != similar.Bands {
		t.Error("two bands of equal slots share a key")
	}
	// Changing one slot changes exactly one key.
	other := slices.Clone(sig)
	other[5]++
	diff := 0
	for i, k := range other.Bands() {
		if k != keys[i] {
			diff++
		}
	}
	if diff != 1 {
		t.Errorf("one slot changed %d keys, want 1", diff)
	}
}

func TestTextSigBinaryRoundTrip(t *testing.T) {
	sig := similar.HashText(readFixture(t, "memo.txt"))
	b, err := sig.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := similar.ParseTextSig(b)
	if err != nil || !slices.Equal(back, sig) {
		t.Fatalf("round trip: %v", err)
	}
	if back, err := similar.ParseTextSig(nil); err != nil || back != nil {
		t.Errorf("empty bytes: %v, %v", back, err)
	}
	if _, err := similar.ParseTextSig(b[:len(b)-1]); !errors.Is(err, similar.ErrHash) {
		t.Errorf("short bytes: err = %v, want ErrHash", err)
	}
}

// TestSignatureGolden fixes the signature of testdata/memo.txt: a change
// of seeds, SigLen, ShingleWords or normalisation changes it, and must
// come with a new SigVersion (then run with -update).
func TestSignatureGolden(t *testing.T) {
	sig := similar.HashText(readFixture(t, "memo.txt"))
	b, _ := sig.MarshalBinary()
	got := fmt.Sprintf("version %d\n%s\n", similar.SigVersion, hex.EncodeToString(b))
	path := filepath.Join("testdata", "signature.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("signature of memo.txt changed:\n got %.80s…\nwant %.80s…\nbump SigVersion and run with -update", got, want)
	}
}
