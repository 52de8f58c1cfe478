#!/bin/sh
# tests/install/run.sh - 'make install' into a DESTDIR, what lands where,
# the manual pages through 'mandoc -T lint', the bash completion driven as
# bash drives it, then 'make uninstall' leaves nothing behind.
#   sh tests/install/run.sh [BUILD_DIR]
set -eu
B=${1:-build}
dest=$(mktemp -d /tmp/crieur-install.XXXXXX)
trap 'rm -rf "$dest"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }

make --no-print-directory -s B="$B" install DESTDIR="$dest" PREFIX=/usr \
	systemdunitdir=/lib/systemd/system >/dev/null
for f in /usr/bin/crieur /usr/share/man/man1/crieur.1 \
	 /usr/share/man/man5/crieur-script.5 /usr/share/man/man5/crieur-lexicon.5 \
	 /usr/share/man/man5/crieur-station.5 \
	 /usr/share/bash-completion/completions/crieur; do
	[ -f "$dest$f" ] || fail "$f was not installed"
done
[ -x "$dest/usr/bin/crieur" ] || fail "crieur is not executable"
"$dest/usr/bin/crieur" --version | grep -q '^crieur ' || fail "crieur --version"
for f in contrib/crieur-air.service; do
	[ ! -f "$f" ] || [ -f "$dest/lib/systemd/system/${f##*/}" ] ||
		fail "$f was not installed"
done
[ ! -f contrib/liquidsoap/crieur.liq ] ||
	[ -f "$dest/usr/share/crieur/liquidsoap/crieur.liq" ] ||
	fail "crieur.liq was not installed"

# the manual pages: lint clean at warning level, and they render
for m in "$dest"/usr/share/man/man*/*; do
	mandoc -T lint -W warning "$m" || fail "mandoc -T lint: $m"
	mandoc -T html "$m" | grep -q EXAMPLES || fail "$m has no EXAMPLES"
done

# the completion, as bash calls it
out=$(bash -c '
	. /usr/share/bash-completion/bash_completion
	. "$1/usr/share/bash-completion/completions/crieur"
	PATH="$1/usr/bin:$PATH"
	try() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		COMPREPLY=(); _crieur; echo "${COMPREPLY[*]}"; }
	try crieur bu
	try crieur build --no
	try crieur build --voice fr-a
	try crieur build --format o
	try crieur lexicon im
	try crieur publish --ke
	try crieur ai
	try crieur air --con' _ "$dest")
expect() { printf '%s\n' "$out" | grep -qx -- "$1" ||
	fail "completion: wanted '$1' in: $out"; }
expect "build"
expect "--no-sidecars"
expect "fr-anchor-f fr-anchor"
expect "opus ogg"
expect "import"
expect "--keep"
expect "air"
expect "--confine"

make --no-print-directory -s B="$B" uninstall DESTDIR="$dest" PREFIX=/usr \
	systemdunitdir=/lib/systemd/system >/dev/null
# configuration (sd_crieur's crieur.conf) is a user's: it stays
left=$(find "$dest" -type f ! -path "$dest/etc/*" ! -path "$dest/usr/etc/*" | wc -l)
[ "$left" = 0 ] || fail "uninstall left $left files: $(find "$dest" -type f)"
echo "install test: passed"
