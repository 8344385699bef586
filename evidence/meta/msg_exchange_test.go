package meta

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// msgExchangeHeaders is a message whose transport headers open with the
// line Exchange writes before them, which is no header.
func msgExchangeHeaders(t testing.TB) []byte {
	headers := "Microsoft Mail Internet Headers Version 2.0\r\n" +
		"Received: from mail.fibres.example.jp by mx01.example.com; Mon, 12 Apr 2021 10:30:05 +0900\r\n" +
		"From: Kenji Morita <morita@fibres.example.jp>\r\n" +
		"Subject: Quotation\r\n" +
		"Date: Mon, 12 Apr 2021 10:30:00 +0900\r\n"
	return newMSGBuild(msgHeaderTop).str(pidMessageClass, "IPM.Note").str(pidTransportHeaders, headers).file(t)
}

// TestMSGExchangeHeaderLine reads the headers after that line, and does
// not call the message malformed.
func TestMSGExchangeHeaderLine(t *testing.T) {
	res, err := msgExtract(t, msgExchangeHeaders(t), Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, "2021-04-12T10:30:00+09:00", res.Metadata.Created)
	assert.Equal(t, "+09:00", res.Metadata.TZOffset)
}
