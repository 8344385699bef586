# proofpack — every target installs what it needs first (Debian, as root or
# with sudo). See README.md.

GO ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SAMPLE := testdata/sample/fujitsu-proofpack.zip

# Debian packages, installed with --no-install-recommends, so each one a
# job needs is named here, not left to a recommendation:
# - gcc and libc6-dev (the C library headers cgo compiles against), g++
#   (gosseract's C++ bridge) and pkg-config build ocr/tesseract against
#   libtesseract-dev and libleptonica-dev; tesseract-ocr-eng and
#   tesseract-ocr-jpn are the language data OCR reads with;
#   poppler-utils' pdftoppm renders scanned PDF pages for it.
RUNTIME_PKGS := gcc g++ libc6-dev pkg-config libtesseract-dev libleptonica-dev tesseract-ocr-eng tesseract-ocr-jpn poppler-utils
# - the tests also need the fonts text is drawn with into generated
#   screenshots (fonts-ipafont-gothic for Japanese, fonts-dejavu-core and
#   fonts-liberation for Latin), the Japanese fonts of the varied OCR
#   test set, whose generator's tests check that each is installed and
#   draws every character (IPA Mincho, IPAex, Noto CJK, BIZ UD), chromium,
#   which opens the HTML report of the sample in the browser test
#   (examples/triage, PROOFPACK_BROWSER=1), and Tesseract's Japanese
#   script model, the optional second model of ocr/tesseract
#   (Options.SecondModel), which its test loads.
VARIED_FONT_PKGS := fonts-ipafont-mincho fonts-ipaexfont-gothic fonts-ipaexfont-mincho fonts-noto-cjk fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho
TEST_PKGS := $(RUNTIME_PKGS) fonts-ipafont-gothic fonts-dejavu-core fonts-liberation $(VARIED_FONT_PKGS) chromium tesseract-ocr-script-jpan
# - the outside tools the benchmarks and comparisons run beside ours:
#   exiftool with Archive::Zip, without which it reads no OOXML or ODF
#   property (libarchive-zip-perl is only a recommendation of
#   libimage-exiftool-perl), the tesseract command, 7-Zip, Info-ZIP's
#   unzip, whose `unzip -p PACK | sha256sum` the triage command is
#   measured beside (sha256sum is in coreutils, which every system has),
#   and GNU time, which measures the peak RSS and CPU time of both.
PEER_PKGS := libimage-exiftool-perl libarchive-zip-perl tesseract-ocr 7zip unzip time
# Re-creating the fixtures also needs 7-Zip, which writes the 7z fixtures
# (the IPA Mincho and Noto CJK fonts, in which the table of look-alike
# kana and kanji of package fingerprint is drawn, are among the test
# fonts).
GEN_PKGS := $(TEST_PKGS) 7zip

.PHONY: all demo test deps test-deps peer-deps check-go vet fmt-check race nocgo bench fuzz generate clean compare-exiftool bench-meta readme-shot

all: test

# install-missing PKG...: apt-get only what dpkg does not already have.
define install-missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >&2; \
	fi
endef

check-go:
	@$(GO) version >/dev/null 2>&1 || { echo "Go 1.26 or newer is needed: https://go.dev/dl/ (or /usr/local/go)" >&2; exit 1; }

deps: check-go
	$(call install-missing,$(RUNTIME_PKGS))

test-deps: check-go
	$(call install-missing,$(TEST_PKGS))

peer-deps: check-go
	$(call install-missing,$(TEST_PKGS) $(PEER_PKGS))

## demo: triage the bundled sample proof pack and print the summary.
demo: deps
	$(GO) run ./examples/triage -claim Fujitsu $(SAMPLE)

## test: formatting, vet, the race-enabled test suite, and the no-cgo build.
test: test-deps fmt-check vet race nocgo

fmt-check:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt needed on:" >&2; echo "$$out" >&2; exit 1; fi

# vet type-checks against packages compiled with -race, the very ones the
# race-enabled test run then reuses from the build cache: on a cold cache
# that saves compiling every package twice (about 50 s of make test on
# 2 cores). No file of the module depends on the race build tag, so the
# same code is vetted.
vet:
	$(GO) vet -race ./...

# PROOFPACK_BROWSER=1 turns on the test that opens the HTML report of the
# sample in headless Chromium.
race:
	PROOFPACK_BROWSER=1 $(GO) test -race -count=1 ./...

# Everything builds without cgo: the library for users who only unpack and
# read metadata, and the programs, whose ocr/tesseract is then a stub that
# reports OCR unavailable (its test runs here).
nocgo:
	CGO_ENABLED=0 $(GO) build ./...
	CGO_ENABLED=0 $(GO) vet ./ocr/tesseract
	CGO_ENABLED=0 $(GO) test -count=1 ./ocr/tesseract

## bench: the benchmarks, with memory statistics, then one table of the
## triage command (-json to a file and to a pipe, the summary) beside
## `unzip -p PACK | sha256sum` on generated packs (a 525 MiB dump of CSV
## tables and text, a 7.7 MB zip of 2 GiB of text, 500 MB of mixed
## files): entry and package MB/s, peak RSS, CPU per wall second
## (BenchmarkTriageCommand in examples/triage, printed by
## internal/benchpack/cmd/benchtable); then the triage and exiftool over
## the development corpus, side by side (bench-meta), then our OCR (one
## engine, the pool) and the tesseract command over the OCR test set,
## side by side, and over both halves of the varied OCR set
## (testdata/ocrvar), whose goals are reported but do not fail the
## target. Run it on an otherwise idle machine.
## PROOFPACK_BENCH_LARGE=1 make bench adds the packs of 1.5 and 5 GB
## (6.5 GB more in $TMPDIR/proofpack-bench-cache, and a report of
## gigabytes written for a while; tens of minutes more). The packs are
## generated on first use and kept in that cache; the go test output is
## kept in BENCH_OUT.
BENCH_OUT ?= $(or $(TMPDIR),/tmp)/proofpack-bench.out
bench: peer-deps
	@{ $(GO) test -run '^$$' -bench . -benchmem -timeout 4h ./...; echo $$? > "$(BENCH_OUT).status"; } 2>&1 | tee "$(BENCH_OUT)"
	@echo; echo "The triage command beside unzip -p PACK | sha256sum (from $(BENCH_OUT)):"; \
	$(GO) run ./internal/benchpack/cmd/benchtable "$(BENCH_OUT)"; \
	status=$$(cat "$(BENCH_OUT).status"); rm -f "$(BENCH_OUT).status"; exit $$status
	$(GO) run ./internal/exifcompare/cmd/benchmeta $(BENCH_META_FLAGS)
	status=0; $(GO) run ./internal/ocreval/cmd/ocrbench || status=$$?; \
	$(GO) run ./internal/ocreval/cmd/ocrbench -set varied -split all || status=$$?; \
	exit $$status

## fuzz: a short run of every fuzz target (FUZZTIME=30s by default).
FUZZTIME ?= 30s
fuzz: check-go
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f" >&2; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg || exit 1; \
	  done; \
	done

## generate: re-create the committed fixtures (byte for byte).
generate: check-go
	$(call install-missing,$(GEN_PKGS))
	$(GO) generate ./...

## check-generate: the tests that make test leaves out because they take
## minutes: re-create the committed fixtures in memory and compare them
## with testdata byte for byte (the sample pack, the attribution packs),
## and write the large benchmark packs. PROOFPACK_GENERATE=1 turns them
## on (internal/testenv.Generate), in every package that has them.
.PHONY: check-generate
check-generate: check-go
	$(call install-missing,$(GEN_PKGS))
	PROOFPACK_GENERATE=1 $(GO) test -count=1 $$(grep -rl --include='*_test.go' 'testenv.Generate(' . | xargs -n1 dirname | sort -u)

clean:
	$(GO) clean -testcache

## compare-exiftool: every fixture's metadata, field by field, against exiftool.
compare-exiftool: peer-deps
	$(GO) run ./internal/exifcompare/cmd/exifcompare testdata evidence/meta/testdata

## bench-meta: the triage without OCR against exiftool, side by side, on
## the same work: the files of the development corpus (PROOFPACK_CORPUS,
## default ../shared/corpus; skipped, saying so, when it is absent) that
## are not archives by our identification, zipped as one stored package
## (`triage -json -q -ocr=false -o FILE PACKAGE`, and the library in
## process) and unpacked (`exiftool -json -G -n -r -ext '*' DIR`), in
## interleaved rounds: wall and CPU time of each, exiftool's over ours
## (goals 20x wall, 10x CPU; exit status 1 when one is not met), and the
## floor, the three hashes of the same bytes alone
## (internal/exifcompare/cmd/benchmeta). BENCH_META_FLAGS adds flags:
## -half decided or held-out, -rounds N, -baseline CMD (another triage
## command, one built from main say, timed in the same rounds), -tree N
## for the metadata extraction over N generated files instead. Run it on
## an idle machine.
BENCH_META_FLAGS ?=
bench-meta: peer-deps
	$(GO) run ./internal/exifcompare/cmd/benchmeta $(BENCH_META_FLAGS)

## corpus: triage every file of the development corpus (PROOFPACK_CORPUS,
## default ../shared/corpus) and the whole corpus zipped as one package;
## fails on a crash, a run over 60 s, a file written outside the library's
## temporary directory, peak RSS over 512 MiB, or metadata agreement with
## the corpus's exiftool.json below its floor (internal/corpuscheck); then
## checks that no item of the corpus comes back empty without saying why
## (evidence, TestEmptyItemsSayWhyCorpus). Skips when the corpus is absent.
.PHONY: corpus
corpus: deps
	$(GO) test -count=1 -v -timeout 2h -run '^TestCorpus$$' ./internal/corpuscheck -corpus
	$(GO) test -count=1 -v -timeout 30m -run '^TestEmptyItemsSayWhyCorpus$$' ./evidence -corpus

## readme-shot: re-take docs/report.png, the README's picture of the HTML
## report of the sample, in headless Chromium.
readme-shot: test-deps
	PROOFPACK_BROWSER=1 PROOFPACK_README_SHOT=1 $(GO) test -count=1 -run TestHTMLReportInBrowser ./examples/triage

# Debian packages of the outside oracles whose outputs the unit tests read
# from golden files (internal/oracle): exiftool (libimage-exiftool-perl)
# and Perl's Archive::Zip (libarchive-zip-perl), without which exiftool
# reads no OOXML or ODF properties; msgconvert
# (libemail-outlook-message-perl) and its Email::Address
# (libemail-address-perl, only a Recommends); 7zz (7zip) and lsar (unar),
# which check the zip and RAR5 writers; pdfinfo and pdftotext
# (poppler-utils); the tesseract command and its English and Japanese
# models (tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-jpn).
ORACLE_PKGS := libimage-exiftool-perl libarchive-zip-perl libemail-outlook-message-perl libemail-address-perl 7zip unar poppler-utils tesseract-ocr tesseract-ocr-eng tesseract-ocr-jpn

## oracles: run the outside tools again and rewrite the goldens
## (testdata/.../oracle/*.json) that the unit tests compare against, in
## every package whose tests import internal/oracle; then list what changed.
.PHONY: oracles
oracles: check-go
	$(call install-missing,$(ORACLE_PKGS))
	PROOFPACK_UPDATE_ORACLES=1 $(GO) test -count=1 $$($(GO) list -f '{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}' ./... | \
	  awk '{ for (i = 1; i <= NF; i++) if ($$i == "github.com/proofpack/proofpack/internal/oracle") { print $$1; break } }')
	@git status --short -- ':(glob)**/oracle/*.json'
	@echo "review the goldens listed above (git diff) and commit them" >&2
