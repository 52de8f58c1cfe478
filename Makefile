# crieur - one non-recursive Makefile.  Everything is built under $(B).
#
#   make demo        install missing Debian packages, build, render the sample
#   make test        same set-up, then every test (plain, then ASan+UBSan)
#   make             build $(B)/crieur
#   make check       unit + end-to-end + browser tests of the current build
#   make check-browser  the show page in headless Chromium (playwright-core)
#   make check-asan  the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench       benchmarks (speed, memory), reported side by side
#   make fuzz        build the libFuzzer targets (clang), run each for
#                    FUZZ_SECONDS (default 20) from tests/fuzz/corpus/
#   make install     crieur, its manual pages and bash completion, and
#                    sd_crieur with its crieur.conf (PREFIX, DESTDIR...)
#   make uninstall   remove what make install put there
#   make deb         a Debian package (dpkg-buildpackage) under build/deb

B ?= build
CC ?= cc
OPT ?= -O2
CFLAGS ?= $(OPT) -g
SAN ?=

DEB_PACKAGES := build-essential pkg-config libespeak-ng-dev espeak-ng \
	libsndfile1-dev libmp3lame-dev portaudio19-dev libsoxr-dev \
	libebur128-dev libyaml-dev libxml2-dev libcmocka-dev \
	sox ffmpeg mpg123 lame python3 time bc libxml2-utils chromium nodejs \
	jackd2 libjack-jackd2-dev wfrench wamerican wbritish speech-dispatcher \
	speech-dispatcher-espeak-ng libshout3-dev libopusenc-dev \
	libopus-dev libogg-dev icecast2 liquidsoap mandoc bash-completion \
	clang debhelper dpkg-dev fakeroot lintian
# mandoc, bash-completion: make check-install lints the manual pages and
# drives the completion; clang: make fuzz (libFuzzer); debhelper,
# dpkg-dev, fakeroot, lintian: make deb.
# speech-dispatcher, speech-dispatcher-espeak-ng: sd_crieur's end-to-end
# tests run a private server, and Debian's sd_espeak-ng is the reference
# module its protocol and latency are compared with.
# libshout3-dev, libopusenc-dev: the Icecast and Ogg Opus outputs;
# icecast2 and liquidsoap: the streaming tests start private instances.
# lame, time, bc: make bench; libxml2-utils: xmllint checks the feed in the
# e2e tests; chromium and nodejs (with npm): the show page's browser test;
# jackd2: its dummy back end is a sound card that runs in real time, for
# the live playback timing tests (tests/e2e/test_live.c) and benchmarks;
# libjack-jackd2-dev: tests/tools/jack_onset, a JACK client that records
# what crieur plays (the air tests and benchmark).
# wfrench, wamerican, wbritish: the word lists compiled in (text/wordlist.h).
PKGS := espeak-ng sndfile portaudio-2.0 soxr libebur128 yaml-0.1 libxml-2.0 \
	libopusenc opus ogg shout
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lmp3lame -lm -lpthread

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	-Isrc -MMD -MP $(PKG_CFLAGS) $(SAN) $(CFLAGS)
ALL_LDFLAGS := $(SAN) $(LDFLAGS)

LIB_SRC := $(sort $(filter-out src/cli/% src/tools/% src/sd_crieur/%,\
	$(wildcard src/*/*.c)))
SD_SRC := $(sort $(wildcard src/sd_crieur/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
DATA := $(sort $(shell find lexicon voices -type f \( -name '*.tsv' \
	-o -name '*.lex' -o -name '*.voice' \) 2>/dev/null))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
E2E_SRC := $(sort $(wildcard tests/e2e/test_*.c))

LIB_OBJ := $(LIB_SRC:%.c=$(B)/obj/%.o) $(B)/obj/gen/embedded.o \
	$(B)/obj/gen/wordlist_data.o
# The Debian word lists, compiled in by src/tools/wordlist (text/wordlist.h);
# French adds the places of lexicon/fr/places.txt and the cities of
# lexicon/fr/cities.txt (wfrench has no proper nouns).
WORDS_FR := /usr/share/dict/french lexicon/fr/places.txt lexicon/fr/cities.txt
WORDS_EN := /usr/share/dict/american-english /usr/share/dict/british-english
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o)
SD_OBJ := $(SD_SRC:%.c=$(B)/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
E2E_BIN := $(E2E_SRC:tests/e2e/%.c=$(B)/tests/e2e/%)

.PHONY: all deps demo test check check-unit check-e2e check-browser \
	check-asan bench fuzz fuzz-build clean
all: $(B)/crieur $(B)/sd_crieur

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/obj/gen/embedded.o: $(B)/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/tools/embed: src/tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O1 -Wall $< -o $@

$(B)/gen/embedded.c: $(B)/tools/embed $(DATA) Makefile
	@mkdir -p $(@D)
	$(B)/tools/embed $@ $(DATA)

$(B)/tools/wordlist: src/tools/wordlist.c src/text/fold.c src/text/utf8.c \
		src/base/error.c src/base/util.c src/base/strbuf.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Isrc $^ -o $@

$(B)/gen/words_fr.txt: lexicon/fr/places.txt lexicon/fr/cities.txt
$(B)/gen/words_%.txt: $(B)/tools/wordlist
	@mkdir -p $(@D)
	$(B)/tools/wordlist $@.tmp $(WORDS_$(shell echo $* | tr a-z A-Z)) && mv $@.tmp $@

$(B)/obj/gen/wordlist_data.o: src/text/wordlist_data.S $(B)/gen/words_fr.txt \
		$(B)/gen/words_en.txt
	@mkdir -p $(@D)
	$(CC) -c -DWORDS_FR='"$(B)/gen/words_fr.txt"' \
		-DWORDS_EN='"$(B)/gen/words_en.txt"' $< -o $@

$(B)/libcrieur.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/crieur: $(CLI_OBJ) $(B)/libcrieur.a
	$(CC) $(ALL_LDFLAGS) $(CLI_OBJ) $(B)/libcrieur.a $(PKG_LIBS) -o $@

# the speech-dispatcher output module (src/sd/, README "speech-dispatcher")
$(B)/sd_crieur: $(SD_OBJ) $(B)/libcrieur.a
	$(CC) $(ALL_LDFLAGS) $(SD_OBJ) $(B)/libcrieur.a $(PKG_LIBS) -o $@

$(B)/tests/%: tests/unit/%.c $(B)/libcrieur.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests $< $(B)/libcrieur.a $(ALL_LDFLAGS) \
		$(PKG_LIBS) -lcmocka -o $@

$(B)/tests/e2e/%: tests/e2e/%.c $(wildcard tests/e2e/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) $(PKG_LIBS) -lcmocka -o $@

$(B)/tests/jack_onset: tests/tools/jack_onset.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) -ljack -lsndfile -lm -o $@

# Debian packages: apt-get as root, else sudo, else print the line and stop.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed' || missing="$$missing $$p"; done; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "crieur: installing Debian packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; \
	else echo "crieur: run this, then 'make' again:"; \
	  echo "  sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	  --no-install-recommends $$missing >/dev/null

demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(B)/demo
	$(B)/crieur build samples/statements/2023-11-20-pristina.txt \
		-o $(B)/demo/2023-11-20-pristina.mp3
	$(B)/crieur build samples/bulletin.yaml -o $(B)/demo/bulletin.mp3
	@$(B)/crieur info $(B)/demo/2023-11-20-pristina.mp3 $(B)/demo/bulletin.mp3

test: deps
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory check-asan

check: check-unit check-e2e check-browser check-install

check-unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

check-e2e: $(B)/crieur $(B)/sd_crieur $(E2E_BIN) $(B)/tests/jack_onset
	@CRIEUR=$(B)/crieur SD_CRIEUR=$(B)/sd_crieur \
	  JACK_ONSET=$(B)/tests/jack_onset sh tests/run-unit.sh $(E2E_BIN)

# tests/lsan.supp: leaks inside third-party libraries (each explained)
check-asan:
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp$${LSAN_OPTIONS:+:$$LSAN_OPTIONS} \
	  $(MAKE) --no-print-directory B=build/asan OPT=-O1 \
	  SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	  check

check-browser: $(B)/crieur
	@sh tests/browser/run.sh $(B)/crieur

bench: $(B)/crieur $(B)/sd_crieur $(B)/bench/sd_latency \
	$(B)/bench/stream_cost $(B)/bench/master $(B)/bench/mp3_encode \
	$(B)/tests/jack_onset
	@B=$(B) sh tests/bench/run.sh

$(B)/bench/sd_latency: tests/bench/sd_latency.c tests/e2e/sd_peer.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) -lm -o $@

# benchmarks that link the library (tests/bench/stream_cost.c, master.c;
# they may use the unit tests' helpers, tests/unit/test_util.h)
$(B)/bench/%: tests/bench/%.c $(B)/libcrieur.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests $< $(B)/libcrieur.a $(ALL_LDFLAGS) $(PKG_LIBS) -o $@

fuzz:

# Every tests/fuzz/fuzz_*.c target runs FUZZ_SECONDS from its seed corpus
# tests/fuzz/corpus/NAME (regression cases included: every crash found is
# kept there), with its dictionary tests/fuzz/NAME.dict or, without the
# fuzz_ prefix, tests/fuzz/ssml.dict; new inputs go to
# build/fuzz/corpus/NAME and crashes to build/fuzz/crash-NAME-*.
# FUZZ_TARGETS picks some: make fuzz FUZZ_TARGETS=fuzz_pls FUZZ_SECONDS=600.
FUZZ_SECONDS ?= 20
FUZZ_TARGETS ?= $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t tests/fuzz/corpus/$$t; \
	  dict=; for d in tests/fuzz/$$t.dict tests/fuzz/$${t#fuzz_}.dict; do \
	    [ -f $$d ] && { dict=-dict=$$d; break; }; done; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s $$dict"; \
	  build/fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	    -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 $$dict \
	    -artifact_prefix=build/fuzz/crash-$$t- \
	    build/fuzz/corpus/$$t tests/fuzz/corpus/$$t 2>build/fuzz/$$t.log \
	    || { tail -40 build/fuzz/$$t.log; exit 1; }; \
	  grep -E 'stat::number_of_executed_units|Done' build/fuzz/$$t.log; \
	done

fuzz-build:
	@$(MAKE) --no-print-directory B=build/fuzz CC=clang OPT=-O1 \
	  SAN='-fsanitize=fuzzer-no-link,address,undefined' \
	  $(patsubst tests/fuzz/%.c,build/fuzz/fuzz/%,$(wildcard tests/fuzz/*.c))

$(B)/fuzz/%: tests/fuzz/%.c $(B)/libcrieur.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $< $(B)/libcrieur.a $(PKG_LIBS) -o $@

# Installing.  PREFIX=/usr libexecdir=/usr/lib sysconfdir=/etc puts
# sd_crieur where Debian's speech-dispatcher looks; PREFIX=$$HOME/.local
# speechdconfdir=$$HOME/.config/speech-dispatcher is a per-user install
# (README "speech-dispatcher").  DESTDIR is prepended to every path.
PREFIX ?= /usr/local
libexecdir ?= $(PREFIX)/libexec
sysconfdir ?= $(PREFIX)/etc
sdmoduledir ?= $(libexecdir)/speech-dispatcher-modules
speechdconfdir ?= $(sysconfdir)/speech-dispatcher

.PHONY: install install-sd uninstall-sd
install: install-sd

# An existing crieur.conf (a user's) is kept.
install-sd: $(B)/sd_crieur
	install -d $(DESTDIR)$(sdmoduledir) $(DESTDIR)$(speechdconfdir)/modules
	install -m 755 $(B)/sd_crieur $(DESTDIR)$(sdmoduledir)/sd_crieur
	test -e $(DESTDIR)$(speechdconfdir)/modules/crieur.conf || \
	  install -m 644 contrib/speech-dispatcher/crieur.conf \
	    $(DESTDIR)$(speechdconfdir)/modules/crieur.conf

uninstall-sd:
	rm -f $(DESTDIR)$(sdmoduledir)/sd_crieur

# crieur itself, where Debian puts things: the binary, the manual pages
# (contrib/man), the bash completion, and, when they exist, the systemd
# unit (contrib/crieur-air.service) and the Liquidsoap script
# (contrib/liquidsoap/crieur.liq).  'make deb' passes PREFIX=/usr
# systemdunitdir=/lib/systemd/system.
bindir ?= $(PREFIX)/bin
datadir ?= $(PREFIX)/share
mandir ?= $(datadir)/man
bashcompdir ?= $(datadir)/bash-completion/completions
systemdunitdir ?= $(PREFIX)/lib/systemd/system
liquidsoapdir ?= $(datadir)/crieur/liquidsoap
MAN1 := $(wildcard contrib/man/*.1)
MAN5 := $(wildcard contrib/man/*.5)
UNITS := $(wildcard contrib/*.service)
LIQ := $(wildcard contrib/liquidsoap/*.liq)

.PHONY: install-crieur uninstall uninstall-crieur check-install deb
install: install-crieur
uninstall: uninstall-crieur uninstall-sd

install-crieur: $(B)/crieur
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(mandir)/man1 \
	  $(DESTDIR)$(mandir)/man5 $(DESTDIR)$(bashcompdir)
	install -m 755 $(B)/crieur $(DESTDIR)$(bindir)/crieur
	install -m 644 $(MAN1) $(DESTDIR)$(mandir)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(mandir)/man5
	install -m 644 contrib/bash-completion/crieur $(DESTDIR)$(bashcompdir)/crieur
	$(if $(UNITS),install -d $(DESTDIR)$(systemdunitdir) && \
	  install -m 644 $(UNITS) $(DESTDIR)$(systemdunitdir))
	$(if $(LIQ),install -d $(DESTDIR)$(liquidsoapdir) && \
	  install -m 644 $(LIQ) $(DESTDIR)$(liquidsoapdir))

uninstall-crieur:
	rm -f $(DESTDIR)$(bindir)/crieur $(DESTDIR)$(bashcompdir)/crieur \
	  $(MAN1:contrib/man/%=$(DESTDIR)$(mandir)/man1/%) \
	  $(MAN5:contrib/man/%=$(DESTDIR)$(mandir)/man5/%) \
	  $(UNITS:contrib/%=$(DESTDIR)$(systemdunitdir)/%) \
	  $(LIQ:contrib/liquidsoap/%=$(DESTDIR)$(liquidsoapdir)/%)
	-rmdir $(DESTDIR)$(liquidsoapdir) $(DESTDIR)$(datadir)/crieur 2>/dev/null

# make install into a scratch DESTDIR: files, man pages, completion.
check-install: $(B)/crieur $(B)/sd_crieur
	@sh tests/install/run.sh $(B)

# A Debian package, built by dpkg-buildpackage (debhelper) from a copy of
# the tracked tree in build/deb/crieur-VERSION.  Its debian/ directory is
# kept in contrib/debian (the tree's top level holds only the project's
# own folders) and copied in as debian/, where Debian's tools want it.
DEB_VERSION = $(shell dpkg-parsechangelog -l contrib/debian/changelog -S Version)
deb:
	rm -rf build/deb && mkdir -p build/deb/crieur-$(DEB_VERSION)
	git ls-files -z | xargs -0 cp --parents -t build/deb/crieur-$(DEB_VERSION)
	cp -r contrib/debian build/deb/crieur-$(DEB_VERSION)/debian
	cd build/deb/crieur-$(DEB_VERSION) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error build/deb/*.changes
	@ls build/deb/*.deb

clean:
	rm -rf build

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)
