// Package xmltok reads the tokens of an XML document held in memory: the
// same tokens, names and errors-or-not as encoding/xml's Decoder.Token in
// Strict mode, several times faster and with few allocations.
//
// # Place in the flow
//
// Office packages (OOXML and OpenDocument) are zips of XML parts, and
// reading them is most of the time package meta spends: encoding/xml
// reads byte by byte through an interface, copies every name and boxes
// every token. Package meta reads a part into memory (bounded by its
// Limits) and walks it with a Scanner; package identify reads
// [Content_Types].xml with one to tell OOXML formats apart.
//
// # What it reads, and what it leaves to encoding/xml
//
// A Scanner reads UTF-8 documents without a document type declaration,
// which is every part that Office, LibreOffice and the usual libraries
// write. Supported tells, with a quick look over the bytes, whether a
// document may hold anything else (a UTF-16 byte order mark, an encoding
// other than UTF-8 or a version other than 1.0 declared, a <!DOCTYPE> or
// other directive); the caller then reads that document with
// encoding/xml, which knows how. Should a Scanner meet such a construct
// anyway, it stops with an error wrapping ErrUnsupported. The office
// readers of packages meta and identify go no further with a document
// type declaration: they stop at encoding/xml's Directive token and refuse
// the part (an office part never holds one; a "billion laughs" part does).
//
// Within what it reads, a Scanner follows encoding/xml exactly: the same
// names with namespace prefixes translated to their URLs, "\r\n" and "\r"
// read as "\n", the five predefined entities and character references
// replaced, and a syntax error wherever encoding/xml in Strict mode
// reports one (mismatched or missing end tags, undefined entities,
// illegal characters, invalid UTF-8, "]]>" in text, "--" in comments).
// A differential fuzz test holds it to that. Errors are *xml.SyntaxError
// values with the line, or errors wrapping ErrUnsupported.
//
// # Threat model
//
// Documents are hostile. A Scanner reads only the bytes it is given,
// allocates at most what one token holds, expands no entity, and keeps
// the names it has seen in a table bounded by maxNames; nesting depth is
// bounded only by the document's size, so callers that keep a stack of
// their own bound it themselves (package meta stops at 256 levels).
package xmltok
