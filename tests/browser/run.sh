#!/bin/sh
# Browser test of the show page: Debian's headless Chromium driven by
# playwright-core (from npm, pinned in package-lock.json, installed here
# into tests/browser/node_modules; no browser is ever downloaded).
# Usage: sh tests/browser/run.sh CRIEUR_BINARY   (from the top of the tree)
crieur=${1:-build/crieur}
for c in node npm ffmpeg /usr/bin/chromium; do
	command -v "$c" >/dev/null 2>&1 && continue
	echo "check-browser: '$c' is missing ('make deps' installs it)"
	echo "browser tests: 0 passed, 1 failed"
	exit 1
done
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
	echo "check-browser: playwright-core needs Node.js 20 or later, not $(node -v)"
	echo "browser tests: 0 passed, 1 failed"
	exit 1
fi
dir=tests/browser
if [ ! -f $dir/node_modules/playwright-core/package.json ] ||
   [ $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]; then
	( cd $dir && timeout 300 npm ci --no-audit --no-fund --loglevel=error ) ||
		{ echo "check-browser: npm ci failed"; exit 1; }
fi
log=$(mktemp)
CRIEUR=$crieur timeout 300 node --test --test-timeout=240000 \
	--test-reporter=spec $dir/page.test.mjs >"$log" 2>&1
status=$?
cat "$log"
pass=$(sed -n 's/^. pass \([0-9]*\)$/\1/p' "$log")
fail=$(sed -n 's/^. fail \([0-9]*\)$/\1/p' "$log")
rm -f "$log"
[ $status -ne 0 ] && [ "${fail:-0}" = 0 ] && fail=1
echo "browser tests: ${pass:-0} passed, ${fail:-0} failed"
exit $status
