package identify

import (
	"strings"
	"unicode"
)

// maxExtLen bounds what DeclaredExt accepts as an extension: longer
// "extensions" are words after a dot in a file name, not extensions.
const maxExtLen = 16

// compoundExts are the two-part extensions DeclaredExt keeps whole.
var compoundExts = []string{"tar.gz", "tar.bz2", "tar.xz", "tar.zst", "tar.lz", "tar.lzma", "tar.z", "tar.7z"}

// DeclaredExt returns the extension an archive entry name declares:
// lower-case, without the dot, "" if none. name is an archive entry name,
// "/" separated; "\" is treated as a separator too. Known two-part
// extensions stay whole ("a.tar.gz" → "tar.gz", "x.TGZ" → "tgz"). Trailing
// spaces and dots, which Windows ignores, are ignored; a leading dot alone
// (".profile") is not an extension.
func DeclaredExt(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimRightFunc(name, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
	lower := strings.ToLower(name)
	for _, c := range compoundExts {
		if strings.HasSuffix(lower, "."+c) && len(lower) > len(c)+1 {
			return c
		}
	}
	dot := strings.LastIndexByte(lower, '.')
	if dot <= 0 {
		return ""
	}
	ext := lower[dot+1:]
	if len(ext) > maxExtLen {
		return ""
	}
	for _, r := range ext {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' && r != '+' && r != '~' {
			return ""
		}
	}
	return ext
}

// extFamilies lists, by canonical Ext, every extension that honestly names
// that content. A type missing here accepts only its own Ext.
var extFamilies = map[string][]string{
	"jpg":  {"jpg", "jpeg", "jpe", "jfif", "jif", "pjpeg", "pjp"},
	"png":  {"png", "apng"},
	"tif":  {"tif", "tiff"},
	"bmp":  {"bmp", "dib"},
	"ico":  {"ico"},
	"heic": {"heic", "heif", "hif"},
	"heif": {"heif", "heic", "hif"},
	"svg":  {"svg", "xml"},
	"xmp":  {"xmp", "xml", "rdf"},
	"cr2":  {"cr2", "tif", "tiff"},
	"psd":  {"psd", "psb", "pdd"},
	"jp2":  {"jp2", "jpx", "jpf", "j2k", "jpm"},
	"eps":  {"eps", "epsf", "epsi", "ps", "ai"},
	"djvu": {"djvu", "djv"},
	"miff": {"miff", "mif"},
	"exv":  {"exv", "xmp"},
	"indd": {"indd", "indt", "idml"},
	"pdf":  {"pdf", "ai"},
	"html": {"html", "htm", "xhtml", "xht", "shtml", "shtm"},
	"xml": {"xml", "xsd", "xsl", "xslt", "rss", "atom", "plist", "config", "kml", "gpx",
		"resx", "xaml", "xlf", "xliff", "wsdl", "rdf", "opf", "manifest", "csproj", "vbproj", "props", "targets", "nuspec", "xhtml"},
	"json": {"json", "txt", "geojson", "jsonl", "ndjson", "har", "map", "webmanifest"},
	"txt": {"txt", "log", "text", "md", "markdown", "ini", "cfg", "conf", "properties", "yaml", "yml", "toml",
		"sql", "csv", "tsv", "srt", "vtt", "nfo", "readme", "asc", "pem", "crt", "key", "sh", "bat", "cmd", "ps1"},
	"csv": {"csv", "tsv", "txt", "tab", "dat"},
	"tsv": {"tsv", "csv", "txt", "tab", "dat"},
	"eml": {"eml"},
	"zip": {"zip", "zipx", "cbz", "jar", "war", "ear", "apk", "xpi", "ipa", "whl", "nupkg", "kmz", "3mf", "crx", "vsix"},
	"jar": {"jar", "war", "ear", "zip"},
	"apk": {"apk", "zip"},
	"gz":  {"gz", "gzip", "tgz", "tar.gz", "emz", "svgz"},
	"bz2": {"bz2", "bzip2", "tbz", "tbz2", "tb2", "tar.bz2"},
	"xz":  {"xz", "txz", "tar.xz"},
	"zst": {"zst", "zstd", "tzst", "tar.zst"},
	"tar": {"tar"},
	"7z":  {"7z"},
	"rar": {"rar", "cbr"},
	"doc": {"doc", "dot", "wbk"},
	"xls": {"xls", "xlt", "xla"},
	"ppt": {"ppt", "pot", "pps", "ppa"},
	"msg": {"msg", "oft"},
	"vsd": {"vsd", "vss", "vst"},
	"odt": {"odt", "ott"}, "ott": {"odt", "ott"},
	"ods": {"ods", "ots"}, "ots": {"ods", "ots"},
	"odp": {"odp", "otp"}, "otp": {"odp", "otp"},
	"odg": {"odg", "otg"}, "otg": {"odg", "otg"},
	"mpg":  {"mpg", "mpeg", "mpe", "m2v"},
	"mid":  {"mid", "midi"},
	"mp4":  {"mp4", "m4v", "m4a"},
	"aiff": {"aiff", "aif"},
	"exe":  {"exe", "dll", "sys", "scr", "cpl", "ocx", "drv", "efi", "com", "mui"},
}

// Families of related formats that share an extension set.
var (
	wordExts  = []string{"docx", "docm", "dotx", "dotm"}
	excelExts = []string{"xlsx", "xlsm", "xltx", "xltm", "xlsb", "xlam"}
	powerExts = []string{"pptx", "pptm", "ppsx", "ppsm", "potx", "potm", "ppam"}
	// oleExts are the extensions of OLE2 compound files.
	oleExts = []string{"doc", "dot", "wbk", "xls", "xlt", "xla", "ppt", "pot", "pps", "ppa", "msg", "oft",
		"msi", "msp", "mst", "vsd", "vss", "vst", "pub", "mpp", "wps", "ole", "db", "suo", "sldprt", "sldasm", "max", "ost"}
)

// officeExtFamilies maps each OOXML extension to its family.
var officeExtFamilies = func() map[string][]string {
	m := map[string][]string{}
	for _, fam := range [][]string{wordExts, excelExts, powerExts} {
		for _, e := range fam {
			m[e] = fam
		}
	}
	return m
}()

// ExtMismatch reports whether the declared extension (as DeclaredExt
// returns it) misnames content of type t: a .jpg that is a PNG, a .pdf that
// is a zip. It is false when declared is "" or t is unknown. It knows
// aliases (jpg/jpeg/jpe/jfif, tif/tiff, htm/html, tgz/tar.gz, …) and treats
// a format family as one (xlsx, xlsm and xltx; doc and dot). An OLE2 file
// Refine has not narrowed down matches any OLE2 extension; encrypted OOXML
// matches OLE2 and OOXML extensions.
func ExtMismatch(declared string, t Type) bool {
	declared = strings.ToLower(strings.TrimPrefix(declared, "."))
	if declared == "" || t.Unknown() {
		return false
	}
	var family []string
	switch {
	case t.MIME == MIMEOLE2 && t.Encrypted:
		family = concat(oleExts, wordExts, excelExts, powerExts)
	case t.MIME == MIMEOLE2:
		family = oleExts
	case t.Ext == "":
		return false
	default:
		family = extFamilies[t.Ext]
		if family == nil {
			family = officeExtFamilies[t.Ext]
		}
		if family == nil {
			family = []string{t.Ext}
		}
	}
	for _, e := range family {
		if e == declared {
			return false
		}
	}
	return true
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
