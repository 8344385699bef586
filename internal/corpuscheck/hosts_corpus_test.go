package corpuscheck

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/proofpack/proofpack/evidence"
)

// hostsDumpEnv names a file to which TestHostListsCorpus writes every
// value of the metadata lists, one line per value: half, list, item path
// and value, tab-separated, sorted. hostsBeforeEnv names such a file
// written by an earlier version, whose hosts are then looked for in the
// lists of this one.
const (
	hostsDumpEnv   = "PROOFPACK_HOSTS_DUMP"
	hostsBeforeEnv = "PROOFPACK_HOSTS_BEFORE"
)

// hostLists are the metadata lists of an item as the report's JSON names
// them; lists a version does not have stay empty.
type hostLists struct {
	Hosts      []string `json:"hosts"`
	Emails     []string `json:"emails"`
	MessageIDs []string `json:"message_ids"`
	URLs       []string `json:"urls"`
	Paths      []string `json:"paths"`
}

func (l hostLists) byName() map[string][]string {
	return map[string][]string{"hosts": l.Hosts, "emails": l.Emails, "message_ids": l.MessageIDs, "urls": l.URLs, "paths": l.Paths}
}

// check returns an error when the lists mix their kinds: a host with
// "@", a slash or a scheme, an address that does not parse as itself, a
// Message-ID among the addresses. Lists a version does not have are
// empty and pass.
func (l hostLists) check() error {
	var errs []error
	if len(l.Emails) == 0 && len(l.MessageIDs) == 0 && len(l.URLs) == 0 {
		return nil // a version before the lists were split
	}
	for _, h := range l.Hosts {
		if strings.ContainsAny(h, "@/\\") || strings.Contains(h, "://") {
			errs = append(errs, fmt.Errorf("host %q", h))
		}
	}
	for _, e := range l.Emails {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			errs = append(errs, fmt.Errorf("address %q does not parse (%v)", e, err))
		}
	}
	for _, id := range l.MessageIDs {
		if slices.Contains(l.Emails, id) {
			errs = append(errs, fmt.Errorf("Message-ID %q among the addresses", id))
		}
	}
	return errors.Join(errs...)
}

var hostListNames = []string{"hosts", "emails", "message_ids", "urls", "paths"}

// TestHostListsCorpus counts, per half of the corpus, the values of each
// metadata list (hosts, emails, message_ids, urls, paths) over every
// item, nested ones included, each corpus file triaged in process as a
// package of its own. The lists are read from the item's JSON, so that
// the same test measures a version before and after a list is added.
// With PROOFPACK_HOSTS_DUMP it writes every value to that file; with
// PROOFPACK_HOSTS_BEFORE, a dump of an earlier version, it says where
// each of that version's hosts is now. It fails when a list mixes kinds
// (a host with "@", an address that does not parse, a Message-ID among
// the addresses). It runs with -corpus and skips when the corpus is
// absent.
//
//	go test -count=1 -v -run '^TestHostListsCorpus$' ./internal/corpuscheck -corpus
func TestHostListsCorpus(t *testing.T) {
	if !*corpusFlag {
		t.Skip("the host lists over the corpus run with -corpus")
	}
	repo, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	root := locateCorpus(repo)
	if _, err := os.Stat(filepath.Join(root, "files")); err != nil {
		t.Skipf("no corpus at %s (set %s to its directory): skipped", root, corpusEnv)
	}
	c, err := openCorpus(root)
	if err != nil {
		t.Fatalf("corpus %s: %v", root, err)
	}
	var (
		mu    sync.Mutex
		lines []string
		// counts[half][list] is the number of values, items[half][list]
		// the number of items with at least one.
		counts = map[string]map[string]int{"decided": {}, "held-out": {}}
		items  = map[string]map[string]int{"decided": {}, "held-out": {}}
		// cut counts the items whose lists were cut at their limit,
		// or whose values were not all scanned.
		cut = map[string]int{}
	)
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for rel := range jobs {
				rep, err := evidence.Analyze(t.Context(), c.path(rel), evidence.Options{TempDir: t.TempDir()})
				if rep == nil {
					t.Logf("%s: %v", rel, err)
					continue
				}
				half := corpusHalf(rel)
				var mine []string
				local := map[string][2]int{}
				nCut := 0
				for _, it := range rep.Items {
					for _, p := range it.Problems {
						if strings.Contains(p.Detail, " entries") && strings.Contains(p.Detail, " cut at ") ||
							strings.Contains(p.Detail, "not scanned for hosts") {
							nCut++
							t.Logf("%s: %s", it.Path, p.Detail)
						}
					}
					b, err := json.Marshal(it.Metadata)
					if err != nil {
						t.Errorf("%s: %v", it.Path, err)
						continue
					}
					var l hostLists
					if err := json.Unmarshal(b, &l); err != nil {
						t.Errorf("%s: %v", it.Path, err)
						continue
					}
					// The item's path inside the package: the package's
					// own name is the corpus file's.
					path := rel + strings.TrimPrefix(it.Path, filepath.Base(rel))
					if err := l.check(); err != nil {
						t.Errorf("%s: %v", path, err)
					}
					for name, vs := range l.byName() {
						n := local[name]
						n[0] += len(vs)
						if len(vs) > 0 {
							n[1]++
						}
						local[name] = n
						for _, v := range vs {
							mine = append(mine, strings.Join([]string{half, name, path, oneLine(v)}, "\t"))
						}
					}
				}
				mu.Lock()
				cut[half] += nCut
				lines = append(lines, mine...)
				for name, n := range local {
					counts[half][name] += n[0]
					items[half][name] += n[1]
				}
				mu.Unlock()
			}
		})
	}
	for _, rel := range c.Files {
		if t.Context().Err() != nil {
			break
		}
		jobs <- rel
	}
	close(jobs)
	wg.Wait()
	sort.Strings(lines)

	for _, half := range []string{"decided", "held-out"} {
		var parts []string
		for _, name := range hostListNames {
			parts = append(parts, fmt.Sprintf("%s %d (%d items)", name, counts[half][name], items[half][name]))
		}
		t.Logf("%s half: %s; %d items with a list cut or values not scanned", half, strings.Join(parts, ", "), cut[half])
	}
	if path := os.Getenv(hostsDumpEnv); path != "" {
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Error(err)
		}
	}
	if path := os.Getenv(hostsBeforeEnv); path != "" {
		compareHostDump(t, path, lines)
	}
}

// compareHostDump reads the hosts of an earlier dump and says, per half,
// in which of the present lists each is found: by its value, the same
// address with its local part in another case, or as the address of a
// Message-ID; the others are listed.
func compareHostDump(t *testing.T, path string, lines []string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// now[item][list] holds the item's values, lower-cased.
	now := map[string]map[string][]string{}
	for _, l := range lines {
		p := strings.SplitN(l, "\t", 4)
		if len(p) != 4 {
			continue
		}
		if now[p[2]] == nil {
			now[p[2]] = map[string][]string{}
		}
		now[p[2]][p[1]] = append(now[p[2]][p[1]], strings.ToLower(p[3]))
	}
	found := map[string]map[string]int{"decided": {}, "held-out": {}}
	var lost []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		p := strings.SplitN(sc.Text(), "\t", 4)
		if len(p) != 4 || p[1] != "hosts" {
			continue
		}
		half, item, v := p[0], p[2], strings.ToLower(p[3])
		where := ""
		for _, name := range hostListNames {
			for _, w := range now[item][name] {
				if w == v {
					where = name
					break
				}
				// An address found in a Message-ID: the id holds it
				// (its local part may start before the match).
				if name == "message_ids" && strings.HasSuffix(w, v) {
					where = "in message_ids"
				}
			}
			if where != "" {
				break
			}
		}
		if where == "" {
			lost = append(lost, fmt.Sprintf("%s\t%s\t%s", half, item, p[3]))
			where = "not found"
		}
		found[half][where]++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, half := range []string{"decided", "held-out"} {
		var parts []string
		for _, k := range []string{"hosts", "emails", "message_ids", "in message_ids", "urls", "paths", "not found"} {
			parts = append(parts, fmt.Sprintf("%s %d", k, found[half][k]))
		}
		t.Logf("%s half, the earlier hosts now in: %s", half, strings.Join(parts, ", "))
	}
	for _, l := range lost {
		t.Logf("  not found: %s", l)
	}
}
