package meta_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// fake is an extractor whose behaviour a test sets.
type fake struct {
	name    string
	accepts string // MIME
	res     *meta.Result
	err     error
	panics  bool
}

func (f *fake) Name() string                 { return f.name }
func (f *fake) Version() string              { return "1" }
func (f *fake) Accepts(t identify.Type) bool { return t.MIME == f.accepts }
func (f *fake) Extract(ctx context.Context, in meta.Input, lim meta.Limits) (*meta.Result, error) {
	if f.panics {
		panic("boom")
	}
	return f.res, f.err
}

func input(mime string) meta.Input {
	return meta.Input{Name: "x", Type: identify.Type{MIME: mime}, R: bytes.NewReader(nil)}
}

func TestRunMerges(t *testing.T) {
	exs := []meta.Extractor{
		&fake{name: "a", accepts: "image/jpeg", res: &meta.Result{
			Metadata: meta.Metadata{Software: "Greenshot", Raw: map[string]any{"Software": "Greenshot"}},
			Text:     "first",
		}},
		&fake{name: "b", accepts: "image/jpeg", res: &meta.Result{
			Metadata: meta.Metadata{Software: "ignored", Authors: []string{"佐藤 健一"},
				Raw: map[string]any{"dc:creator": "佐藤 健一 <sato.kenichi@toray.co.jp>"}},
			Text: "second",
		}},
		&fake{name: "c", accepts: "application/pdf", res: &meta.Result{Metadata: meta.Metadata{Title: "not run"}}},
	}
	res, err := meta.Run(context.Background(), exs, input("image/jpeg"), meta.Limits{})
	require.NoError(t, err)
	assert.Equal(t, "Greenshot", res.Metadata.Software, "the first extractor to fill a field wins")
	assert.Equal(t, []string{"佐藤 健一"}, res.Metadata.Authors)
	assert.Empty(t, res.Metadata.Title)
	assert.Contains(t, res.Metadata.Raw, "a")
	assert.Contains(t, res.Metadata.Raw, "b")
	assert.NotContains(t, res.Metadata.Raw, "c")
	assert.Equal(t, "first\nsecond", res.Text)
	assert.Equal(t, []string{"sato.kenichi@toray.co.jp"}, res.Metadata.Emails, "harvested from raw values")
	assert.Equal(t, []string{"toray.co.jp"}, res.Metadata.Hosts, "the address's domain")
}

func TestRunFailures(t *testing.T) {
	good := &fake{name: "good", accepts: "t", res: &meta.Result{Metadata: meta.Metadata{Title: "ok"}}}
	bad := &fake{name: "bad", accepts: "t", err: fmt.Errorf("%w: broken", meta.ErrFormat)}
	panicky := &fake{name: "panicky", accepts: "t", panics: true}

	res, err := meta.Run(context.Background(), []meta.Extractor{panicky, bad, good}, input("t"), meta.Limits{})
	require.NoError(t, err, "one extractor succeeded")
	assert.Equal(t, "ok", res.Metadata.Title)
	require.Len(t, res.Warnings, 2)
	assert.ErrorIs(t, res.Warnings[0], meta.ErrPanic)
	assert.ErrorIs(t, res.Warnings[1], meta.ErrFormat)

	_, err = meta.Run(context.Background(), []meta.Extractor{panicky, bad}, input("t"), meta.Limits{})
	assert.ErrorIs(t, err, meta.ErrPanic)
	assert.ErrorIs(t, err, meta.ErrFormat)

	res, err = meta.Run(context.Background(), []meta.Extractor{good}, input("other"), meta.Limits{})
	require.NoError(t, err)
	assert.True(t, res.Metadata.IsZero(), "no extractor accepts the type")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = meta.Run(ctx, []meta.Extractor{good}, input("t"), meta.Limits{})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestRunCutsText(t *testing.T) {
	long := bytes.Repeat([]byte("東レ"), 1000) // 3 bytes a rune
	ex := &fake{name: "a", accepts: "t", res: &meta.Result{Text: string(long)}}
	res, err := meta.Run(context.Background(), []meta.Extractor{ex}, input("t"), meta.Limits{MaxTextBytes: 100})
	require.NoError(t, err)
	assert.True(t, res.TextTruncated)
	assert.LessOrEqual(t, len(res.Text), 100)
	assert.Equal(t, 99, len(res.Text), "cut on a rune boundary")
}

func TestLimitsDefaults(t *testing.T) {
	l := meta.Limits{}.WithDefaults()
	assert.Equal(t, meta.DefaultMaxTextBytes, l.MaxTextBytes)
	assert.Equal(t, meta.DefaultMaxRecordBytes, l.MaxRecordBytes)
	assert.Equal(t, meta.DefaultMaxRecords, l.MaxRecords)
	assert.Equal(t, int64(5), meta.Limits{MaxTextBytes: 5}.WithDefaults().MaxTextBytes)
}

func TestFormatTime(t *testing.T) {
	jst := time.FixedZone("", 9*3600)
	tm := time.Date(2021, 4, 12, 10, 30, 0, 0, jst)
	assert.Equal(t, "2021-04-12T10:30:00+09:00", meta.FormatTime(tm, true))
	assert.Equal(t, "2021-04-12T10:30:00", meta.FormatTime(tm, false))
	assert.Equal(t, "2021-04-12T10:30:00.25+09:00", meta.FormatTime(tm.Add(250*time.Millisecond), true))
	assert.Equal(t, "", meta.FormatTime(time.Time{}, true))
	assert.Equal(t, "+09:00", meta.FormatOffset(9*3600))
	assert.Equal(t, "-03:30", meta.FormatOffset(-(3*3600 + 1800)))
	assert.Equal(t, "+00:00", meta.FormatOffset(0))
}

func TestCutText(t *testing.T) {
	assert.Equal(t, "ab", meta.CutText("abc", 2))
	assert.Equal(t, "", meta.CutText("東", 2))
	assert.Equal(t, "東", meta.CutText("東レ", 4))
	assert.Equal(t, "abc", meta.CutText("abc", 10))
	assert.False(t, errors.Is(nil, meta.ErrFormat))
}

func TestRunNoRecordIsSilent(t *testing.T) {
	none := &fake{name: "none", accepts: "t", err: fmt.Errorf("%w: no EXIF block", meta.ErrNoRecord)}
	good := &fake{name: "good", accepts: "t", res: &meta.Result{Metadata: meta.Metadata{Software: "Greenshot"}}}
	res, err := meta.Run(context.Background(), []meta.Extractor{none, good}, input("t"), meta.Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, "Greenshot", res.Metadata.Software)
	res, err = meta.Run(context.Background(), []meta.Extractor{none}, input("t"), meta.Limits{})
	require.NoError(t, err, "an absent record is not an error, even when it is the only answer")
	assert.Empty(t, res.Warnings)
}
