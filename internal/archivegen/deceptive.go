package archivegen

import "time"

// Names of DeceptiveNames, as a person should see them (escaped) and as
// they are stored.
const (
	// DeceptiveRLO is a name that reads "invoice_exe.txt" and is an .exe.
	DeceptiveRLO = "invoice_\u202etxt.exe"
	// DeceptiveIsolates hides "evil" in a right-to-left isolate.
	DeceptiveIsolates = "x\u2067evil\u2069.txt"
	// DeceptiveZeroWidth is "paypal.pdf" with a zero-width space and a
	// byte order mark in it.
	DeceptiveZeroWidth = "pay\u200bpal\ufeff.pdf"
	// DeceptiveAttachment is a mail attachment's file name with a
	// right-to-left override: "report_exe.pdf" on screen.
	DeceptiveAttachment = "report_\u202efdp.exe"
	// DeceptivePersian is an ordinary Persian name with a zero-width
	// non-joiner and a right-to-left mark: not deceptive.
	DeceptivePersian = "می\u200cخواهم\u200f.txt"
	// DeceptiveLast is the plain file after the others, which the walk
	// must reach.
	DeceptiveLast = "zz_last.txt"
	// DeceptiveSubject is the Subject of the mail: a terminal title
	// change, a bell and a screen clear, RFC 2047-encoded.
	DeceptiveSubject = "\x1b]0;pwned\x07\x1b[2JSubject"
)

// DeceptiveNames returns the zip of issue 11's case r11: names whose bidi,
// zero-width and control characters make them read as something else
// (DeceptiveRLO, DeceptiveIsolates, DeceptiveZeroWidth), an ordinary
// Persian name (DeceptivePersian), and mail/m.eml whose From holds a
// right-to-left override, whose Subject holds a terminal escape sequence
// (DeceptiveSubject) and whose attachment is named DeceptiveAttachment;
// then DeceptiveLast.
func DeceptiveNames() ([]byte, error) {
	const mail = "From: =?utf-8?q?Eve_=E2=80=AE?= <eve@evil.example>\r\n" +
		"To: ito@example.co.jp\r\n" +
		"Subject: =?utf-8?q?=1B]0;pwned=07=1B[2JSubject?=\r\n" +
		"Date: Mon, 1 Feb 2021 10:00:00 +0900\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee attached\r\n" +
		"--b1\r\nContent-Type: application/octet-stream\r\n" +
		"Content-Disposition: attachment; filename=\"=?utf-8?q?report=5F=E2=80=AEfdp.exe?=\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\nTVo=\r\n" +
		"--b1--\r\n"
	t := time.Date(2021, 2, 1, 10, 0, 0, 0, time.UTC)
	return Zip([]File{
		{Name: DeceptiveRLO, Data: []byte("MZ"), UTF8: true, Modified: t},
		{Name: DeceptiveIsolates, Data: []byte("x"), UTF8: true, Modified: t},
		{Name: DeceptiveZeroWidth, Data: []byte("%PDF-1.4\n%%EOF\n"), UTF8: true, Modified: t},
		{Name: DeceptivePersian, Data: []byte("متن"), UTF8: true, Modified: t},
		{Name: "mail/m.eml", Data: []byte(mail), Modified: t},
		{Name: DeceptiveLast, Data: []byte("the end"), Modified: t},
	}, ZipOptions{})
}
