package misp

// template names the MISP object template an object follows: its uuid
// and version, as the MISP object templates (github.com/MISP/misp-objects,
// objects/<name>/definition.json) give them, and its meta-category.
type template struct {
	uuid         string
	version      int
	metaCategory string
	description  string
}

// The templates of the objects an event holds. The versions are those
// the relations used here were read from.
var (
	templatePost = template{"52a0e179-4942-41e6-90f5-7db856fd6f39", 4, "misc",
		"The seller's post: what the proof pack is said to be."}
	templateVictim = template{"a8806e40-39ad-435f-be02-ac2a13d6fc7d", 10, "misc",
		"An organisation whose data the proof pack holds or is said to hold."}
	templateFile = template{"688c46fb-5edb-40a3-8273-1af7923e2215", 23, "file",
		"A file of the proof pack, or the pack itself."}
	templateAnnotation = template{"5d8dc046-15a1-4ca3-a09f-ed4ede7c4487", 2, "misc",
		"The verdict on the seller's claim, and its reason."}
)
