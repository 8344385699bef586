package fingerprint

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

//go:embed catalogue.yaml
var catalogueYAML []byte

var defaultCatalogue = sync.OnceValues(func() (*Catalogue, error) {
	c, err := load(bytes.NewReader(catalogueYAML), "catalogue.yaml")
	if err != nil {
		return nil, fmt.Errorf("fingerprint: embedded catalogue: %w", err)
	}
	return c, nil
})

// Default returns the embedded catalogue of well-known organisations
// (catalogue.yaml in this package: Fujitsu, Toray, Hitachi, NEC, Toyota,
// Sony, NTT and NTT DATA, Siemens, Microsoft, Amazon and AWS … with their
// names in Japanese where they have them). A test proves it valid; the
// catalogue is shared and immutable.
func Default() *Catalogue {
	c, err := defaultCatalogue()
	if err != nil {
		// The embedded file is checked by the package's tests: this is
		// a build defect, not bad input.
		panic(err)
	}
	return c
}

// DefaultYAML returns the embedded catalogue's source, for users who want
// to start their own file from it.
func DefaultYAML() []byte { return bytes.Clone(catalogueYAML) }
