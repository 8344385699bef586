//go:build !unix

package evidence

import "os"

// openFlags open a package for reading; see open_unix.go.
const openFlags = os.O_RDONLY
