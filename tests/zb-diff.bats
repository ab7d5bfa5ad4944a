#!/usr/bin/env bats
# zb-diff: changes between two versions of a document, and bad input.

load test_helper

D=$FIXTURES/zb-diff
M=$FIXTURES/zb-merge

# Extract the draft (old.txt) and the final version (new.txt) of the
# Jilin-city notice into $BATS_TEST_TMPDIR/{old,new}.jsonl.
extract_final() {
	cd "$D/final"
	zb-extract old.txt > "$BATS_TEST_TMPDIR/old.jsonl"
	zb-extract new.txt > "$BATS_TEST_TMPDIR/new.jsonl"
	cd - >/dev/null
}

# ---- what it reports ----------------------------------------------------------

@test "zb-diff: the final version reports exactly the changed, added and removed targets, exit 1" {
	extract_final
	cd "$BATS_TEST_TMPDIR"
	run zb-diff old.jsonl new.jsonl
	[ "$status" -eq 1 ]
	if [ "$output" != "$(cat "$D/final/expected")" ]; then
		diff <(printf '%s\n' "$output") "$D/final/expected" || true
		return 1
	fi
	[ "$(echo "$output" | field change | tr '\n' ' ')" = "changed added changed changed removed " ]
}

@test "zb-diff: -f text lists +, - and ~ lines with old → new" {
	extract_final
	run zb-diff -f text "$BATS_TEST_TMPDIR/old.jsonl" "$BATS_TEST_TMPDIR/new.jsonl"
	[ "$status" -eq 1 ]
	[ "$output" = "$(cat "$D/final/expected-text")" ]
	echo "$output" | grep -qx '~ 磐石市 2025 能耗强度降低基本目标 \[table\]: decrease 15.5% → decrease 15% \[value\]'
	echo "$output" | grep -qx '+ 吉林市 2025 城镇新建建筑中绿色建筑面积占比: 100%'
	echo "$output" | grep -qx -- '- 吉林市 2025 公共机构人均综合能耗下降率: 6%'
	# not a terminal: no colour
	! echo "$output" | grep -q "$(printf '\033')"
}

@test "zb-diff: colour only on a terminal" {
	command -v script >/dev/null || skip "script(1) not installed"
	extract_final
	run script -qec "zb-diff -f text '$BATS_TEST_TMPDIR/old.jsonl' '$BATS_TEST_TMPDIR/new.jsonl'" /dev/null
	echo "$output" | grep -q "$(printf '\033\\[32m+ ')"
	echo "$output" | grep -q "$(printf '\033\\[31m- ')"
}

@test "zb-diff: the same file twice gives no output and exit 0" {
	extract_final
	run zb-diff "$BATS_TEST_TMPDIR/old.jsonl" "$BATS_TEST_TMPDIR/old.jsonl"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "zb-diff: changed whitespace, blank lines and indentation give no changes, exit 0" {
	sed -e 's/$/  /' -e 's/^\(（[一二三四五六七八九]）\)/\n  \1/' "$D/final/old.txt" > "$BATS_TEST_TMPDIR/ws.txt"
	zb-extract "$D/final/old.txt" > "$BATS_TEST_TMPDIR/old.jsonl"
	zb-extract "$BATS_TEST_TMPDIR/ws.txt" > "$BATS_TEST_TMPDIR/ws.jsonl"
	# the provenance did move
	! cmp -s <(field offset < "$BATS_TEST_TMPDIR/old.jsonl") <(field offset < "$BATS_TEST_TMPDIR/ws.jsonl")
	run zb-diff "$BATS_TEST_TMPDIR/old.jsonl" "$BATS_TEST_TMPDIR/ws.jsonl"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "zb-diff: a moved paragraph and a re-wrapped line give no changes" {
	extract_final
	# the fixture moves paragraph (五) and re-wraps (九): neither is listed
	run zb-diff "$BATS_TEST_TMPDIR/old.jsonl" "$BATS_TEST_TMPDIR/new.jsonl"
	! echo "$output" | grep -q '秸秆综合利用率\|畜禽粪污\|城市污泥\|污水处理能力'
}

@test "zb-diff: a key stated twice is matched by occurrence; swapping two statements is no change" {
	r='{"region":"吉林市","year":2025,"indicator":"比例","value":VAL,"value_max":null,"unit":"%","cmp":"eq","baseline_year":null,"direction":null,"kind":"target","qualifiers":[],"quote":"Q","offset":OFF}'
	{ echo "$r" | sed 's/VAL/30/;s/OFF/10/'; echo "$r" | sed 's/VAL/40/;s/OFF/20/'; } > "$BATS_TEST_TMPDIR/a.jsonl"
	{ echo "$r" | sed 's/VAL/40/;s/OFF/10/'; echo "$r" | sed 's/VAL/30/;s/OFF/20/'; } > "$BATS_TEST_TMPDIR/b.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/b.jsonl"
	[ "$status" -eq 0 ]
	{ echo "$r" | sed 's/VAL/30/;s/OFF/10/'; echo "$r" | sed 's/VAL/45/;s/OFF/20/'; } > "$BATS_TEST_TMPDIR/c.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/c.jsonl"
	[ "$status" -eq 1 ]
	[ "$(echo "$output" | wc -l)" -eq 1 ]
	echo "$output" | grep -q '"change":"changed",.*"occurrence":2,"fields":\["value"\],"old":{"value":40,'
}

@test "zb-diff: normalized records compare canonical values: 6000万千瓦 equals 60 GW" {
	head -n 1 "$M/rollup/input.jsonl" > "$BATS_TEST_TMPDIR/a.jsonl"
	sed 's/"value":6000,/"value":60,/;s/"unit":"万千瓦"/"unit":"GW"/' "$BATS_TEST_TMPDIR/a.jsonl" > "$BATS_TEST_TMPDIR/b.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/b.jsonl"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	sed 's/"value_std":60000000,/"value_std":65000000,/' "$BATS_TEST_TMPDIR/a.jsonl" > "$BATS_TEST_TMPDIR/c.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/c.jsonl"
	[ "$status" -eq 1 ]
	echo "$output" | grep -q '"fields":\["value_std"\]'
}

@test "zb-diff: provenance alone is no change; cmp, unit and qualifiers are" {
	extract_final
	head -n 1 "$BATS_TEST_TMPDIR/old.jsonl" > "$BATS_TEST_TMPDIR/a.jsonl"
	sed 's/"source":"[^"]*"/"source":"elsewhere"/;s/"line":11/"line":99/;s/"sha256":"[^"]*"/"sha256":"0"/;s/"section":"[^"]*"/"section":"x"/;s/"owners":\[\]/"owners":["省能源局"]/' "$BATS_TEST_TMPDIR/a.jsonl" > "$BATS_TEST_TMPDIR/b.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/b.jsonl"
	[ "$status" -eq 0 ]
	sed 's/"cmp":"eq"/"cmp":"ge"/;s/"unit":"%"/"unit":"个百分点"/;s/"qualifiers":\[\]/"qualifiers":["力争"]/' "$BATS_TEST_TMPDIR/a.jsonl" > "$BATS_TEST_TMPDIR/c.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/c.jsonl"
	[ "$status" -eq 1 ]
	echo "$output" | grep -q '"fields":\["unit","cmp","qualifiers"\]'
}

@test "zb-diff: .gz inputs and - for stdin are read" {
	extract_final
	gzip -c "$BATS_TEST_TMPDIR/old.jsonl" > "$BATS_TEST_TMPDIR/old.jsonl.gz"
	run sh -c "zb-diff '$BATS_TEST_TMPDIR/old.jsonl.gz' - < '$BATS_TEST_TMPDIR/new.jsonl'"
	[ "$status" -eq 1 ]
	[ "$output" = "$(cat "$D/final/expected")" ]
}

@test "zb-diff: 10,000 statements per side sharing one identity are matched (equal ones first, the rest in order)" {
	# every 10th value changed: 9,000 pairs say the same thing, the
	# other 1,000 are paired in document order as changes; the timeout
	# only guards against a hang (this took minutes when quadratic)
	python3 -c '
import sys
r = ("{\"region\":\"吉林市\",\"year\":2025,\"indicator\":\"比例\",\"value\":%s,\"value_max\":null,\"unit\":\"%%\",\"cmp\":\"eq\","
     "\"baseline_year\":null,\"direction\":null,\"kind\":\"target\",\"qualifiers\":[],\"quote\":\"Q\",\"offset\":%d}")
with open(sys.argv[1], "w") as o, open(sys.argv[2], "w") as n:
    for i in range(10000):
        o.write(r % (i, 40 * i) + "\n")
        n.write(r % (i + 0.5 if i % 10 == 0 else i, 40 * i) + "\n")
' "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/b.jsonl"
	run timeout 120 zb-diff "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/b.jsonl"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1000 ]
	[ "$(printf '%s\n' "${lines[@]}" | grep -c '"change":"changed",.*"fields":\["value"\],"old":{"value":\([0-9]*\)0,.*"new":{"value":\10.5,')" -eq 1000 ]
	[[ "${lines[999]}" == *'"occurrence":9991,'* ]]
}

@test "zb-diff: through sort(1) and temporary files (ZB_SORT_BUFFER=0) the output is the same" {
	extract_final
	ZB_SORT_BUFFER=0 run zb-diff "$BATS_TEST_TMPDIR/old.jsonl" "$BATS_TEST_TMPDIR/new.jsonl"
	[ "$status" -eq 1 ]
	[ "$output" = "$(cat "$D/final/expected")" ]
	ZB_SORT_BUFFER=0 run zb-diff "$FIXTURES/samples/jilin-province-carbon-peak-2022.jsonl" "$FIXTURES/samples/siping-carbon-peak-2023.jsonl"
	[ "$status" -eq 1 ]
	[ "$output" = "$(zb-diff "$FIXTURES/samples/jilin-province-carbon-peak-2022.jsonl" "$FIXTURES/samples/siping-carbon-peak-2023.jsonl")" ]
	ZB_SORT_BUFFER=x run zb-diff "$BATS_TEST_TMPDIR/old.jsonl" "$BATS_TEST_TMPDIR/new.jsonl"
	[ "$status" -eq 2 ]
	[ "$output" = 'zb-diff: ZB_SORT_BUFFER: not a number of bytes: "x"' ]
}

@test "zb-diff: normalized records pair on canonical values, unnormalized ones as written, in one identity" {
	head -n 1 "$M/rollup/input.jsonl" > "$BATS_TEST_TMPDIR/n.jsonl"
	# OLD: unnormalized 5, then normalized 6000万千瓦; NEW: 60 GW, then 5
	sed 's/"unit_std":"[^"]*"/"unit_std":null/;s/"value":6000,/"value":5,/;s/"offset":[0-9]*/"offset":1/' "$BATS_TEST_TMPDIR/n.jsonl" > "$BATS_TEST_TMPDIR/a.jsonl"
	sed 's/"offset":[0-9]*/"offset":2/' "$BATS_TEST_TMPDIR/n.jsonl" >> "$BATS_TEST_TMPDIR/a.jsonl"
	sed 's/"value":6000,/"value":60,/;s/"unit":"万千瓦"/"unit":"GW"/;s/"offset":[0-9]*/"offset":1/' "$BATS_TEST_TMPDIR/n.jsonl" > "$BATS_TEST_TMPDIR/b.jsonl"
	sed -n 1p "$BATS_TEST_TMPDIR/a.jsonl" | sed 's/"offset":[0-9]*/"offset":2/' >> "$BATS_TEST_TMPDIR/b.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/b.jsonl"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	ZB_SORT_BUFFER=0 run zb-diff "$BATS_TEST_TMPDIR/a.jsonl" "$BATS_TEST_TMPDIR/b.jsonl"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

# ---- errors -------------------------------------------------------------------------

@test "zb-diff: a missing file is named, nothing compared, exit 2" {
	extract_final
	run zb-diff "$BATS_TEST_TMPDIR/nope.jsonl" "$BATS_TEST_TMPDIR/new.jsonl"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-diff: $BATS_TEST_TMPDIR/nope.jsonl: No such file or directory" ]
}

@test "zb-diff: an unreadable operand is reported, exit 2" {
	extract_final
	run zb-diff "$BATS_TEST_TMPDIR/old.jsonl" "$BATS_TEST_TMPDIR"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-diff: $BATS_TEST_TMPDIR: "
}

@test "zb-diff: a bad JSON line is named with FILE:LINE:COL, the rest compared, exit 2" {
	extract_final
	{ head -n 3 "$BATS_TEST_TMPDIR/new.jsonl"; echo '{"region":'; tail -n +4 "$BATS_TEST_TMPDIR/new.jsonl"; } > "$BATS_TEST_TMPDIR/bad.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/old.jsonl" "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-diff: $BATS_TEST_TMPDIR/bad.jsonl:4:10: unexpected token near end of file$"
	[ "$(echo "$output" | grep -c '"change"')" -eq 5 ]
}

@test "zb-diff: a record lacking a needed field is named with FILE:LINE, exit 2" {
	extract_final
	sed '2s/"kind":"[a-z]*",//' "$BATS_TEST_TMPDIR/new.jsonl" > "$BATS_TEST_TMPDIR/lack.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/old.jsonl" "$BATS_TEST_TMPDIR/lack.jsonl"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-diff: $BATS_TEST_TMPDIR/lack.jsonl:2: missing or malformed field \"kind\"; record skipped$"
	# the skipped record shows as removed
	echo "$output" | grep -q '"change":"removed",.*"indicator":"化学需氧量重点工程累计减排量"'
}

@test "zb-diff: wrong operand counts print the usage line, exit 2" {
	run zb-diff "$D/final/expected"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-diff: missing operand" ]
	[ "${lines[1]}" = "usage: zb-diff [-f jsonl|text] old new" ]
	run zb-diff a b c
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-diff: extra operand" ]
	run zb-diff
	[ "$status" -eq 2 ]
}

@test "zb-diff: bad options print the usage line and exit 2" {
	run zb-diff -x a b
	[ "$status" -eq 2 ]
	echo "$output" | grep -q '^usage: zb-diff \[-f jsonl|text\] old new$'
	run zb-diff -f html a b
	[ "$status" -eq 2 ]
	echo "$output" | grep -q '^zb-diff: unknown format "html"$'
}

@test "zb-diff: -h prints the usage line first on stdout and --version the version" {
	run zb-diff -h
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: zb-diff [-f jsonl|text] old new" ]
	run zb-diff --version
	[ "$status" -eq 0 ]
	echo "$output" | grep -q '^zb-diff [0-9]'
}

@test "zb-diff: a write error on stdout is reported, exit 2" {
	extract_final
	run sh -c "zb-diff '$BATS_TEST_TMPDIR/old.jsonl' '$BATS_TEST_TMPDIR/new.jsonl' > /dev/full"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q 'zb-diff: write error on standard output: No space left on device'
}

@test "zb-diff: standard input as both operands is refused, exit 2" {
	run zb-diff - - < /dev/null
	[ "$status" -eq 2 ]
	[ "$output" = "zb-diff: standard input can be only one of the operands" ]
}

@test "zb-diff: -h and --help list the options on stdout, in the man page's order" {
	check_help zb-diff
	[ "${lines[0]}" = "usage: zb-diff [-f jsonl|text] old new" ]
	[ "$(usage_opts "$output")" = "$(synopsis_opts "$ZB_ROOT/tools/zb-diff.1")" ]
}

@test "zb-diff: a string holding \\u0000 is refused, not cut (\"eq\\u0000\" would be another cmp)" {
	zb-extract "$ZB_ROOT/samples/jilin-province-carbon-peak-2022.txt" | head -n 1 > "$BATS_TEST_TMPDIR/r.jsonl"
	sed 's/"cmp":"\([a-z]*\)"/"cmp":"\1\\u0000"/' "$BATS_TEST_TMPDIR/r.jsonl" > "$BATS_TEST_TMPDIR/nul.jsonl"
	run zb-diff "$BATS_TEST_TMPDIR/nul.jsonl" "$BATS_TEST_TMPDIR/r.jsonl"
	[ "$status" -eq 2 ]
	[[ "$output" =~ "zb-diff: $BATS_TEST_TMPDIR/nul.jsonl:1:"[0-9]+": a string holds \\u0000 (NUL); record refused" ]]
}
