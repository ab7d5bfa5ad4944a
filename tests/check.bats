#!/usr/bin/env bats
# make check's runner (tests/run.sh): progress as it goes, a true total.

load test_helper

RUN=$ZB_ROOT/tests/run.sh

# The runner runs in a clean environment, without bats' libexec on PATH: a
# bats inside bats would take the outer run's variables and its internal
# bats, which needs functions that sh does not pass on, and run nothing.
clean_path() {
	printf '%s' "$PATH" | tr ':' '\n' | grep -v 'bats-core' | paste -sd: -
}
#
# Two small suites (tests/fixtures/check): the second checks, while it
# runs, that the first's name, count and tally were already printed.
suites() {
	cp "$FIXTURES/check/a.bats" "$FIXTURES/check/b.bats" "$BATS_TEST_TMPDIR/"
}

@test "check: each suite's name and count are printed before it runs, its tally after, then the total" {
	suites
	export OUT=$BATS_TEST_TMPDIR/out
	run env -i PATH="$(clean_path)" HOME="$HOME" OUT="$OUT" FAILB="${FAILB:-}" sh -c "sh '$RUN' '$BATS_TEST_TMPDIR/tap' '$BATS_TEST_TMPDIR/a.bats' '$BATS_TEST_TMPDIR/b.bats' > '$OUT'"
	[ "$status" -eq 0 ] || { cat "$OUT"; false; }
	out=$(cat "$OUT")
	[ "$(echo "$out" | head -n 1)" = "[1/2] a.bats: 2 tests" ]
	echo "$out" | grep -q '^ok 1 b sees a done$'
	echo "$out" | grep -q '^ok 2 b sees itself announced$'
	echo "$out" | grep -q '^\[2/2\] b.bats: 3 passed, 0 failed, 0 skipped ([0-9]*s)$'
	[ "$(echo "$out" | tail -n 1)" = "bats: 4 passed, 0 failed, 1 skipped" ]
	[ "$(grep -c '^ok' "$BATS_TEST_TMPDIR/tap")" -eq 5 ]
}

@test "check: a failed test makes the run fail and is counted" {
	suites
	export OUT=$BATS_TEST_TMPDIR/out FAILB=1
	run env -i PATH="$(clean_path)" HOME="$HOME" OUT="$OUT" FAILB="${FAILB:-}" sh -c "sh '$RUN' '$BATS_TEST_TMPDIR/tap' '$BATS_TEST_TMPDIR/a.bats' '$BATS_TEST_TMPDIR/b.bats' > '$OUT'"
	[ "$status" -eq 1 ]
	grep -q '^not ok 3 b may fail$' "$OUT"
	[ "$(tail -n 1 "$OUT")" = "bats: 3 passed, 1 failed, 1 skipped" ]
}

@test "check: make check runs the suites through the runner" {
	sed -n '/^check:/,/^$/p' "$ZB_ROOT/Makefile" | grep -q 'sh tests/run.sh \$(B)/bats.tap tests/\*.bats'
}
