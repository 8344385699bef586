package docgen_test

import (
	"fmt"
	"net/mail"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// An Outlook message is a compound file; MSG gives its streams, which
// archivegen.CompoundFile writes into one.
func ExampleMSG() {
	streams, err := docgen.MSG(docgen.MSGSpec{
		From:    mail.Address{Name: "Ann Lee", Address: "a.lee@example.test"},
		To:      []mail.Address{{Address: "ops@example.test"}},
		Date:    time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC),
		Subject: "Weekly report",
		Body:    "Attached as usual.",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range streams[:4] {
		fmt.Println(s.Path)
	}
	fmt.Println(len(streams), "streams")
	// Output:
	// __properties_version1.0
	// __substg1.0_001A001F
	// __substg1.0_0037001F
	// __substg1.0_0042001F
	// 22 streams
}

// A deck of two slides, with the Company its Office installation writes.
func ExamplePptx() {
	data, err := docgen.Pptx(docgen.PptxSpec{
		App:    docgen.AppProps{Company: "Example Co."},
		Slides: []docgen.Slide{{Title: "Plan", Lines: []string{"Q3"}}, {Title: "Budget"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(data[:2]), len(data) > 1000)
	// Output: PK true
}
