package archivegen

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/bodgit/sevenzip"
)

// FixturePassword is the password of every encrypted fixture, the one
// malware and leak sites customarily use.
const FixturePassword = "infected"

// ErrFixtureMismatch reports an archive whose content is not what its
// fixture describes.
var ErrFixtureMismatch = errors.New("archivegen: archive does not match its fixture")

// SevenZipFixture describes one committed 7z file of testdata/archives:
// what cmd/genfixtures puts in it and how, so that tests can check what
// they read against the same table.
type SevenZipFixture struct {
	Name        string          // file name in testdata/archives
	Description string          // one line for README.md
	Files       []File          // entries given to SevenZipWithOptions
	Options     SevenZipOptions // method, solidity and encryption
}

// Reproducible reports whether 7zz makes the same bytes on every run for
// this fixture: true unless it is encrypted (7-Zip draws random salts).
func (fx SevenZipFixture) Reproducible() bool { return fx.Options.Password == "" }

// Build runs 7zz to make the fixture.
func (fx SevenZipFixture) Build() ([]byte, error) {
	return SevenZipWithOptions(fx.Files, fx.Options)
}

// Verify opens b with github.com/bodgit/sevenzip (with the fixture's
// password) and checks that every regular file of the fixture is there with
// its content and modification time. It wraps ErrFixtureMismatch when they
// differ.
func (fx SevenZipFixture) Verify(b []byte) error {
	r, err := sevenzip.NewReaderWithPassword(bytes.NewReader(b), int64(len(b)), fx.Options.Password)
	if err != nil {
		return fmt.Errorf("archivegen: open %s: %w", fx.Name, err)
	}
	got := map[string]*sevenzip.File{}
	for _, f := range r.File {
		got[f.Name] = f
	}
	for _, want := range fx.Files {
		if want.isDir() || want.isSymlink() {
			continue
		}
		name := string(want.name())
		f, ok := got[name]
		if !ok {
			return fmt.Errorf("%w: %s: %q missing", ErrFixtureMismatch, fx.Name, name)
		}
		if !f.Modified.Equal(want.modified()) {
			return fmt.Errorf("%w: %s: %q modified %v, want %v", ErrFixtureMismatch, fx.Name, name, f.Modified, want.modified())
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("archivegen: %s: open %q: %w", fx.Name, name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("archivegen: %s: read %q: %w", fx.Name, name, err)
		}
		if !bytes.Equal(data, want.Data) {
			return fmt.Errorf("%w: %s: %q content differs", ErrFixtureMismatch, fx.Name, name)
		}
	}
	return nil
}

// SevenZipFixtures returns the table of committed 7z fixtures. All people
// and companies in them are fictional.
func SevenZipFixtures() []SevenZipFixture {
	plain := []File{
		{Name: "docs", Mode: fs.ModeDir | 0o755},
		{Name: "data", Mode: fs.ModeDir | 0o755},
		{Name: "docs/readme.txt", Data: []byte("Sample pack for proofpack tests. Fictional data only.\n")},
		{Name: "docs/見積書_2021.txt", Data: []byte("御見積書\n株式会社サンプル商事 御中\n合計金額: ¥1,234,000\n")},
		{Name: "data/customers.csv", Data: []byte("id,name,email\n1,Hanako Yamada,hanako@example.co.jp\n2,Taro Suzuki,taro@example.co.jp\n"),
			Modified: time.Date(2021, time.March, 30, 18, 5, 12, 0, time.UTC)},
	}
	var solid []File
	for i := 1; i <= 10; i++ {
		solid = append(solid, File{
			Name: fmt.Sprintf("logs/host-%02d.log", i),
			Data: []byte(strings.Repeat("2021-04-01T09:00:00+09:00 login ok user=staff"+strconv.Itoa(i)+" host=fs01.corp.example\n", i)),
		})
	}
	secret := []File{
		{Name: "confidential/社外秘_顧客一覧.csv", Data: []byte("会社名,担当者\nサンプル工業株式会社,佐藤 花子\n")},
		{Name: "confidential/passwords.txt", Data: []byte("this is not a real password list\n")},
	}
	copyFiles := []File{
		{Name: "stored/a.txt", Data: []byte("stored without compression\n")},
		{Name: "stored/b.bin", Data: bytes.Repeat([]byte{0, 1, 2, 3}, 64)},
	}
	return []SevenZipFixture{
		{Name: "plain.7z", Description: "three files in two folders, one Japanese UTF-8 name, LZMA2, not solid", Files: plain},
		{Name: "solid.7z", Description: "ten small log files in one solid LZMA2 block", Files: solid, Options: SevenZipOptions{Solid: true}},
		{Name: "encrypted.7z", Description: `data encrypted (AES-256, password "infected"), header not encrypted: names are listable`, Files: secret,
			Options: SevenZipOptions{Password: FixturePassword}},
		{Name: "encrypted-headers.7z", Description: `data and header encrypted (AES-256, password "infected", -mhe=on): names hidden`, Files: secret,
			Options: SevenZipOptions{Password: FixturePassword, EncryptHeaders: true}},
		{Name: "copy.7z", Description: "two files stored with the Copy method (no compression)", Files: copyFiles,
			Options: SevenZipOptions{Method: "Copy"}},
	}
}
