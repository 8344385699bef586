//go:build unix

package evidence

import (
	"os"
	"syscall"
)

// openFlags open a package without blocking: should the path become a
// named pipe after it was checked, open(2) returns at once instead of
// waiting for a writer, and a terminal does not become the controlling
// one. Reads of a regular file ignore O_NONBLOCK.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_NOCTTY
