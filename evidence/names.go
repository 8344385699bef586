package evidence

import (
	"fmt"
	"slices"
	"strings"

	"github.com/proofpack/proofpack/evidence/internal/textsafe"
)

// maxDeceptiveNamed is how many distinct characters the detail of a
// deceptive_name problem names.
const maxDeceptiveNamed = 4

// nameProblems returns a deceptive_name problem for a name (an entry's
// name, a mail attachment's file name) and for a link target that hold
// characters which hide, reorder or act on how the name is shown: bidi
// embeddings, overrides and isolates ("invoice_\u202Etxt.exe" reads as
// "invoice_exe.txt"), zero-width and other invisible characters, control
// characters. Bidi marks and zero-width joiners pass: right-to-left
// scripts, Persian and emoji use them in ordinary names. Every output for
// people escapes all of them anyway (package render); this says that a
// name was made to deceive.
func nameProblems(name, linkTarget string) []Problem {
	var out []Problem
	for _, n := range []struct{ what, s string }{{"name", name}, {"link target", linkTarget}} {
		var found []rune
		more := false
		for _, r := range n.s {
			switch {
			case textsafe.Of(r) == 0 || textsafe.IsMarkOrJoiner(r) || slices.Contains(found, r):
			case len(found) == maxDeceptiveNamed:
				more = true
			default:
				found = append(found, r)
			}
		}
		if len(found) == 0 {
			continue
		}
		names := make([]string, len(found))
		for i, r := range found {
			names[i] = textsafe.Name(r)
		}
		list := strings.Join(names, ", ")
		if more {
			list += " and others"
		}
		out = append(out, Problem{Code: ProblemDeceptiveName,
			Detail: fmt.Sprintf("%s holds characters that hide, reorder or control how it reads: %s", n.what, list)})
	}
	return out
}
