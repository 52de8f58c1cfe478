# crieur - one non-recursive Makefile.  Everything is built under $(B).
#
#   make demo        install missing Debian packages, build, render the sample
#   make test        same set-up, then every test (plain, then ASan+UBSan)
#   make             build $(B)/crieur
#   make check       unit + end-to-end + browser tests of the current build
#   make check-browser  the show page in headless Chromium (playwright-core)
#   make check-asan  the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench       benchmarks (speed, memory), reported side by side
#   make fuzz        build the libFuzzer targets (clang)
#   make install     sd_crieur and its crieur.conf (PREFIX, DESTDIR...)

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
	speech-dispatcher-espeak-ng
# speech-dispatcher, speech-dispatcher-espeak-ng: sd_crieur's end-to-end
# tests run a private server, and Debian's sd_espeak-ng is the reference
# module its protocol and latency are compared with.
# lame, time, bc: make bench; libxml2-utils: xmllint checks the feed in the
# e2e tests; chromium and nodejs (with npm): the show page's browser test;
# jackd2: its dummy back end is a sound card that runs in real time, for
# the live playback timing tests (tests/e2e/test_live.c) and benchmarks;
# libjack-jackd2-dev: tests/tools/jack_onset, a JACK client that records
# what crieur plays (the air tests and benchmark).
# wfrench, wamerican, wbritish: the word lists compiled in (text/wordlist.h).
PKGS := espeak-ng sndfile portaudio-2.0 soxr libebur128 yaml-0.1 libxml-2.0
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
# The Debian word lists, compiled in by src/tools/wordlist (text/wordlist.h).
WORDS_FR := /usr/share/dict/french
WORDS_EN := /usr/share/dict/american-english /usr/share/dict/british-english
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o)
SD_OBJ := $(SD_SRC:%.c=$(B)/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
E2E_BIN := $(E2E_SRC:tests/e2e/%.c=$(B)/tests/e2e/%)

.PHONY: all deps demo test check check-unit check-e2e check-browser \
	check-asan bench fuzz clean
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

$(B)/tests/e2e/%: tests/e2e/%.c tests/e2e/e2e.h tests/e2e/sd_peer.h
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

check: check-unit check-e2e check-browser

check-unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

check-e2e: $(B)/crieur $(B)/sd_crieur $(E2E_BIN) $(B)/tests/jack_onset
	@CRIEUR=$(B)/crieur SD_CRIEUR=$(B)/sd_crieur \
	  JACK_ONSET=$(B)/tests/jack_onset sh tests/run-unit.sh $(E2E_BIN)

check-asan:
	@$(MAKE) --no-print-directory B=build/asan OPT=-O1 \
	  SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	  check

check-browser: $(B)/crieur
	@sh tests/browser/run.sh $(B)/crieur

bench: $(B)/crieur $(B)/sd_crieur $(B)/bench/sd_latency $(B)/tests/jack_onset
	@B=$(B) sh tests/bench/run.sh

$(B)/bench/sd_latency: tests/bench/sd_latency.c tests/e2e/sd_peer.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) -lm -o $@

fuzz:
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

clean:
	rm -rf build

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)
