package fingerprint

import (
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/proofpack/proofpack/fingerprint/internal/lookalikegen"
	"github.com/proofpack/proofpack/internal/testenv"
)

// knownConfusion is a pair of characters OCR was seen to take for one
// another, and where.
type knownConfusion struct {
	pair, source string
}

// Sources of the known confusions.
const (
	// srcIssue: issue 15's list, from screenshots rendered
	// independently of the OCR test set (other fonts, 9 px text).
	srcIssue = "issue 15"
	// srcPipeline: the pipeline's reading of testdata/ocr (go run
	// ./internal/ocreval/cmd/ocrbench -nocmd -rounds 1 -dump DIR, each
	// line aligned with its ground truth; one character for one).
	srcPipeline = "pipeline on testdata/ocr"
	// srcCommand: the tesseract command's reading of testdata/ocr (its
	// oracle goldens, testdata/ocr/oracle), aligned the same way.
	srcCommand = "tesseract command on testdata/ocr"
)

// knownConfusions are every confusion of one kana or kanji for another
// seen so far, visual or not (簿 read as 和 is the language model's).
var knownConfusions = []knownConfusion{
	{"社杜", srcIssue}, {"式武", srcIssue}, {"会全", srcIssue}, {"口ロ", srcIssue},
	{"力カ", srcIssue}, {"工エ", srcIssue}, {"二ニ", srcIssue}, {"鳴鴫", srcIssue},
	{"株妹", srcIssue},
	{"購財", srcPipeline}, {"精生", srcPipeline}, {"遵佑", srcPipeline}, {"書章", srcPipeline},
	{"様欄", srcPipeline}, {"秘秒", srcPipeline}, {"脆騰", srcPipeline}, {"請語", srcPipeline},
	{"簿和", srcPipeline}, {"通遠", srcPipeline}, {"品丁", srcPipeline}, {"認康", srcPipeline},
	{"秘郡", srcPipeline}, {"一ー", srcPipeline}, {"構材", srcPipeline}, {"撤搬", srcPipeline},
	{"絡結", srcPipeline},
	{"レし", srcCommand}, {"ポボ", srcCommand}, {"訂計", srcCommand}, {"郎朗", srcCommand},
	{"士二", srcCommand}, {"書痢", srcCommand}, {"積生", srcCommand}, {"弊映", srcCommand},
	{"納紹", srcCommand}, {"準挙", srcCommand}, {"置直", srcCommand}, {"議鐘", srcCommand},
}

// confusionHalves splits the known confusions: each pair's characters
// in code point order, the pairs sorted, every other one decided (the
// table's parameters were chosen on it), the rest held out.
func confusionHalves() (decided, heldout [][2]rune) {
	var ps [][2]rune
	for _, c := range knownConfusions {
		r := []rune(c.pair)
		p := [2]rune{min(r[0], r[1]), max(r[0], r[1])}
		if !slices.Contains(ps, p) {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b [2]rune) int { return strings.Compare(string(a[:]), string(b[:])) })
	for i, p := range ps {
		if i%2 == 0 {
			decided = append(decided, p)
		} else {
			heldout = append(heldout, p)
		}
	}
	return decided, heldout
}

// Floors of the table's recall of the known confusions, per half: the
// figures measured on the committed table (raise them when they rise).
const (
	confusionFloorDecided = 11
	confusionFloorHeldout = 0
)

// TestLookalikeQuality scores the committed table on the known OCR
// confusions, per half.
func TestLookalikeQuality(t *testing.T) {
	decided, heldout := confusionHalves()
	score := func(name string, ps [][2]rune) int {
		var hit, miss []string
		for _, p := range ps {
			if LookAlike(p[0], p[1]) {
				hit = append(hit, string(p[:]))
			} else {
				miss = append(miss, string(p[:]))
			}
		}
		t.Logf("%s: %d of %d listed (%s); not listed: %s", name, len(hit), len(ps),
			strings.Join(hit, " "), strings.Join(miss, " "))
		return len(hit)
	}
	assert.GreaterOrEqual(t, score("decided", decided), confusionFloorDecided)
	assert.GreaterOrEqual(t, score("held-out", heldout), confusionFloorHeldout)
	n := len(lookalikePairs()) / 2
	t.Logf("table: %d pairs, %d bytes", n, len(lookalikeText))
	assert.Greater(t, n, 1000)
}

// TestTableCurrent rebuilds the table and compares it with the
// committed lookalike.txt, byte for byte.
func TestTableCurrent(t *testing.T) {
	testenv.Generate(t, "the look-alike table (a few minutes)")
	if missing := lookalikegen.MissingFonts(lookalikegen.Fonts); len(missing) > 0 {
		t.Skipf("the fonts the table is drawn in are not installed: Debian packages %v (make generate installs them)", missing)
	}
	tb, err := lookalikegen.Build(context.Background(), lookalikegen.Chars(), lookalikegen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := tb.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("lookalike.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("lookalike.txt is not current: run go generate ./fingerprint (%d bytes made, %d committed)", b.Len(), len(want))
	}
}
