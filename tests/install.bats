#!/usr/bin/env bats
# make install and make uninstall into a temporary prefix; the chain and
# the pipelines run from there, without the build tree on PATH.

load test_helper

setup_file() {
	P=$BATS_FILE_TMPDIR/prefix
	export P
	make -s -C "$ZB_ROOT" install PREFIX="$P" > "$BATS_FILE_TMPDIR/install.log" 2>&1
}

# Run a command with only the system's directories on PATH.
bare() {
	env PATH=/usr/bin:/bin LC_ALL=C "$@"
}

@test "install: the tools, man pages, pipelines and data land under PREFIX with install -m modes" {
	for t in zb-extract zb-norm zb-fetch zb-merge zb-diff zb-nightly zb-report zb-audit zb-shard; do
		[ "$(stat -c %a "$P/bin/$t")" = 755 ]
	done
	for t in zb-extract zb-norm zb-fetch zb-merge zb-diff; do
		[ "$(stat -c %a "$P/share/man/man1/$t.1")" = 644 ]
	done
	for f in rules.txt units.tsv indicators.tsv regions.tsv t2s.tsv; do
		cmp "$P/share/zhibiao/data/$f" "$ZB_ROOT/data/$f"
		[ "$(stat -c %a "$P/share/zhibiao/data/$f")" = 644 ]
	done
	for f in nightly.sh audit.sh shard.sh report.sh; do
		[ "$(stat -c %a "$P/share/zhibiao/pipelines/$f")" = 755 ]
	done
	[ "$(stat -c %a "$P/share/zhibiao/pipelines/lib.sh")" = 644 ]
	[ "$(cat "$P/share/zhibiao/bindir")" = "$P/bin" ]
	# every file goes through install -m, none through cp
	recipe=$(sed -n '/^install:/,/^uninstall:/p' "$ZB_ROOT/Makefile")
	echo "$recipe" | grep -q 'install -m 755 \$(B)/\$\$t'
	! echo "$recipe" | grep -q '\bcp '
}

@test "install: the installed chain zb-extract | zb-norm | zb-merge gives what the build tree gives" {
	s=$ZB_ROOT/samples
	run bare sh -c "'$P/bin/zb-extract' '$s/jilin-province-carbon-peak-2022.txt' '$s/baicheng-carbon-peak-2023.txt' | '$P/bin/zb-norm' -q | '$P/bin/zb-merge' -f long"
	[ "$status" -eq 0 ]
	[ "$output" = "$(zb-extract "$s/jilin-province-carbon-peak-2022.txt" "$s/baicheng-carbon-peak-2023.txt" | zb-norm -q | zb-merge -f long)" ]
	echo "$output" | grep -q '^coal_consumption,煤炭消费量,2025,t,,,吉林省 (220000),220000,,吉林省,90000000,'
	run bare "$P/bin/zb-merge" --version
	[ "$output" = "$(zb-merge --version)" ]
	run bare man -l "$P/share/man/man1/zb-merge.1"
	[ "$status" -eq 0 ] || skip "man not installed"
}

@test "install: the installed pipelines find the installed tools and data without PATH" {
	s=$ZB_ROOT/samples
	"$P/bin/zb-extract" "$s/baicheng-carbon-peak-2023.txt" | "$P/bin/zb-norm" -q > "$BATS_TEST_TMPDIR/r.jsonl"
	run bare "$P/bin/zb-report" -o "$BATS_TEST_TMPDIR/page.html" "$BATS_TEST_TMPDIR/r.jsonl"
	[ "$status" -eq 0 ]
	grep -q '<table id="heatmap">' "$BATS_TEST_TMPDIR/page.html"
	run bare "$P/bin/zb-report" --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: report.sh "* ]]
	# shard.sh runs the installed tools (no GNU parallel on this host);
	# its output is the chain's
	run bare "$P/bin/zb-shard" "$s/baicheng-carbon-peak-2023.txt"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$BATS_TEST_TMPDIR/r.jsonl")" ]
}

@test "install: make uninstall removes everything install put there" {
	make -s -C "$ZB_ROOT" uninstall PREFIX="$P"
	[ -z "$(find "$P" ! -type d)" ]
	[ ! -e "$P/share/zhibiao" ]
}
