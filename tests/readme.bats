#!/usr/bin/env bats
# README.md: what a new user pastes from it works.

load test_helper

README=$ZB_ROOT/README.md

# The indented code blocks of the README whose first line starts with
# PREFIX, each into $BATS_TEST_TMPDIR/block.N (indent removed); prints N.
blocks() {
	PREFIX=$1 awk -v dir="$BATS_TEST_TMPDIR" '
	/^    / && !in_block && index(substr($0, 5), ENVIRON["PREFIX"]) == 1 {
		in_block = 1; n++ }
	in_block && !/^    / { in_block = 0 }
	in_block { print substr($0, 5) > (dir "/block." n) }
	END { print n + 0 }' "$README"
}

@test "README: the quick start comes first, then your own files, then the reference" {
	run grep '^## ' "$README"
	[ "${lines[0]}" = "## Quick start" ]
	[ "${lines[1]}" = "## Your own files" ]
	[ "${lines[2]}" = "## Reference" ]
	# the two commands, exactly
	sed -n '/^## Quick start/,/^## /p' "$README" > "$BATS_TEST_TMPDIR/qs"
	grep -qx '    make demo     # build, run the nightly pipeline on the sample site twice' "$BATS_TEST_TMPDIR/qs"
	grep -qx '    make check    # run every test (add SAN=1 for AddressSanitizer + UBSan)' "$BATS_TEST_TMPDIR/qs"
	[ "$(grep -c '^    make' "$BATS_TEST_TMPDIR/qs")" -eq 2 ]
	# the reference keeps every tool's and pipeline's section
	for h in '## The filters' '## zb-extract' '## zb-norm' '## zb-fetch' '## zb-merge' '## zb-diff' '## Pipelines' '### nightly.sh' '### report.sh' '### audit.sh' '## Rules and data files' '## Layout' '## Tests and benchmarks' '## Hardening'; do
		grep -q "^$h" "$README" || { echo "no $h"; return 1; }
	done
}

@test "README: every sources.tsv example is tab-separated and passes nightly.sh's check (-n)" {
	n=$(blocks '# sources.tsv')
	[ "$n" -ge 2 ]
	for i in $(seq "$n"); do
		f=$BATS_TEST_TMPDIR/block.$i
		[ "$(grep -vc '^#' "$f")" -ge 2 ]
		run sh "$ZB_ROOT/pipelines/nightly.sh" -n -s "$f"
		[ "$status" -eq 0 ] || { echo "block $i: $output"; cat "$f"; return 1; }
		[ "$output" = "$f: 2 sources (1 list, 1 doc)" ]
	done
}

@test "README: the chain by hand turns a notice into a long table" {
	line=$(grep -m 1 '^    zb-extract notice.txt | zb-norm | zb-merge -f long' "$README")
	[ -n "$line" ]
	cp "$ZB_ROOT/samples/baicheng-carbon-peak-2023.txt" "$BATS_TEST_TMPDIR/notice.txt"
	cd "$BATS_TEST_TMPDIR"
	run sh -c "$line"
	[ "$status" -eq 0 ]
	head -n 1 long.csv | grep -q '^indicator,indicator_as_written,year,unit_std,'
	[ "$(wc -l < long.csv)" -gt 10 ]
}

@test "README: the crontab lines have five time fields and run the nightly job" {
	run grep -E '^    [0-9*]+ [0-9*]+ ' "$README"
	[ "${#lines[@]}" -ge 2 ]
	for l in "${lines[@]}"; do
		[[ "$l" =~ ^\ {4}[0-9*]+\ [0-9*]+\ [0-9*]+\ [0-9*]+\ [0-9*]+\ .*(pipelines/nightly.sh|zb-nightly)\ .*-s\ .*-d\  ]] ||
		    { echo "bad crontab line: $l"; return 1; }
	done
}
