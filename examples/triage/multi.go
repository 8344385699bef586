package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
	"github.com/proofpack/proofpack/evidence/unpack"
)

// exitPassword is the exit status when nothing could be read for want of
// a password (problem password_needed).
const exitPassword = 3

// Bounds of a manifest: it is a list an analyst writes, not data from a
// pack, but a wrong file given as one must not fill the memory.
const (
	// maxManifestLine is the longest line of a manifest: a path, a claim
	// and a password.
	maxManifestLine = 64 << 10
	// maxPackages is the most packages one run triages (manifest lines or
	// the files of the directories given).
	maxPackages = 100_000
)

// namePattern in the FILE of -html or -md stands for the name of each
// package when a run triages several.
const namePattern = "{name}"

// pkgJob is one package of a run: its path, and the claim and password
// of its manifest line, which replace -claim and -password.
type pkgJob struct {
	path     string
	claim    string
	password string
	line     int // its manifest line, 0 when not from a manifest
	// volumes, when the package is a split archive whose every volume
	// was given, are their paths in order; path is then the first.
	volumes []string
	set     string // the name of the split archive (NAME.zip, NAME.7z)
}

// multiFlags declares the flags of runs over several packages.
func (c *config) multiFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.manifest, "manifest", "", "triage the packages listed in `FILE`, one per line: PATH, then optionally a TAB and the CLAIM, then a TAB and the PASSWORD (they replace -claim and -password for that package; an empty field keeps them); a relative PATH is taken from the manifest's directory; # comments and blank lines are skipped; the output is one JSON line per package, as -json")
}

// setOperands takes the PACKAGE operands: one package, or several (files
// and directories), or none with -manifest.
func (c *config) setOperands(operands []string) error {
	c.operands = operands
	if c.manifest != "" {
		if len(operands) > 0 {
			return errors.New("-manifest lists the packages: give no PACKAGE beside it")
		}
		c.multi, c.jsonOut = true, !c.ndjson
	} else if len(operands) > 1 {
		c.multi = true
	} else if st, err := os.Stat(operands[0]); err == nil && st.IsDir() {
		c.multi = true
	}
	if !c.multi {
		c.pkg = operands[0]
		return nil
	}
	if slices.Contains(operands, "-") {
		return errors.New("standard input (PACKAGE -) is one package: give it alone")
	}
	return nil
}

// severalApart refuses what several packages cannot share: one indented
// JSON document, one -html, -md, -stix or -misp FILE without {name}
// (standard output, -, included).
func (c *config) severalApart() error {
	if c.pretty {
		return errors.New("-pretty: several packages are written one JSON line each")
	}
	if c.csvOut == "-" {
		return errors.New("-csv -: several packages share standard output with their summaries or JSON; give -csv a FILE, which holds the rows of every package")
	}
	for _, o := range []struct{ flag, path string }{{"-html", c.htmlOut}, {"-md", c.mdOut}, {"-stix", c.exports.stixOut}, {"-misp", c.exports.mispOut}} {
		if o.path != "" && !strings.Contains(o.path, namePattern) {
			return fmt.Errorf("%s %s: several packages need a FILE with %s in it, which each package's name replaces (e.g. reports/%s.html)", o.flag, o.path, namePattern, namePattern)
		}
	}
	return nil
}

// packages lists the packages of the run: the operands, each directory
// replaced by the regular files directly in it (in name order; links,
// subdirectories and special files are left out), or the lines of
// -manifest. It returns the exit status for its error: 2 for a manifest
// that is not one, 1 for what could not be read.
func (c *config) packages() ([]pkgJob, int, error) {
	if !c.multi {
		return []pkgJob{{path: c.pkg}}, 0, nil
	}
	var jobs []pkgJob
	if c.manifest != "" {
		f, err := os.Open(c.manifest)
		if err != nil {
			return nil, 1, fmt.Errorf("-manifest: %w", err)
		}
		defer f.Close()
		jobs, err = readManifest(f, filepath.Dir(c.manifest))
		if err != nil {
			return nil, 2, fmt.Errorf("-manifest %s: %w", c.manifest, err)
		}
	} else {
		for _, op := range c.operands {
			st, err := os.Stat(op)
			if err != nil || !st.IsDir() {
				jobs = append(jobs, pkgJob{path: op}) // the triage reports it
				continue
			}
			files, err := dirPackages(op)
			if err != nil {
				return nil, 1, err
			}
			if len(files) == 0 {
				return nil, 1, fmt.Errorf("%s: no regular file in the directory", op)
			}
			for _, f := range files {
				jobs = append(jobs, pkgJob{path: f})
			}
		}
	}
	if len(jobs) > maxPackages {
		return nil, 2, fmt.Errorf("more than %d packages in one run", maxPackages)
	}
	jobs = joinVolumes(jobs)
	if len(jobs) == 1 && c.manifest == "" {
		// The volumes of one split archive: one package.
		c.multi = false
	} else if err := c.severalApart(); err != nil {
		return nil, 2, err
	}
	for _, j := range jobs {
		jc := j.config(c)
		if err := jc.outputsApart(); err != nil {
			return nil, 2, err
		}
	}
	return jobs, 0, nil
}

// dirPackages returns the regular files directly in dir, sorted by name.
func dirPackages(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			if len(files) == maxPackages {
				return nil, fmt.Errorf("%s: more than %d files", dir, maxPackages)
			}
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	return files, nil
}

// readManifest reads a manifest: one package per line, PATH[\tCLAIM[\tPASSWORD]],
// # comments and blank lines skipped, relative paths taken from dir.
// Its errors give the line, never its content: a line may hold a
// password.
func readManifest(r io.Reader, dir string) ([]pkgJob, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxManifestLine)
	var jobs []pkgJob
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF") // a byte order mark
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("line %d: not UTF-8", n)
		}
		fields := strings.Split(line, "\t")
		if len(fields) > 3 {
			return nil, fmt.Errorf("line %d: %d fields separated by tabs; want PATH, CLAIM and PASSWORD at most", n, len(fields))
		}
		fields = append(fields, "", "")
		j := pkgJob{path: strings.TrimSpace(fields[0]), claim: strings.TrimSpace(fields[1]), password: fields[2], line: n}
		if j.path == "" {
			return nil, fmt.Errorf("line %d: no PATH", n)
		}
		if j.path == "-" || strings.ContainsFunc(j.path, unicode.IsControl) {
			return nil, fmt.Errorf("line %d: PATH must name a file", n)
		}
		if !filepath.IsAbs(j.path) {
			j.path = filepath.Join(dir, j.path)
		}
		if len(jobs) == maxPackages {
			return nil, fmt.Errorf("line %d: more than %d packages", n, maxPackages)
		}
		jobs = append(jobs, j)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("line %d: longer than %d bytes", n+1, maxManifestLine)
		}
		return nil, err
	}
	if len(jobs) == 0 {
		return nil, errors.New("no package listed")
	}
	return jobs, nil
}

// config returns the configuration of the run for this package: its
// path, its claim and password when its manifest line gives them, and
// the files of -html, -md, -stix and -misp with {name} replaced.
func (j pkgJob) config(run *config) *config {
	c := *run
	c.pkg, c.volumes = j.path, j.volumes
	if j.claim != "" {
		c.claim = j.claim
	}
	if j.password != "" {
		c.password = j.password
	}
	if run.multi {
		c.htmlOut = perPackage(run.htmlOut, j.name())
		c.mdOut = perPackage(run.mdOut, j.name())
		c.exports.stixOut = perPackage(run.exports.stixOut, j.name())
		c.exports.mispOut = perPackage(run.exports.mispOut, j.name())
	}
	return &c
}

// name is the package's name as reports give it: the file's base name,
// or the split archive's.
func (j pkgJob) name() string {
	if j.set != "" {
		return j.set
	}
	return filepath.Base(j.path)
}

// joinVolumes replaces the volumes of a split archive that are all given
// (in one directory, with the same claim and password) by one package,
// at the place of the first: a split zip from .z01 to the .zip its end
// record counts, a 7z from .001 with no gap. Volumes of a set that is
// not complete, or of RAR, stay packages of their own, whose reports
// name the volumes missing (problem split_archive).
func joinVolumes(jobs []pkgJob) []pkgJob {
	type vol struct {
		idx int
		v   unpack.SplitVolume
	}
	sets := map[string][]vol{}
	var order []string
	for i, j := range jobs {
		v, ok := volumeOf(j.path)
		if !ok || v.Format == unpack.SplitRar {
			continue
		}
		key := strings.Join([]string{filepath.Dir(j.path), v.Format, strings.ToLower(v.Base), j.claim, j.password}, "\x00")
		if sets[key] == nil {
			order = append(order, key)
		}
		sets[key] = append(sets[key], vol{i, v})
	}
	drop := map[int]bool{}
	for _, key := range order {
		vs := sets[key]
		if len(vs) < 2 {
			continue
		}
		slices.SortStableFunc(vs, func(a, b vol) int { return a.v.Number - b.v.Number })
		complete := true
		for i, x := range vs {
			complete = complete && x.v.Number == i+1
		}
		last := vs[len(vs)-1].v
		if last.Format == unpack.SplitZip {
			complete = complete && last.Last && last.Total == len(vs)
		}
		if !complete {
			continue
		}
		first := slices.MinFunc(vs, func(a, b vol) int { return a.idx - b.idx }).idx
		j := &jobs[first]
		j.volumes = nil
		for _, x := range vs {
			j.volumes = append(j.volumes, jobs[x.idx].path)
			if x.idx != first {
				drop[x.idx] = true
			}
		}
		j.set = last.Base
		if last.Format == unpack.SplitZip {
			j.set += ".zip"
		}
	}
	out := jobs[:0]
	for i, j := range jobs {
		if !drop[i] {
			out = append(out, j)
		}
	}
	return out
}

// volumeOf reads whether the file at path is a volume of a split
// archive; a file that cannot be read is not (its triage says why).
func volumeOf(path string) (unpack.SplitVolume, bool) {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return unpack.SplitVolume{}, false
	}
	f, err := os.Open(path)
	if err != nil {
		return unpack.SplitVolume{}, false
	}
	defer f.Close()
	return unpack.SplitVolumeOf(filepath.Base(path), f, st.Size())
}

// size is the package's size in bytes, 0 when unknown.
func (j pkgJob) size() int64 {
	var n int64
	paths := j.volumes
	if paths == nil {
		paths = []string{j.path}
	}
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n
}

// perPackage replaces {name} in the path of an output file by a
// package's name; "" stays "".
func perPackage(pattern, name string) string {
	return strings.ReplaceAll(pattern, namePattern, name)
}

// triageAll triages the packages of jobs one after another, with one OCR
// pool (in opts), into one output: -json one line per package, -ndjson
// each package's lines, the summary one per package after a separator.
// A package that fails is named on stderr and the run goes on with the
// others; the exit status is the worst: interrupted (130, the rest left
// untriaged), then a failure (1), then a password needed (3).
func triageAll(ctx context.Context, c *config, jobs []pkgJob, stdin io.Reader, out *output, opts evidence.Options, stop func(), stderr io.Writer) int {
	var failed, locked []string
	status := 0
	for i, j := range jobs {
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "triage: interrupted: %d packages not triaged\n", len(jobs)-i)
			break
		}
		if i > 0 && !c.jsonOut && !c.ndjson {
			if _, err := fmt.Fprintf(out.w, "\n%s\n\n", strings.Repeat("=", 78)); err != nil {
				fmt.Fprintln(stderr, "triage: writing output:", err)
				return 1
			}
		}
		last := func() {}
		if i == len(jobs)-1 {
			last = stop
		}
		code := triageOne(ctx, c, j, stdin, out, opts, last, stderr)
		name := render.Escape(j.path)
		switch code {
		case 0:
		case exitPassword:
			locked = append(locked, name)
		case 130:
			status = 130
		default:
			failed = append(failed, name)
		}
		if code == 1 && out.failed() {
			break // the output cannot be written: the rest would be lost
		}
	}
	if err := out.close(); err != nil {
		fmt.Fprintln(stderr, "triage: writing output:", err)
		return 1
	}
	if err := out.csv.finish(); err != nil {
		fmt.Fprintln(stderr, "triage: writing -csv:", err)
		return 1
	}
	if len(locked) > 0 {
		fmt.Fprintf(stderr, "triage: %d of %d packages could not be read for want of a password: %s\n", len(locked), len(jobs), strings.Join(locked, ", "))
	}
	if len(failed) > 0 {
		fmt.Fprintf(stderr, "triage: %d of %d packages failed: %s\n", len(failed), len(jobs), strings.Join(failed, ", "))
	}
	switch {
	case status != 0:
		return status
	case len(failed) > 0:
		return 1
	case len(locked) > 0:
		return exitPassword
	}
	return 0
}

// passwordHint prints, when the report says nothing could be read for
// want of a password (problem password_needed), what to do on stderr,
// and reports whether it did. The password itself is never printed.
func passwordHint(stderr io.Writer, c *config, rep *evidence.Report) bool {
	i := slices.IndexFunc(rep.Problems, func(p evidence.Problem) bool { return p.Code == evidence.ProblemPasswordNeeded })
	if i < 0 {
		return false
	}
	hint := "give the password with -password-file FILE (or -password)"
	if c.password != "" {
		hint = "the password given is not theirs: give the right one with -password-file FILE (or -password)"
	}
	if c.manifest != "" {
		hint = "give the password in the third field of its -manifest line"
	}
	fmt.Fprintf(stderr, "triage: %s: %s; %s\n", render.Escape(rep.Package.Name), render.Escape(rep.Problems[i].Detail), hint)
	return true
}

// splitHint prints, when the package is one volume of a split archive
// (problem split_archive), which volumes it lacks, and reports whether
// it did.
func splitHint(stderr io.Writer, rep *evidence.Report) bool {
	i := slices.IndexFunc(rep.Problems, func(p evidence.Problem) bool { return p.Code == evidence.ProblemSplitArchive })
	if i < 0 {
		return false
	}
	detail, _, _ := strings.Cut(rep.Problems[i].Detail, "; give every volume")
	fmt.Fprintf(stderr, "triage: %s: %s; give every volume to read them as one archive\n", render.Escape(rep.Package.Name), render.Escape(detail))
	return true
}
