package oracle

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Tool is an outside program whose output the tests keep as goldens.
type Tool struct {
	// Name is the command, looked up on PATH in update mode.
	Name string
	// Packages are the Debian packages that provide the command and the
	// capability the goldens need.
	Packages []string
	// JSON says that the tool prints JSON (exiftool -json): it is
	// normalised and kept as JSON in the golden.
	JSON bool
	// FileText says that the text of the files the tool writes is kept,
	// not only their hashes.
	FileText bool
	// Normalise, when set, rewrites standard output, standard error and
	// kept file text so that they do not change from run to run.
	Normalise func(string) string
	// Probe, when set, checks that the installed command can do what the
	// goldens need; its error names what is missing.
	Probe func(ctx context.Context, bin string) error
	// VersionOf returns the version of the installed command.
	VersionOf func(ctx context.Context, bin string) (string, error)
}

// The tools the unit tests compare against.
var (
	// Exiftool is Phil Harvey's exiftool. Without Perl's Archive::Zip it
	// reads no OOXML or ODF properties, so the probe reads the Company of a
	// tiny .docx.
	Exiftool = &Tool{
		Name:      "exiftool",
		Packages:  []string{"libimage-exiftool-perl", "libarchive-zip-perl"},
		JSON:      true,
		Probe:     probeExiftool,
		VersionOf: versionMatch(`^\s*([0-9][0-9.]*)`, "-ver"),
	}
	// Msgconvert converts Outlook .msg files to MIME (--outfile). Its
	// Email::Address module is a Recommends of the Debian package.
	Msgconvert = &Tool{
		Name:      "msgconvert",
		Packages:  []string{"libemail-outlook-message-perl", "libemail-address-perl"},
		FileText:  true,
		Normalise: normaliseMIME,
		Probe:     probePerlScript,
		VersionOf: versionInScript(`\$VERSION\s*=\s*"([^"]+)"`),
	}
	// SevenZip is 7-Zip's 7zz.
	SevenZip = &Tool{
		Name:      "7zz",
		Packages:  []string{"7zip"},
		Normalise: normalise7zz,
		VersionOf: versionMatch(`7-Zip (?:\(z\) )?([0-9][0-9.]*)`),
	}
	// Lsar is The Unarchiver's lister and tester.
	Lsar = &Tool{
		Name:      "lsar",
		Packages:  []string{"unar"},
		VersionOf: versionMatch(`v?([0-9][0-9.]*)`, "-v"),
	}
	// Pdfinfo is poppler's pdfinfo.
	Pdfinfo = &Tool{
		Name:      "pdfinfo",
		Packages:  []string{"poppler-utils"},
		VersionOf: versionMatch(`version ([0-9][0-9.]*)`, "-v"),
	}
	// Pdftotext is poppler's pdftotext.
	Pdftotext = &Tool{
		Name:      "pdftotext",
		Packages:  []string{"poppler-utils"},
		VersionOf: versionMatch(`version ([0-9][0-9.]*)`, "-v"),
	}
	// Tesseract is the tesseract command with its English and Japanese
	// models.
	Tesseract = &Tool{
		Name:      "tesseract",
		Packages:  []string{"tesseract-ocr", "tesseract-ocr-eng", "tesseract-ocr-jpn"},
		Probe:     probeTesseract("eng", "jpn"),
		VersionOf: versionMatch(`tesseract ([0-9][0-9.]*)`, "--version"),
	}
)

// Tools lists the tools above, for make oracles and the tests.
func Tools() []*Tool {
	return []*Tool{Exiftool, Msgconvert, SevenZip, Lsar, Pdfinfo, Pdftotext, Tesseract}
}

// install says how to get what t needs.
func (t *Tool) install() string {
	return fmt.Sprintf("install the Debian package(s) %s (`make oracles` does)", strings.Join(t.Packages, " "))
}

// ready finds t's command and checks its capability.
func (t *Tool) ready(ctx context.Context) (string, error) {
	bin, err := exec.LookPath(t.Name)
	if err != nil {
		return "", fmt.Errorf("oracle: %s is not installed: %s", t.Name, t.install())
	}
	if t.Probe != nil {
		if err := t.Probe(ctx, bin); err != nil {
			return "", fmt.Errorf("oracle: %s cannot record the goldens: %w; %s", t.Name, err, t.install())
		}
	}
	return bin, nil
}

// version returns t's version, or an error naming the tool.
func (t *Tool) version(ctx context.Context, bin string) (string, error) {
	if t.VersionOf == nil {
		return "", nil
	}
	v, err := t.VersionOf(ctx, bin)
	if err != nil {
		return "", fmt.Errorf("oracle: version of %s: %w", t.Name, err)
	}
	return v, nil
}

// versionMatch runs the command with args and returns the first submatch
// of pattern in its output (standard output and error).
func versionMatch(pattern string, args ...string) func(context.Context, string) (string, error) {
	re := regexp.MustCompile(`(?m)` + pattern)
	return func(ctx context.Context, bin string) (string, error) {
		// Some tools print their version with a non-zero status (7zz with
		// no arguments prints its usage): the output is what counts.
		out, _ := exec.CommandContext(ctx, bin, args...).CombinedOutput()
		m := re.FindSubmatch(out)
		if m == nil {
			return "", fmt.Errorf("no version in %q", firstLine(out))
		}
		return string(m[1]), nil
	}
}

// versionInScript reads the version from the text of a script.
func versionInScript(pattern string) func(context.Context, string) (string, error) {
	re := regexp.MustCompile(pattern)
	return func(_ context.Context, bin string) (string, error) {
		b, err := os.ReadFile(bin)
		if err != nil {
			return "", err
		}
		m := re.FindSubmatch(b)
		if m == nil {
			return "", fmt.Errorf("no version in %s", bin)
		}
		return string(m[1]), nil
	}
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return s
}

// probeExiftool checks that exiftool reads OOXML properties: it needs
// Perl's Archive::Zip to open the zip.
func probeExiftool(ctx context.Context, bin string) error {
	dir, err := os.MkdirTemp("", "oracle-probe-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`},
		{"docProps/app.xml", `<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>Probe Company</Company></Properties>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`},
	} {
		w, err := zw.Create(p[0])
		if err != nil {
			return err
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	path := filepath.Join(dir, "probe.docx")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		return err
	}
	out, err := exec.CommandContext(ctx, bin, "-json", "-XML:Company", path).Output()
	if err != nil {
		return fmt.Errorf("exiftool on a tiny .docx: %w", err)
	}
	if !bytes.Contains(out, []byte("Probe Company")) {
		return fmt.Errorf("it reads no OOXML properties (Perl's Archive::Zip is missing?)")
	}
	return nil
}

// probePerlScript compiles the Perl script bin (perl -c), which loads
// every module it uses.
func probePerlScript(ctx context.Context, bin string) error {
	perl, err := exec.LookPath("perl")
	if err != nil {
		return fmt.Errorf("perl is not installed")
	}
	out, err := exec.CommandContext(ctx, perl, "-c", bin).CombinedOutput()
	if err != nil {
		return fmt.Errorf("perl -c %s: %s", bin, firstLine(out))
	}
	return nil
}

// probeTesseract checks that the models of langs are installed.
func probeTesseract(langs ...string) func(context.Context, string) error {
	return func(ctx context.Context, bin string) error {
		out, err := exec.CommandContext(ctx, bin, "--list-langs").CombinedOutput()
		if err != nil {
			return fmt.Errorf("tesseract --list-langs: %w", err)
		}
		have := strings.Fields(string(out))
		for _, l := range langs {
			if !slices.Contains(have, l) {
				return fmt.Errorf("no %s model", l)
			}
		}
		return nil
	}
}

// runTags are the tags exiftool reports about the file system and the run,
// not the file's content: they change with every copy of the file.
var runTags = map[string]bool{
	"SourceFile": true, "Directory": true, "FileModifyDate": true, "FileAccessDate": true,
	"FileInodeChangeDate": true, "FilePermissions": true, "ExifToolVersion": true,
}

// normaliseExiftoolJSON drops runTags (with or without their group, as
// -G prints "File:FileModifyDate") from exiftool's -json output and
// re-indents it with sorted keys, keeping numbers as exiftool spelt them.
func normaliseExiftoolJSON(b []byte) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var list []map[string]any
	if err := dec.Decode(&list); err != nil {
		return nil, fmt.Errorf("exiftool JSON: %w", err)
	}
	for _, tags := range list {
		for k := range tags {
			name := k
			if i := strings.LastIndexByte(k, ':'); i >= 0 {
				name = k[i+1:]
			}
			if runTags[name] {
				delete(tags, k)
			}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(list); err != nil {
		return nil, err
	}
	return json.RawMessage(bytes.TrimSpace(buf.Bytes())), nil
}

var (
	mimeBoundary = regexp.MustCompile(`boundary="?([^";\s]+)"?`)
	mimeCID      = regexp.MustCompile(`(?i)(Content-ID:[ \t]*)<[^>\r\n]*>`)
)

// normaliseMIME replaces the MIME boundaries and Content-IDs that
// msgconvert draws at random by boundary-N and content-id-N, numbered in
// order of appearance.
func normaliseMIME(s string) string {
	var seen []string
	for _, m := range mimeBoundary.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(seen, m[1]) {
			seen = append(seen, m[1])
		}
	}
	// Longer boundaries first, so that one that begins another is not
	// replaced inside it.
	order := slices.Clone(seen)
	slices.SortStableFunc(order, func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, b := range order {
		pairs = append(pairs, b, fmt.Sprintf("boundary-%d", slices.Index(seen, b)+1))
	}
	s = strings.NewReplacer(pairs...).Replace(s)
	n := 0
	return mimeCID.ReplaceAllStringFunc(s, func(m string) string {
		n++
		head := mimeCID.FindStringSubmatch(m)[1]
		return fmt.Sprintf("%s<content-id-%d>", head, n)
	})
}

// normalise7zz drops 7zz's banner: its version (recorded apart), the
// locale, thread count and open-file limit of the machine.
func normalise7zz(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "7-Zip ") || strings.Contains(l, "locale=") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
