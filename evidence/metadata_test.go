package evidence_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// mailStub stands for a mail extractor: it reads every text/plain item,
// reports its first line as the title, and returns an attachment.
type mailStub struct{}

func (mailStub) Name() string                 { return "stub" }
func (mailStub) Version() string              { return "9" }
func (mailStub) Accepts(t identify.Type) bool { return t.MIME == "text/plain" }
func (mailStub) Extract(ctx context.Context, in meta.Input, lim meta.Limits) (*meta.Result, error) {
	b := make([]byte, in.Size)
	if _, err := in.R.ReadAt(b, 0); err != nil {
		return nil, err
	}
	if string(b) == "broken" {
		return nil, fmt.Errorf("%w: cannot parse", meta.ErrFormat)
	}
	inner, err := archivegen.Zip([]archivegen.File{{Name: "in-attachment.txt", Data: []byte("broken")}}, archivegen.ZipOptions{})
	if err != nil {
		return nil, err
	}
	return &meta.Result{
		Metadata:    meta.Metadata{Title: string(b), Raw: map[string]any{"Template": `\\fs01.corp.example\t.dotx`}},
		Text:        "body of " + string(b),
		Attachments: []meta.Attachment{{Name: "scan.zip", Data: inner}},
	}, nil
}

func TestMetadataStage(t *testing.T) {
	data := must(t)(archivegen.Zip([]archivegen.File{{Name: "mail.txt", Data: []byte("quarterly report")}}, archivegen.ZipOptions{}))
	rep, err := analyzeBytes(t, "p.zip", data, evidence.Options{Extractors: []meta.Extractor{mailStub{}}})
	require.NoError(t, err)
	m := itemsByPath(rep)

	mail := m["p.zip!/mail.txt"]
	assert.Equal(t, "quarterly report", mail.Metadata.Title)
	assert.Equal(t, []string{"fs01.corp.example"}, mail.Metadata.Hosts)
	assert.Equal(t, evidence.TextFromBody, mail.TextSource)
	assert.Equal(t, "body of quarterly report", mail.Text)

	att := m["p.zip!/mail.txt!/scan.zip"]
	assert.Equal(t, 2, att.Depth, "an attachment is one level below its item")
	assert.Equal(t, "archive", att.Kind)
	assert.NotEmpty(t, att.SHA256)
	deep := m["p.zip!/mail.txt!/scan.zip!/in-attachment.txt"]
	assert.Equal(t, 3, deep.Depth, "archives in attachments are walked")
	require.Len(t, deep.Problems, 1)
	assert.Equal(t, evidence.ProblemMetadata, deep.Problems[0].Code)

	assert.Equal(t, 1, rep.Stats.WithMetadata)
	assert.Contains(t, rep.Tool.Extractors, evidence.Extractor{Name: "stub", Version: "9"})

	rep, err = analyzeBytes(t, "p.zip", data, evidence.Options{Extractors: []meta.Extractor{mailStub{}}, SkipMetadata: true})
	require.NoError(t, err)
	assert.Len(t, rep.Items, 1)
	assert.True(t, rep.Items[0].Metadata.IsZero())
}
