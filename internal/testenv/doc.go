// Package testenv tells tests whether the machine has what they need
// (an outside command, a font, Tesseract's language data) and, when it
// does not, fails them with a message that names the Debian package to
// install. A test that needs a capability never skips for want of it: a
// skipped check on a machine that lacks a package is how a broken install
// step went unseen. `make test-deps` installs every package named here.
//
// Opt-in tests (a long benchmark, the browser test without
// PROOFPACK_BROWSER=1) still skip: they are not needed, they are asked for.
package testenv
