# zhibiao: filters that turn Chinese policy notices into JSON lines of targets.
# make [all] | deps | demo | check [SAN=1] | eval | bench | valgrind |
# fuzz [FUZZTIME=s] | install [PREFIX=dir] | uninstall | clean

VERSION = 0.1.0
CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1

WARN = -std=c99 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat-security
ZB_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -DZB_VERSION='"$(VERSION)"' -Ilib
LIBS = -lpcre2-8 -ljansson -lz -lcrypto
# Only zb-fetch (and lib/html.c) need libcurl, libxml2 and libuchardet; the
# archive's members that use them are not linked into the other tools.
XML_CFLAGS = $(shell pkg-config --cflags libxml-2.0 2>/dev/null || \
	echo -I/usr/include/libxml2)
FETCH_LIBS = -lcurl -lxml2 -luchardet -lm

# SAN=1: AddressSanitizer and UndefinedBehaviorSanitizer, in their own tree.
ifeq ($(SAN),1)
SANFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
B = build/san
else
SANFLAGS =
B = build/rel
endif
ALLCFLAGS = $(WARN) $(ZB_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS)

TOOLS = zb-extract zb-norm zb-fetch zb-merge zb-diff
LIBOBJ = $(B)/diag.o $(B)/xalloc.o $(B)/buf.o $(B)/file.o \
	$(B)/utf8.o $(B)/reader.o $(B)/fold.o $(B)/num.o \
	$(B)/pat.o $(B)/rules.o $(B)/gazetteer.o $(B)/extract.o $(B)/clause.o \
	$(B)/dochead.o $(B)/context.o $(B)/phrase.o $(B)/claims.o \
	$(B)/target.o $(B)/search.o $(B)/table.o $(B)/recout.o $(B)/explain.o \
	$(B)/sha.o $(B)/jsonl.o $(B)/jscan.o \
	$(B)/jsonw.o $(B)/dec.o $(B)/unit.o $(B)/indic.o $(B)/place.o $(B)/memo.o \
	$(B)/data.o \
	$(B)/charset.o $(B)/html.o $(B)/notice.o $(B)/state.o $(B)/cache.o \
	$(B)/fields.o $(B)/recnorm.o $(B)/recload.o $(B)/recadd.o $(B)/when.o \
	$(B)/docrec.o \
	$(B)/convert.o $(B)/pdftext.o $(B)/hostq.o $(B)/outcome.o $(B)/xfer.o \
	$(B)/xsort.o \
	$(B)/mgroup.o $(B)/mconflict.o $(B)/mrecord.o $(B)/rollup.o \
	$(B)/mtable.o $(B)/mwide.o $(B)/mline.o \
	$(B)/dline.o $(B)/dclaim.o $(B)/spill.o $(B)/dmixed.o $(B)/dmatch.o \
	$(B)/dout.o \
	$(B)/weburl.o $(B)/addr.o $(B)/fetchopt.o
HDR = $(wildcard lib/*.h)
DATA = data/rules.txt data/regions.tsv data/t2s.tsv data/units.tsv \
	data/indicators.tsv
BINS = $(TOOLS:%=$(B)/%)
UNITS = $(patsubst tests/unit/%.c,$(B)/%,$(wildcard tests/unit/test-*.c))

# Fuzz harnesses (tests/fuzz/fuzz-NAME.c).  `make fuzz` builds them with
# clang, libFuzzer, ASan and UBSan in build/fuzz and runs each FUZZTIME
# seconds (FUZZ=NAME picks some); `make check` replays their corpus and
# regression inputs through replay.c, without libFuzzer.
FUZZ_NAMES = $(patsubst tests/fuzz/fuzz-%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ = $(FUZZ_NAMES)
FUZZTIME = 60
FUZZCC = clang
FUZZSAN = -O1 -g -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined
REPLAYS = $(FUZZ_NAMES:%=$(B)/replay-%)
FUZZ_HDR = tests/fuzz/fuzz.h

# Debian packages the build, the tests and the benchmark need.
PKGS = build-essential pkg-config libpcre2-dev libjansson-dev zlib1g-dev \
	libcurl4-openssl-dev libssl-dev bats python3 time libxml2-dev \
	libuchardet-dev poppler-utils curl parallel clang libclang-rt-14-dev \
	valgrind strace opencc openssh-server openssh-client rsync \
	sqlite3 miller chromium

all: $(BINS) bin

# bin/ holds links to the tree just built, so tests and users find them.
bin: $(BINS)
	@mkdir -p bin
	@for t in $(TOOLS); do ln -sf ../$(B)/$$t bin/$$t; done

$(B):
	@mkdir -p $@

$(B)/%.o: lib/%.c $(HDR) | $(B)
	$(CC) $(ALLCFLAGS) -c -o $@ $<

$(B)/data.c: data/embed.sh $(DATA) | $(B)
	sh data/embed.sh $(DATA) > $@.tmp && mv $@.tmp $@

$(B)/data.o: $(B)/data.c lib/data.h
	$(CC) $(CFLAGS) $(SANFLAGS) -Ilib -c -o $@ $<

$(B)/libzb.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(B)/html.o: ALLCFLAGS += $(XML_CFLAGS)
$(B)/zb-fetch: LIBS += $(FETCH_LIBS)
# convert (html, charset) is fetch code: its test links what zb-fetch does.
$(B)/test-convert: LIBS += $(FETCH_LIBS)

$(B)/zb-%: tools/zb-%.c $(B)/libzb.a $(HDR)
	$(CC) $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(B)/libzb.a $(LIBS)

$(B)/test-%: tests/unit/test-%.c tests/unit/check.h $(B)/libzb.a $(HDR)
	$(CC) $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(B)/libzb.a $(LIBS)

$(B)/replay-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c $(FUZZ_HDR) \
    $(B)/libzb.a $(HDR)
	$(CC) $(ALLCFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
		$(B)/libzb.a $(LIBS) $(FETCH_LIBS)

$(B)/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_HDR) $(B)/libzb.a $(HDR)
	$(CC) $(ALLCFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
		$(B)/libzb.a $(LIBS) $(FETCH_LIBS)

# Install the Debian packages that are missing (needs root or sudo).
deps:
	@missing=; for p in $(PKGS); do \
		dpkg-query -W -f '$${Status}\n' $$p 2>/dev/null | \
		grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
			--no-install-recommends $$missing >/dev/null; \
	fi
	@# duckdb, for the test that it reads zb-merge's tables (npm registry)
	@if command -v npm >/dev/null && [ ! -d tests/duckdb/node_modules ]; \
	then (cd tests/duckdb && npm ci --no-audit --no-fund --silent) || \
		echo "deps: npm could not install duckdb; its test will skip"; \
	fi

# The main job: the nightly pipeline on the sample site, twice, with a
# revision published in between (pipelines/demo.sh).
demo: deps
	@$(MAKE) -s all
	@PATH="$(CURDIR)/$(B):$$PATH" sh pipelines/demo.sh

# Progress as it goes: each step, each bats suite's name and count before
# it runs and its tally after (tests/run.sh), then the total.
check: deps
	@echo "check: building the tools, unit tests and fuzz replays"
	@$(MAKE) -s all $(UNITS) $(REPLAYS)
	@echo "check: unit tests"
	@for t in $(UNITS); do $$t || exit 1; done
	@echo "check: fuzz corpus and regressions replayed"
	@for f in $(FUZZ_NAMES); do \
		$(B)/replay-$$f tests/fuzz/corpus/$$f \
		    tests/fuzz/regressions/$$f 2>$(B)/replay-$$f.err || \
		    { tail -n 40 $(B)/replay-$$f.err; exit 1; }; \
	done
	@echo "check: bats suites"
	@ZB_BIN=$(CURDIR)/$(B) sh tests/run.sh $(B)/bats.tap tests/*.bats

# Accuracy on real text: the seeds and ../shared/devset scored with its
# score.py; fails when a figure drops below its floor (tests/eval/floors).
eval: deps
	@$(MAKE) -s all
	@sh tests/eval/eval.sh $(B)/zb-extract

bench: deps
	@$(MAKE) -s all
	sh bench/extract.sh $(B)/zb-extract
	sh bench/norm.sh $(B)/zb-extract $(B)/zb-norm
	sh bench/fetch.sh $(B)/zb-fetch
	sh bench/diff.sh $(B)
	sh bench/shard.sh $(B)
	sh bench/memory.sh $(B)

# valgrind over the sample extraction and every filter after it: no
# invalid access, no leak (status 99; zb-diff's 1 only says they differ).
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
	--suppressions=tests/valgrind.supp
valgrind: deps
	@$(MAKE) -s all
	$(VALGRIND) $(B)/zb-extract samples/*.txt > $(B)/vg.jsonl
	$(VALGRIND) $(B)/zb-norm -q $(B)/vg.jsonl > $(B)/vg-norm.jsonl
	$(VALGRIND) $(B)/zb-merge $(B)/vg-norm.jsonl > /dev/null
	$(VALGRIND) $(B)/zb-diff $(B)/vg.jsonl $(B)/vg-norm.jsonl \
		> /dev/null || test $$? -eq 1
	@echo "valgrind: clean"

fuzz: deps
	@$(MAKE) -s B=build/fuzz CC=$(FUZZCC) SANFLAGS='$(FUZZSAN)' \
		$(FUZZ:%=build/fuzz/fuzz-%)
	@for f in $(FUZZ); do \
		sh tests/fuzz/run.sh build/fuzz $$f $(FUZZTIME) || exit 1; \
	done

# make install [PREFIX=/usr/local] [DESTDIR=...]: the tools and their man
# pages; the pipelines and the data files (the tools embed the data; the
# files are the templates the man pages cite and what audit.sh hashes) in
# SHAREDIR; a zb-NAME command per pipeline that runs it.  The installed
# pipelines find the tools through SHAREDIR/bindir, whatever PATH is.
SHAREDIR = $(PREFIX)/share/zhibiao
PIPES = nightly audit shard report
PIPEFILES = pipelines/lib.sh pipelines/report.py

install: all
	install -m 755 -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) \
		$(DESTDIR)$(SHAREDIR)/pipelines $(DESTDIR)$(SHAREDIR)/data
	for t in $(TOOLS); do \
		install -m 755 $(B)/$$t $(DESTDIR)$(BINDIR)/$$t && \
		install -m 644 tools/$$t.1 $(DESTDIR)$(MANDIR)/$$t.1 || exit 1; \
	done
	for p in $(PIPES); do \
		install -m 755 pipelines/$$p.sh $(DESTDIR)$(SHAREDIR)/pipelines/ && \
		printf '#!/bin/sh\nexec sh "%s/pipelines/%s.sh" "$$@"\n' \
		    '$(SHAREDIR)' $$p > $(B)/zb-$$p && \
		install -m 755 $(B)/zb-$$p $(DESTDIR)$(BINDIR)/zb-$$p || exit 1; \
	done
	install -m 644 $(PIPEFILES) $(DESTDIR)$(SHAREDIR)/pipelines/
	install -m 644 $(DATA) $(DESTDIR)$(SHAREDIR)/data/
	echo '$(BINDIR)' > $(B)/bindir
	install -m 644 $(B)/bindir $(DESTDIR)$(SHAREDIR)/bindir

uninstall:
	for t in $(TOOLS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/$$t.1; \
	done
	for p in $(PIPES); do rm -f $(DESTDIR)$(BINDIR)/zb-$$p; done
	rm -rf $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf build bin

.PHONY: all bin deps demo check eval bench valgrind fuzz install uninstall \
	clean
