package stix

import (
	"fmt"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/internal/exportfacts"
)

// TLP 2.0 marking definitions, as OASIS publishes them (the STIX common
// objects, extension-definition-specifications/tlp-2.0): fixed ids, one
// creation time, and the level in a property extension. A consumer knows
// them by id; the bundle carries the one it uses.
const (
	TLPExtensionID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
	tlpCreated     = "2022-10-01T00:00:00.000Z"
)

// TLPMarkingIDs maps each TLP 2.0 level to the id of its marking
// definition.
var TLPMarkingIDs = map[string]string{
	exportfacts.TLPClear:       "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
	exportfacts.TLPGreen:       "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
	exportfacts.TLPAmber:       "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
	exportfacts.TLPAmberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
	exportfacts.TLPRed:         "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}

// TLPMarking returns the marking definition of a TLP 2.0 level (CLEAR,
// GREEN, AMBER, AMBER+STRICT or RED; any case, "TLP:" before it or not,
// WHITE for CLEAR), and false for anything else.
func TLPMarking(level string) (*MarkingDefinition, bool) {
	m, err := tlpMarking(level)
	return m, err == nil
}

func tlpMarking(level string) (*MarkingDefinition, error) {
	l, err := exportfacts.ParseTLP(level)
	if err != nil {
		return nil, err
	}
	if l == "" {
		return nil, fmt.Errorf("%w: TLP is empty", evidence.ErrOption)
	}
	return &MarkingDefinition{
		Type:        "marking-definition",
		SpecVersion: SpecVersion,
		ID:          TLPMarkingIDs[l],
		Created:     tlpCreated,
		Name:        "TLP:" + l,
		Extensions: map[string]TLPExtension{
			TLPExtensionID: {ExtensionType: "property-extension", TLP20: lower(l)},
		},
	}, nil
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
