package archivegen

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// ErrNo7zz reports that the 7zz command (Debian package 7zip) is not
// installed, so SevenZip cannot run.
var ErrNo7zz = errors.New("archivegen: 7zz command not found")

// SevenZipOptions controls SevenZipWithOptions. The zero value makes an
// unencrypted, non-solid LZMA2 archive.
type SevenZipOptions struct {
	Password       string // encrypt data with 7-Zip AES-256 when set
	EncryptHeaders bool   // with Password: encrypt the header too (-mhe=on), names are hidden
	Method         string // 7zz -m0 value: "LZMA2" when empty, "Copy", "LZMA", "PPMd", "BZip2"…
	Solid          bool   // one solid block for all files (-ms=on)
}

// SevenZip returns a 7z archive of files made by the 7zz command: LZMA2,
// non-solid, data encrypted with password when it is set and the header too
// when encryptHeaders is set. It is meant for the fixture generator
// (cmd/genfixtures), not for tests, which should read the committed
// fixtures: see SevenZipWithOptions.
func SevenZip(files []File, password string, encryptHeaders bool) ([]byte, error) {
	return SevenZipWithOptions(files, SevenZipOptions{Password: password, EncryptHeaders: encryptHeaders})
}

// SevenZipWithOptions writes files into a private temporary directory, sets
// their modes and modification times (DefaultTime when unset), runs 7zz
// there with one thread, only modification times stored and symlinks kept
// as links, and returns the archive. Names must be relative and clean:
// ZipSlipNames cannot go through a real file system. RawName bytes are used
// as the file name as they are. Hardlink entries are not supported.
//
// Without a password the output is reproducible byte for byte; with one it
// is not, because 7-Zip takes the AES salt and IV from its own random
// generator.
func SevenZipWithOptions(files []File, opt SevenZipOptions) ([]byte, error) {
	bin, err := exec.LookPath("7zz")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNo7zz, err)
	}
	if opt.EncryptHeaders && opt.Password == "" {
		return nil, fmt.Errorf("%w: 7z header encryption without a password", ErrInvalid)
	}
	work, err := os.MkdirTemp("", "archivegen-7z-")
	if err != nil {
		return nil, fmt.Errorf("archivegen: 7z temp dir: %w", err)
	}
	defer os.RemoveAll(work)
	root := filepath.Join(work, "in")
	if err := os.Mkdir(root, 0o700); err != nil {
		return nil, fmt.Errorf("archivegen: 7z temp dir: %w", err)
	}

	names, err := materialise(root, files)
	if err != nil {
		return nil, err
	}

	out := filepath.Join(work, "out.7z")
	args := append([]string{"a"}, opt.Switches()...)
	args = append(args, out, "--")
	args = append(args, names...)
	cmd := exec.Command(bin, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "TZ=UTC")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("archivegen: 7zz a: %w: %s", err, bytes.TrimSpace(msg))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("archivegen: 7z read: %w", err)
	}
	return b, nil
}

// Switches returns the 7zz switches SevenZipWithOptions passes after the
// "a" command for opt, password included.
func (opt SevenZipOptions) Switches() []string {
	method := opt.Method
	if method == "" {
		method = "LZMA2"
	}
	args := []string{"-t7z", "-bd", "-bb0", "-y", "-snl", "-mmt=1", "-mtm=on", "-mtc=off", "-mta=off",
		"-m0=" + method, "-ms=" + onOff(opt.Solid)}
	if opt.Password != "" {
		args = append(args, "-p"+opt.Password, "-mhe="+onOff(opt.EncryptHeaders))
	}
	return args
}

// onOff spells a switch value for 7zz.
func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// materialise creates files under root and returns their names in the
// order given, then fixes every modification time, deepest paths first so
// that creating children does not move a directory's time afterwards.
func materialise(root string, files []File) ([]string, error) {
	names := make([]string, 0, len(files))
	times := map[string]time.Time{}
	for i := range files {
		f := &files[i]
		name := strings.TrimSuffix(string(f.name()), "/")
		if name == "" || path.IsAbs(name) || path.Clean(name) != name || strings.HasPrefix(name, "../") || name == ".." {
			return nil, fmt.Errorf("%w: 7z entry %d: name %q is not relative and clean", ErrInvalid, i, name)
		}
		if f.Hardlink {
			return nil, fmt.Errorf("%w: 7z entry %q: hardlinks are not supported", ErrInvalid, name)
		}
		full := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, fmt.Errorf("archivegen: 7z input: %w", err)
		}
		var err error
		switch {
		case f.isDir():
			if err = os.MkdirAll(full, 0o755); err == nil {
				err = os.Chmod(full, f.perm())
			}
		case f.isSymlink():
			err = os.Symlink(f.Link, full)
		default:
			if err = os.WriteFile(full, f.Data, 0o600); err == nil {
				err = os.Chmod(full, f.perm())
			}
		}
		if err != nil {
			return nil, fmt.Errorf("archivegen: 7z input %q: %w", name, err)
		}
		names = append(names, name)
		times[full] = f.modified()
	}
	// Directories created implicitly get DefaultTime as well.
	err := filepath.WalkDir(root, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if _, ok := times[p]; !ok && p != root {
			times[p] = DefaultTime
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archivegen: 7z input: %w", err)
	}
	paths := make([]string, 0, len(times))
	for p := range times {
		paths = append(paths, p)
	}
	sort.Slice(paths, func(i, j int) bool { return len(paths[i]) > len(paths[j]) })
	for _, p := range paths {
		t := times[p]
		tv := []unix.Timeval{unix.NsecToTimeval(t.UnixNano()), unix.NsecToTimeval(t.UnixNano())}
		if err := unix.Lutimes(p, tv); err != nil {
			return nil, fmt.Errorf("archivegen: 7z input time %q: %w", p, err)
		}
	}
	return names, nil
}
