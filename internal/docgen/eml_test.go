package docgen

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"
)

// wordDecoder decodes RFC 2047 words in UTF-8 and ISO-2022-JP.
var wordDecoder = &mime.WordDecoder{CharsetReader: func(cs string, r io.Reader) (io.Reader, error) {
	if strings.EqualFold(cs, "iso-2022-jp") {
		return japanese.ISO2022JP.NewDecoder().Reader(r), nil
	}
	return nil, fmt.Errorf("unexpected charset %s", cs)
}}

func TestEML(t *testing.T) {
	longSubject := "RE: 保守契約の更新について (FY2021 PRIMERGY および ETERNUS の件、至急ご確認ください)"
	tests := []struct {
		name        string
		charset     string
		attachments []Attachment
	}{
		{"iso-2022-jp plain", CharsetISO2022JP, nil},
		{"utf-8 plain", "", nil},
		{"iso-2022-jp with attachment", CharsetISO2022JP, []Attachment{{Name: "見積書.pdf", ContentType: "application/pdf", Data: bytes.Repeat([]byte("%PDF-1.4 test "), 20)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := EMLSpec{
				From:      mail.Address{Name: "中村 浩二", Address: "nakamura@example.co.jp"},
				To:        []mail.Address{{Name: "佐藤 健一", Address: "sato@example.co.jp"}, {Address: "team@example.co.jp"}},
				Cc:        []mail.Address{{Name: "Makoto Morita", Address: "morita@vendor.example.com"}},
				Date:      time.Date(2021, 5, 20, 14, 3, 0, 0, jst),
				Subject:   longSubject,
				MessageID: "abc.123@mail.example.co.jp",
				InReplyTo: "abc.122@mail.example.co.jp",
				Received: []string{
					"from mail.example.co.jp (mail.example.co.jp [10.0.0.2]) by mbx.example.local (Postfix) with ESMTPS id 4Fm for <sato@example.co.jp>; Thu, 20 May 2021 14:03:12 +0900",
					"from pc01.example.local (pc01.example.local [10.0.8.1]) by mail.example.co.jp (Postfix) with ESMTPSA id 4Fl; Thu, 20 May 2021 14:03:11 +0900",
				},
				XMailer:     "Microsoft Outlook 16.0",
				Charset:     tc.charset,
				Body:        "佐藤さん\n\n保守契約の件、確認しました。\nPRIMERGY 4台\n",
				Attachments: tc.attachments,
			}
			data, err := EML(spec)
			require.NoError(t, err)
			again, err := EML(spec)
			require.NoError(t, err)
			assert.Equal(t, data, again)

			for i, line := range strings.Split(string(data), "\r\n") {
				assert.LessOrEqual(t, len(line), 998, "line %d too long", i)
				assert.NotContains(t, line, "\n", "bare LF on line %d", i)
			}

			msg, err := mail.ReadMessage(bytes.NewReader(data))
			require.NoError(t, err)
			subject, err := wordDecoder.DecodeHeader(msg.Header.Get("Subject"))
			require.NoError(t, err)
			assert.Equal(t, longSubject, subject)
			date, err := msg.Header.Date()
			require.NoError(t, err)
			assert.True(t, date.Equal(spec.Date))
			assert.Equal(t, "<abc.123@mail.example.co.jp>", msg.Header.Get("Message-ID"))
			assert.Equal(t, "Microsoft Outlook 16.0", msg.Header.Get("X-Mailer"))
			received := msg.Header["Received"]
			require.Len(t, received, 2)
			assert.Contains(t, received[0], "by mbx.example.local")
			assert.Contains(t, received[1], "from pc01.example.local")

			parser := mail.AddressParser{WordDecoder: wordDecoder}
			from, err := parser.Parse(msg.Header.Get("From"))
			require.NoError(t, err)
			assert.Equal(t, spec.From, *from)
			to, err := parser.ParseList(msg.Header.Get("To"))
			require.NoError(t, err)
			require.Len(t, to, 2)
			assert.Equal(t, spec.To[0], *to[0])
			assert.Equal(t, spec.To[1], *to[1])
			cc, err := parser.ParseList(msg.Header.Get("Cc"))
			require.NoError(t, err)
			assert.Equal(t, []*mail.Address{&spec.Cc[0]}, cc)

			mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
			require.NoError(t, err)
			textHeader, textBody := mail.Header(msg.Header), msg.Body
			if len(tc.attachments) > 0 {
				require.Equal(t, "multipart/mixed", mt)
				mr := multipart.NewReader(msg.Body, params["boundary"])
				p, err := mr.NextPart()
				require.NoError(t, err)
				textHeader = mail.Header(p.Header)
				textBody = p
				body := readBody(t, textHeader, textBody)
				assert.Equal(t, "佐藤さん\r\n\r\n保守契約の件、確認しました。\r\nPRIMERGY 4台\r\n", body)
				a, err := mr.NextPart()
				require.NoError(t, err)
				assert.Equal(t, "見積書.pdf", a.FileName())
				raw, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, a))
				require.NoError(t, err)
				assert.Equal(t, tc.attachments[0].Data, raw)
				_, err = mr.NextPart()
				require.ErrorIs(t, err, io.EOF)
				return
			}
			require.Equal(t, "text/plain", mt)
			assert.Equal(t, "佐藤さん\r\n\r\n保守契約の件、確認しました。\r\nPRIMERGY 4台\r\n", readBody(t, textHeader, textBody))
		})
	}
}

// readBody decodes a text/plain body according to its headers.
func readBody(t *testing.T, h mail.Header, r io.Reader) string {
	if h.Get("Content-Transfer-Encoding") == "base64" {
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	_, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	require.NoError(t, err)
	if strings.EqualFold(params["charset"], "iso-2022-jp") {
		r = japanese.ISO2022JP.NewDecoder().Reader(r)
	}
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(b)
}

func TestEMLISO2022JPLinesEndInASCII(t *testing.T) {
	data, err := EML(EMLSpec{
		From: mail.Address{Address: "a@example.jp"}, To: []mail.Address{{Address: "b@example.jp"}},
		Date: time.Date(2021, 5, 20, 14, 3, 0, 0, jst), Subject: "件名", Charset: CharsetISO2022JP,
		Body: "一行目\n二行目 two\n",
	})
	require.NoError(t, err)
	for _, line := range strings.Split(string(data), "\r\n") {
		if i := strings.LastIndex(line, "\x1b"); i >= 0 {
			assert.Equal(t, "\x1b(B", line[i:min(i+3, len(line))], "line %q must return to ASCII", line)
		}
		for _, c := range []byte(line) {
			assert.Less(t, c, byte(0x80), "ISO-2022-JP output is 7-bit")
		}
	}
}

func TestEMLErrors(t *testing.T) {
	ok := EMLSpec{From: mail.Address{Address: "a@example.jp"}, To: []mail.Address{{Address: "b@example.jp"}}, Date: time.Unix(0, 0)}
	tests := []struct {
		name   string
		modify func(*EMLSpec)
	}{
		{"no from", func(s *EMLSpec) { s.From = mail.Address{} }},
		{"no to", func(s *EMLSpec) { s.To = nil }},
		{"no date", func(s *EMLSpec) { s.Date = time.Time{} }},
		{"bad charset", func(s *EMLSpec) { s.Charset = "koi8-r" }},
		{"unencodable", func(s *EMLSpec) { s.Charset = CharsetISO2022JP; s.Subject = "emoji 😀" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ok
			tc.modify(&s)
			_, err := EML(s)
			require.Error(t, err)
		})
	}
	_, err := EML(ok)
	require.NoError(t, err)
}
