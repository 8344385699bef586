package xmltok

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// token is a token in a form both readers can be compared in.
type token struct {
	Kind  Kind
	Name  xml.Name
	Attr  []xml.Attr
	Text  string
	Valid bool // false after the last token read before an error
}

func (t token) String() string {
	switch t.Kind {
	case StartElement:
		return fmt.Sprintf("<%s %v>", t.Name, t.Attr)
	case EndElement:
		return fmt.Sprintf("</%s>", t.Name)
	case CharData:
		return fmt.Sprintf("%q", t.Text)
	}
	return fmt.Sprintf("kind %d", t.Kind)
}

// maxCompared bounds the tokens compared per document.
const maxCompared = 1 << 16

// stdTokens reads doc with encoding/xml in Strict mode.
func stdTokens(doc []byte) ([]token, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var out []token
	for len(out) < maxCompared {
		t, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			out = append(out, token{Kind: StartElement, Name: t.Name, Attr: append([]xml.Attr{}, t.Attr...)})
		case xml.EndElement:
			out = append(out, token{Kind: EndElement, Name: t.Name})
		case xml.CharData:
			out = append(out, token{Kind: CharData, Text: string(t)})
		case xml.Comment:
			out = append(out, token{Kind: Comment})
		case xml.ProcInst:
			out = append(out, token{Kind: ProcInst})
		case xml.Directive:
			return out, errors.New("directive")
		}
	}
	return out, nil
}

// ourTokens reads doc with a Scanner.
func ourTokens(s *Scanner, doc []byte) ([]token, error) {
	s.Reset(doc)
	var out []token
	for len(out) < maxCompared {
		k, err := s.Next()
		if err != nil {
			return out, err
		}
		switch k {
		case EOF:
			return out, nil
		case StartElement:
			e := s.Start()
			out = append(out, token{Kind: k, Name: e.Name, Attr: append([]xml.Attr{}, e.Attr...)})
		case EndElement:
			out = append(out, token{Kind: k, Name: s.End().Name})
		case CharData:
			out = append(out, token{Kind: k, Text: string(s.Text())})
		default:
			out = append(out, token{Kind: k})
		}
	}
	return out, nil
}

// compare holds a Scanner to encoding/xml on doc: the same tokens, and an
// error exactly where encoding/xml has one, with the same message.
func compare(t *testing.T, s *Scanner, doc []byte) {
	t.Helper()
	if !Supported(doc) {
		return
	}
	want, wantErr := stdTokens(doc)
	got, gotErr := ourTokens(s, doc)
	if errors.Is(gotErr, ErrUnsupported) {
		t.Fatalf("Supported(%q) but the Scanner refused it: %v", doc, gotErr)
	}
	require.Equal(t, want, got, "tokens of %q", doc)
	if wantErr == nil {
		require.NoError(t, gotErr, "document %q", doc)
		return
	}
	require.Error(t, gotErr, "encoding/xml: %v; document %q", wantErr, doc)
	var ws, gs *xml.SyntaxError
	if errors.As(wantErr, &ws) && errors.As(gotErr, &gs) {
		require.Equal(t, ws.Msg, gs.Msg, "document %q", doc)
	}
}

// cases are documents that exercise each rule of encoding/xml's reader.
var cases = []string{
	``,
	`<a/>`,
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<a b="1" c='2'>x</a>`,
	`<?xml version='1.0' encoding='utf-8'?><a/>`,
	"\xEF\xBB\xBF<?xml version=\"1.0\"?><a/>",
	`<a xmlns="urn:d" xmlns:p="urn:p"><p:b p:c="1" d="2"/><c xmlns="urn:e"/><d/></a>`,
	`<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"/><p:c/></p:a>`,
	`<a xmlns:p="urn:1" xmlns:p="urn:2"><p:b/></a><p:c/>`,
	`<q:a/>`,
	`<xml:a xml:lang="ja"/>`,
	`<a xmlns:xmlns="urn:x" xmlns:xml="urn:y"><xml:b/></a>`,
	`<a><b></a>`,
	`<a></b>`,
	`<p:a xmlns:p="u"></q:a>`,
	`</a>`,
	`<a>`,
	`<a>text`,
	`text only`,
	`<a>&lt;&gt;&amp;&apos;&quot;</a>`,
	`<a>&#65;&#x42;&#x1F600;&#xD800;&#0;</a>`,
	`<a>&#1;</a>`,
	`<a>&#x110000;</a>`,
	`<a>&#99999999999999999999999;</a>`,
	`<a>&#X41;</a>`,
	`<a>&#x;</a>`,
	`<a>&#65</a>`,
	`<a>&nbsp;</a>`,
	`<a>&amp</a>`,
	`<a>& </a>`,
	`<a>&;</a>`,
	`<a>&`,
	`<a>&#`,
	`<a>&#x4`,
	`<a b="&amp;&#10;x">y</a>`,
	`<a b="<"/>`,
	`<a b=x/>`,
	`<a b/>`,
	`<a b="1"c="2"/>`,
	`<a b = "1" />`,
	`<a b="1`,
	`<a/ >`,
	`<a / >`,
	`< a/>`,
	`<1a/>`,
	`<-a/>`,
	`<.a/>`,
	`<a:b:c/>`,
	`<:a/>`,
	`<a:/>`,
	`<_a/>`,
	`<a.b-c_d1/>`,
	`<日本語 属性="値">テキスト</日本語>`,
	"<a\u00b7/>",
	"<\u00b7a/>",
	"<a>\xff</a>",
	"<a>\xed\xa0\x80</a>",
	"<a>\uFFFE</a>",
	"<a>\x01</a>",
	"<a>x\ry\r\nz\n\r</a>",
	"<a b=\"x\ry\r\nz\"/>",
	"<a>\r&amp;\n</a>",
	`<a>]]></a>`,
	`<a b="]]>"/>`,
	`<a>]]]></a>`,
	`<a>]&amp;]></a>`,
	`<a><![CDATA[<b>&amp;]]]></a>`,
	`<a><![CDATA[x`,
	`<a><![CDATA[x]]`,
	`<a><![CDAT[x]]></a>`,
	"<a><![CDATA[\r\n\x01]]></a>",
	`<a><!-- c --></a>`,
	`<a><!-- c -- d --></a>`,
	`<a><!----></a>`,
	`<a><!---></a>`,
	`<a><!-- c ---></a>`,
	`<a><!- c --></a>`,
	`<a><!--`,
	`<a><!-- c --`,
	`<a><?pi data?></a>`,
	`<a><?pi?></a>`,
	`<a><? pi?></a>`,
	`<a><?pi data`,
	`<?xml version="1.1"?><a/>`,
	`<?xml encoding="Shift_JIS"?><a/>`,
	`<?xml-stylesheet href="x"?><a/>`,
	`<!DOCTYPE a><a/>`,
	`<a></a >`,
	`<a></a x>`,
	`</>`,
	`<a></`,
	`<`,
	`<a`,
	`<a b`,
	`<a b=`,
	`<a b="1"`,
	`<a>x</a>trailing<b/>`,
	`<a/><b/>`,
	`<a:b xmlns:a="u"></b>`,
	`<a xmlns="u"><b xmlns=""/></a>`,
}

func TestScannerMatchesEncodingXML(t *testing.T) {
	var s Scanner
	for _, c := range cases {
		t.Run(c, func(t *testing.T) { compare(t, &s, []byte(c)) })
	}
}

func TestScannerMatchesEncodingXMLOnOfficeParts(t *testing.T) {
	parts := officeParts(t)
	require.NotEmpty(t, parts)
	var s Scanner
	for name, doc := range parts {
		t.Run(name, func(t *testing.T) {
			require.True(t, Supported(doc), "office parts are plain UTF-8 XML")
			compare(t, &s, doc)
			// And once more with a reused Scanner, cut short.
			compare(t, &s, doc[:len(doc)/2])
		})
	}
}

func TestASCIINamesMatchEncodingXML(t *testing.T) {
	for c := 0x21; c < 0x80; c++ {
		for _, name := range []string{string(rune(c)), "a" + string(rune(c))} {
			if strings.ContainsAny(name, "<>/=\"'?!&") {
				continue
			}
			tok, err := xml.NewDecoder(strings.NewReader("<?" + name + " ?>")).RawToken()
			pi, _ := tok.(xml.ProcInst)
			std := err == nil && pi.Target == name
			b, ok, serr := (&Scanner{doc: []byte(name + " ")}).readName()
			ours := serr == nil && ok && string(b) == name && isName(b)
			require.Equal(t, std, ours, "name %q", name)
		}
	}
}

func TestSupported(t *testing.T) {
	for doc, want := range map[string]bool{
		`<a/>`: true,
		`<?xml version="1.0" encoding="UTF-8"?><a/>`: true,
		`<?xml version="1.0" encoding="utf-8"?><a/>`: true,
		`<?xml-stylesheet type="text/xsl"?><a/>`:     true,
		`<a><!-- x --><![CDATA[y]]></a>`:             true,
		`<?xml version="1.0" encoding="Shift_JIS"?>`: false,
		`<?xml version="1.1"?><a/>`:                  false,
		`<a/><?xml encoding="EUC-JP"?>`:              false,
		`<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>`:   false,
		"\xFF\xFE<\x00a\x00/\x00>\x00":               false,
		"\xFE\xFF\x00<\x00a\x00/\x00>":               false,
	} {
		require.Equal(t, want, Supported([]byte(doc)), "%q", doc)
	}
}

func TestScannerRefusesWhatItLeavesToEncodingXML(t *testing.T) {
	var s Scanner
	for _, doc := range []string{`<!DOCTYPE a><a/>`, `<?xml version="1.0" encoding="EUC-JP"?><a/>`, `<a><!ELEMENT x></a>`} {
		_, err := ourTokens(&s, []byte(doc))
		require.ErrorIs(t, err, ErrUnsupported, doc)
	}
}

func TestScannerKeepsItsError(t *testing.T) {
	var s Scanner
	s.Reset([]byte(`<a></b><c/>`))
	k, err := s.Next()
	require.NoError(t, err)
	require.Equal(t, StartElement, k)
	_, err = s.Next()
	var se *xml.SyntaxError
	require.ErrorAs(t, err, &se)
	_, again := s.Next()
	require.Equal(t, err, again)
}

func TestNamesTableIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("<r>")
	for i := range maxNames + 100 {
		fmt.Fprintf(&b, "<n%d/>", i)
	}
	b.WriteString("</r>")
	var s Scanner
	toks, err := ourTokens(&s, []byte(b.String()))
	require.NoError(t, err)
	require.Len(t, toks, 2+2*(maxNames+100))
	require.LessOrEqual(t, len(s.names), maxNames)
}

// officeParts returns the XML parts of the office fixtures of package meta,
// by "file/part".
func officeParts(t testing.TB) map[string][]byte {
	dir := filepath.Join("..", "..", "meta", "testdata", "office")
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	parts := map[string][]byte{}
	for _, e := range ents {
		path := filepath.Join(dir, e.Name())
		switch filepath.Ext(e.Name()) {
		case ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp":
		case ".fodp":
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			parts[e.Name()] = b
			continue
		default:
			continue
		}
		zr, err := zip.OpenReader(path)
		require.NoError(t, err)
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
				continue
			}
			rc, err := f.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			rc.Close()
			parts[e.Name()+"/"+f.Name] = b
		}
		zr.Close()
	}
	return parts
}

func FuzzScanner(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c))
	}
	for _, doc := range officeParts(f) {
		if len(doc) <= 64<<10 {
			f.Add(doc)
		}
	}
	var s Scanner
	f.Fuzz(func(t *testing.T, doc []byte) {
		compare(t, &s, doc)
	})
}

func TestPlainDeclarationsAreSupported(t *testing.T) {
	for body := range plainDeclarations {
		_, err := xml.NewDecoder(strings.NewReader("<?xml " + body + "?>")).RawToken()
		require.NoError(t, err, body)
	}
}
