#!/usr/bin/env bats
# zb-merge: groups, wide tables, roll-ups, conflicts and bad input.

load test_helper

M=$FIXTURES/zb-merge
S=$FIXTURES/samples

# Compare $output with file $1, byte for byte.
same_as() {
	if [ "$output" != "$(cat "$1")" ]; then
		diff <(printf '%s\n' "$output") "$1" || true
		return 1
	fi
}

# ---- what it merges -----------------------------------------------------------

@test "zb-merge: the province and two cities give the reviewed wide table" {
	run zb-merge -f tsv "$S/jilin-province-carbon-peak-2022.jsonl" \
	    "$S/baicheng-carbon-peak-2023.jsonl" "$S/siping-carbon-peak-2023.jsonl"
	[ "$status" -eq 0 ]
	same_as "$M/cities/expected.tsv"
	# regions by code: the province before its cities, 长春 before 白城
	[ "$(echo "$output" | head -n 1 | cut -f 6-)" = "$(printf '吉林省\t长春市\t吉林市\t四平市\t白城市')" ]
	echo "$output" | grep -q "$(printf '^煤炭消费量\t2025\t万吨\t\t\t≤9000\t\t\t≤925\t≤790.56$')"
	echo "$output" | grep -q "$(printf '^风电、太阳能发电装机容量\t2030\t万千瓦\t\t\t≈6000\t\t\t\t≈4000$')"
}

@test "zb-merge: the province and two cities give the reviewed group records" {
	run zb-merge "$S/jilin-province-carbon-peak-2022.jsonl" \
	    "$S/baicheng-carbon-peak-2023.jsonl" "$S/siping-carbon-peak-2023.jsonl"
	[ "$status" -eq 0 ]
	same_as "$M/cities/expected.jsonl"
}

@test "zb-merge: plain zb-extract output gives no roll-ups, and fact/threshold records are left out" {
	run zb-merge "$S/jilin-province-carbon-peak-2022.jsonl" "$S/siping-carbon-peak-2023.jsonl"
	[ "$status" -eq 0 ]
	! echo "$output" | grep -q '"type":"rollup"'
	! echo "$output" | grep -q '县级及以上城市建成区原则上不再新建每小时'
	! echo "$output" | grep -q '"indicator":"年综合能耗"'
}

@test "zb-merge: the order of the inputs does not change the output" {
	a=$(zb-merge "$S/baicheng-carbon-peak-2023.jsonl" "$S/jilin-province-carbon-peak-2022.jsonl")
	b=$(zb-merge "$S/jilin-province-carbon-peak-2022.jsonl" "$S/baicheng-carbon-peak-2023.jsonl")
	[ "$a" = "$b" ]
}

@test "zb-merge: normalized records roll up the cities against the province, with missing cities from the gazetteer" {
	run zb-merge "$M/rollup/input.jsonl"
	[ "$status" -eq 0 ]
	same_as "$M/rollup/expected"
	r=$(echo "$output" | grep '"type":"rollup","indicator":"wind_solar_capacity"')
	echo "$r" | grep -q '"value":60000000,"value_max":null,"cmp":"approx","children_sum":42760000,"children_sum_max":null,"difference":17240000,"share":0.7127'
	echo "$r" | grep -q '"complete":false,"children_missing":\[{"region_code":"220100","region":"长春市"},{"region_code":"220200","region":"吉林市"}'
	echo "$r" | grep -q '{"region_code":"222400","region":"延边朝鲜族自治州"}\]}$'
}

@test "zb-merge: roll-up sums are exact decimals: 100.1 + 50.2 is 150.3" {
	run zb-merge "$M/rollup/input.jsonl"
	echo "$output" | grep '"indicator":"storage_capacity"' | grep -q '"children_sum":150.3,"children_sum_max":null,"difference":99.7,'
}

@test "zb-merge: percentages are never summed, even when the dictionary says additive" {
	run zb-merge "$M/rollup/input.jsonl"
	[ "$(echo "$output" | grep -c '"type":"rollup"')" -eq 3 ]
	! echo "$output" | grep '"type":"rollup"' | grep -q 'forest_cover\|non_fossil_share'
}

@test "zb-merge: normalized records use the canonical unit and value in the table" {
	run zb-merge -f tsv "$M/rollup/input.jsonl"
	[ "$status" -eq 0 ]
	same_as "$M/rollup/expected.tsv"
}

@test "zb-merge: draft and final stating different values conflict, the newer current" {
	cd "$M/conflict"
	run zb-merge draft.jsonl final.jsonl province.jsonl
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | grep -v '"type":"group"')" = "$(cat expected-conflicts)" ]
	echo "$output" | grep '"type":"conflict","indicator":"单位地区生产总值能源消耗"' | grep -q '"current":false,"value":15,.*"current":true,"value":16,'
	# the group shows the current value and flags the conflict
	echo "$output" | grep '"type":"group","indicator":"单位地区生产总值能源消耗"' | grep -q '"value":16,.*"source":"final.txt".*"conflict":true'
}

@test "zb-merge: documents that agree, and one document stating a key twice, are no conflict" {
	cd "$M/conflict"
	run zb-merge draft.jsonl final.jsonl
	[ "$(echo "$output" | grep -c '"type":"conflict"')" -eq 1 ]
	! echo "$output" | grep '"type":"conflict"' | grep -q '秸秆综合利用率\|城区清洁取暖比例'
	run zb-merge draft.jsonl draft.jsonl
	! echo "$output" | grep -q '"type":"conflict"'
}

@test "zb-merge: without issue dates no statement is current" {
	cd "$M/conflict"
	sed 's/"issued":"[0-9-]*"/"issued":null/' final.jsonl > "$BATS_TEST_TMPDIR/final.jsonl"
	run zb-merge draft.jsonl "$BATS_TEST_TMPDIR/final.jsonl"
	[ "$status" -eq 0 ]
	c=$(echo "$output" | grep '"type":"conflict"')
	echo "$c" | grep -q '"current":false'
	! echo "$c" | grep -q '"current":true'
}

@test "zb-merge: CSV is quoted per RFC 4180; cells carry ranges and comparisons" {
	run zb-merge -f csv "$M/csv/input.jsonl"
	[ "$status" -eq 0 ]
	same_as "$M/csv/expected.csv"
	printf '%s\n' "$output" | grep -q '^"风电,光伏 ""装机""",2025,万千瓦,,,,≤1.5,60~65,'
}

@test "zb-merge: reads stdin when no file is given, and .gz files" {
	gzip -c "$M/rollup/input.jsonl" > "$BATS_TEST_TMPDIR/in.gz"
	run zb-merge "$BATS_TEST_TMPDIR/in.gz"
	[ "$status" -eq 0 ]
	same_as "$M/rollup/expected"
	run sh -c "zb-merge < '$M/rollup/input.jsonl'"
	[ "$status" -eq 0 ]
	same_as "$M/rollup/expected"
}

# ---- errors -------------------------------------------------------------------------

@test "zb-merge: a missing file is named, the others still merged, exit 2" {
	run zb-merge "$BATS_TEST_TMPDIR/nope.jsonl" "$M/rollup/input.jsonl"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-merge: $BATS_TEST_TMPDIR/nope.jsonl: No such file or directory$"
	[ "$(echo "$output" | grep -c '"type":"rollup"')" -eq 3 ]
}

@test "zb-merge: an unreadable file is reported, exit 2" {
	run zb-merge "$BATS_TEST_TMPDIR"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-merge: $BATS_TEST_TMPDIR: "
}

@test "zb-merge: a bad JSON line is named with FILE:LINE:COL, the other records merged, exit 2" {
	{ head -n 2 "$M/rollup/input.jsonl"; echo '{"source": oops}'; tail -n +3 "$M/rollup/input.jsonl"; } > "$BATS_TEST_TMPDIR/bad.jsonl"
	run zb-merge "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-merge: $BATS_TEST_TMPDIR/bad.jsonl:3:15: invalid token near 'oops'$"
	[ "$(echo "$output" | grep -c '"type":"rollup"')" -eq 3 ]
}

@test "zb-merge: a record lacking a needed field is named with FILE:LINE and skipped, exit 2" {
	{ head -n 1 "$M/rollup/input.jsonl" | sed 's/"indicator":"[^"]*",//'; echo '[1,2]'; tail -n +2 "$M/rollup/input.jsonl"; } > "$BATS_TEST_TMPDIR/lack.jsonl"
	run zb-merge "$BATS_TEST_TMPDIR/lack.jsonl"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-merge: $BATS_TEST_TMPDIR/lack.jsonl:1: missing or malformed field \"indicator\"; record skipped$"
	echo "$output" | grep -q "^zb-merge: $BATS_TEST_TMPDIR/lack.jsonl:2: not a JSON object$"
	[ "$(echo "$output" | grep -c '"type":"rollup"')" -eq 2 ]
}

@test "zb-merge: a field of the wrong type is named" {
	sed '1s/"year":2030/"year":"2030"/' "$M/rollup/input.jsonl" > "$BATS_TEST_TMPDIR/type.jsonl"
	run zb-merge "$BATS_TEST_TMPDIR/type.jsonl"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q 'type.jsonl:1: missing or malformed field "year"; record skipped'
}

@test "zb-merge: bad options print the usage line and exit 2" {
	run zb-merge -x
	[ "$status" -eq 2 ]
	echo "$output" | grep -q '^usage: zb-merge \[-f jsonl|tsv|csv\] \[file ...\]$'
	run zb-merge -f xml "$M/rollup/input.jsonl"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q '^zb-merge: unknown format "xml"$'
	echo "$output" | grep -q '^usage: zb-merge'
}

@test "zb-merge: -h prints the usage line on stdout and --version the version" {
	run zb-merge -h
	[ "$status" -eq 0 ]
	[ "$output" = "usage: zb-merge [-f jsonl|tsv|csv] [file ...]" ]
	run zb-merge --version
	[ "$status" -eq 0 ]
	echo "$output" | grep -q '^zb-merge [0-9]'
}

@test "zb-merge: a write error on stdout is reported, exit 2" {
	run sh -c "zb-merge '$M/rollup/input.jsonl' > /dev/full"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q 'zb-merge: write error on standard output: No space left on device'
}

@test "zb-merge: empty input gives no output and exit 0" {
	run zb-merge /dev/null
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run zb-merge -f tsv /dev/null
	[ "$output" = "$(printf 'indicator\tyear\tunit\tbaseline_year\tdirection')" ]
}

@test "zb-merge: the samples through zb-norm roll the cities up against the province" {
	run sh -c "zb-extract '$ZB_ROOT/samples/jilin-province-carbon-peak-2022.txt' \
	    '$ZB_ROOT/samples/baicheng-carbon-peak-2023.txt' \
	    '$ZB_ROOT/samples/siping-carbon-peak-2023.txt' | zb-norm -q | zb-merge"
	[ "$status" -eq 0 ]
	r=$(echo "$output" | grep '"type":"rollup","indicator":"coal_consumption","year":2025')
	# 925万吨 (白城) + 790.56万吨 (四平), exactly, against 9000万吨
	echo "$r" | grep -q '"unit":"t",'
	echo "$r" | grep -q '"value":90000000,.*"children_sum":17155600,"children_sum_max":null,"difference":72844400,"share":0.1906'
	echo "$r" | grep -q '"region":"四平市"'
	echo "$r" | grep -q '"region":"白城市"'
	echo "$r" | grep -q '"children_missing":\[{"region_code":"220100","region":"长春市"}'
	# shares are never rolled up
	! echo "$output" | grep '"type":"rollup"' | grep -q '"unit":"%"'
}

@test "zb-merge: a child without a usable number is not summed but listed missing" {
	{
		echo '{"sha256":"p","source":"p","issued":null,"region":"吉林省","year":2025,"indicator":"风电装机","value":100,"value_max":null,"value_text":"100","unit":"万千瓦","cmp":"eq","baseline_year":null,"direction":null,"kind":"target","quote":"q","value_std":1000000,"value_max_std":null,"unit_std":"kW","dimension":"power","factor":10000,"indicator_id":"wind_capacity","indicator_en":"w","additive":true,"region_code":"220000","region_level":"province","parent_code":null}'
		echo '{"sha256":"a","source":"a","issued":null,"region":"白城市","year":2025,"indicator":"风电装机","value":60,"value_max":null,"value_text":"60","unit":"万千瓦","cmp":"eq","baseline_year":null,"direction":null,"kind":"target","quote":"q","value_std":600000,"value_max_std":null,"unit_std":"kW","dimension":"power","factor":10000,"indicator_id":"wind_capacity","indicator_en":"w","additive":true,"region_code":"220800","region_level":"prefecture","parent_code":"220000"}'
		echo '{"sha256":"b","source":"b","issued":null,"region":"四平市","year":2025,"indicator":"风电装机","value":null,"value_max":null,"value_text":"若干","unit":"万千瓦","cmp":"eq","baseline_year":null,"direction":null,"kind":"target","quote":"q","value_std":null,"value_max_std":null,"unit_std":"kW","dimension":"power","factor":10000,"indicator_id":"wind_capacity","indicator_en":"w","additive":true,"region_code":"220300","region_level":"prefecture","parent_code":"220000"}'
	} > "$BATS_TEST_TMPDIR/in.jsonl"
	run zb-merge "$BATS_TEST_TMPDIR/in.jsonl"
	[ "$status" -eq 0 ]
	r=$(echo "$output" | grep '"type":"rollup"')
	echo "$r" | grep -q '"children_sum":600000,"children_sum_max":null,"difference":400000,"share":0.6,'
	echo "$r" | grep -q '"complete":false,"children_missing":\[.*{"region_code":"220300","region":"四平市"}'
}
