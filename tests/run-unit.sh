#!/bin/sh
# Run each cmocka unit-test binary; print one summary line at the end.
# Usage: tests/run-unit.sh BIN...   (from the top of the tree)
pass=0 fail=0
for t in "$@"; do
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
echo "unit test programs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
