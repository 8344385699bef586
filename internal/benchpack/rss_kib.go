//go:build linux || freebsd || netbsd || openbsd || dragonfly

package benchpack

// maxrssUnit: these systems give ru_maxrss in kibibytes.
const maxrssUnit = 1024
