# zhibiao: filters that turn Chinese policy notices into JSON lines of targets.
# make [all] | deps | demo | check [SAN=1] | bench | install | clean

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

TOOLS = zb-extract zb-merge zb-diff
LIBOBJ = $(B)/util.o $(B)/utf8.o $(B)/reader.o $(B)/norm.o $(B)/num.o \
	$(B)/rules.o $(B)/region.o $(B)/extract.o $(B)/sha.o $(B)/jsonl.o \
	$(B)/data.o $(B)/decsum.o $(B)/fields.o
HDR = $(wildcard lib/*.h)
DATA = data/rules.txt data/regions.tsv data/t2s.tsv
BINS = $(TOOLS:%=$(B)/%)

# Debian packages the build, the tests and the benchmark need.
PKGS = build-essential pkg-config libpcre2-dev libjansson-dev zlib1g-dev \
	libcurl4-openssl-dev libssl-dev bats python3 time

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

$(B)/data.o: $(B)/data.c
	$(CC) $(CFLAGS) $(SANFLAGS) -c -o $@ $<

$(B)/libzb.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(B)/zb-%: tools/zb-%.c $(B)/libzb.a $(HDR)
	$(CC) $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(B)/libzb.a $(LIBS)

UNIT = $(B)/test-num $(B)/test-decsum

$(B)/test-%: tests/unit/test-%.c $(B)/libzb.a $(HDR)
	$(CC) $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(B)/libzb.a $(LIBS)

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

# The main job: extract every target from the bundled samples.
demo: deps
	@$(MAKE) -s all
	@bin/zb-extract samples/*.txt > build/samples.jsonl; \
	st=$$?; \
	echo "== first records of $$(wc -l < build/samples.jsonl) (all in build/samples.jsonl)"; \
	head -n 5 build/samples.jsonl; \
	echo "== records per sample"; \
	for f in samples/*.txt; do \
		printf '%6d  %s\n' "$$(grep -c "\"source\":\"$$f\"" build/samples.jsonl)" "$$f"; \
	done; \
	exit $$st

check: deps
	@$(MAKE) -s all $(UNIT)
	@for t in $(UNIT); do $$t || exit 1; done
	@ZB_BIN=$(CURDIR)/$(B) bats --tap tests > $(B)/bats.tap; st=$$?; \
	cat $(B)/bats.tap; \
	echo "bats: $$(grep -c '^ok' $(B)/bats.tap) passed, $$(grep -c '^not ok' $(B)/bats.tap) failed"; \
	exit $$st

bench: deps
	@$(MAKE) -s all
	sh bench/extract.sh $(B)/zb-extract

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	for t in $(TOOLS); do \
		cp $(B)/$$t $(DESTDIR)$(BINDIR)/ && \
		cp tools/$$t.1 $(DESTDIR)$(MANDIR)/; \
	done

clean:
	rm -rf build bin

.PHONY: all bin deps demo check bench install clean
