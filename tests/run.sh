#!/bin/sh
# run.sh: make check's bats runner, so a run of minutes is never silent:
# each suite's name and test count before it runs, its TAP lines as they
# come, its tally and time after it, then the total.
#
# Usage: tests/run.sh TAPFILE suite.bats ...
#
# Output: on standard output, per suite "[I/N] NAME: K tests", its TAP
# lines, "[I/N] NAME: P passed, F failed, S skipped (Ts)"; at the end
# "bats: P passed, F failed, S skipped".  TAPFILE gets every suite's TAP.
# Exit status: 0 every test passed; 1 a test failed, or a suite ran
# fewer tests than it has (it crashed); 2 usage.
set -u
[ $# -ge 2 ] || { echo "usage: tests/run.sh tapfile suite.bats ..." >&2; exit 2; }
tap=$1
shift
: > "$tap"
n=$# i=0 pass=0 fail=0 skip=0 st=0
for f; do
	i=$((i + 1))
	name=$(basename "$f")
	k=$(bats --count "$f")
	printf '[%d/%d] %s: %s tests\n' "$i" "$n" "$name" "$k"
	t0=$(date +%s)
	bats --tap "$f" | tee "$tap.one"
	p=$(grep -c '^ok ' "$tap.one")
	s=$(grep -c '^ok .* # skip' "$tap.one")
	x=$(grep -c '^not ok ' "$tap.one")
	p=$((p - s))
	if [ $((p + s + x)) -ne "$k" ]; then
		echo "[$i/$n] $name: ran $((p + s + x)) of $k tests"
		st=1
	fi
	[ "$x" -eq 0 ] || st=1
	printf '[%d/%d] %s: %d passed, %d failed, %d skipped (%ds)\n' \
	    "$i" "$n" "$name" "$p" "$x" "$s" $(($(date +%s) - t0))
	cat "$tap.one" >> "$tap"
	pass=$((pass + p)) fail=$((fail + x)) skip=$((skip + s))
done
rm -f "$tap.one"
echo "bats: $pass passed, $fail failed, $skip skipped"
exit "$st"
