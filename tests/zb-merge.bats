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

# ---- regions, formats and readers -------------------------------------------------

@test "zb-merge: wide columns are keyed by region code: two 朝阳区, each city's 市本级 and a zone apart, a null region named" {
	run zb-merge -f tsv "$M/regions/input.jsonl"
	[ "$status" -eq 0 ]
	same_as "$M/regions/expected.tsv"
	h=$(echo "$output" | head -n 1 | cut -f 6- | tr '\t' '\n')
	[ "$(echo "$h" | sort | uniq -d)" = "" ]
	! echo "$h" | grep -q '^$'
	echo "$h" | grep -qx '朝阳区 (110105)'
	echo "$h" | grep -qx '朝阳区 (220104)'
	echo "$h" | grep -qx '长春市/市本级 (220100)'
	echo "$h" | grep -qx '吉林市/市本级 (220200)'
	# a zone zb-norm gave no parent goes under its document's region
	echo "$h" | grep -qx '吉林市/冰雪试验区 (220200)'
	echo "$h" | grep -qx '(no region)'
	# the two 市本级 are no conflict; 吉林市's draft and final are
	run zb-merge "$M/regions/input.jsonl"
	[ "$(echo "$output" | grep -c '"type":"conflict"')" -eq 1 ]
	echo "$output" | grep '"type":"conflict"' | grep -q '"region_code":"220200"'
}

@test "zb-merge: a conflict is marked in the wide, numeric and long tables" {
	run zb-merge -f tsv "$M/regions/input.jsonl"
	echo "$output" | grep -q "$(printf '\t≈4200000 (conflict)\t')"
	[ "$(echo "$output" | grep -o '(conflict)' | wc -l)" -eq 1 ]
	run zb-merge -n -f csv "$M/regions/input.jsonl"
	echo "$output" | grep -q ',4200000,,approx,true,'
	[ "$(echo "$output" | grep -o ',true' | wc -l)" -eq 1 ]
	run zb-merge -f long "$M/regions/input.jsonl"
	echo "$output" | grep -q '^wind_capacity,风电装机容量,2025,kW,,,吉林市 (220200),220200,220000,吉林市,4200000,,approx,true,jilin-city.txt|jilin-city-final.txt,jilin-city-final.txt,2023-06-01,3,'
}

@test "zb-merge: -f long gives a row per region, indicator and year, the reviewed table" {
	run zb-merge -f long "$M/regions/input.jsonl"
	[ "$status" -eq 0 ]
	same_as "$M/regions/expected.long.csv"
	[ "$(echo "$output" | head -n 1 | tr -d '\r')" = "indicator,indicator_as_written,year,unit_std,baseline_year,direction,region_key,region_code,parent_code,region,value,value_max,cmp,conflict,sources,source,issued,line,quote" ]
	echo "$output" | grep -q '^wind_capacity,风电装机容量,2025,kW,,,长春市/市本级 (220100),,220100,市本级,400000,,eq,false,'
	echo "$output" | grep -q '^wind_capacity,风电装机容量,2025,kW,,,(no region),,,,600000,650000,eq,false,anon.txt,'
}

# Check with python3's csv module that FILE (CSV, or TSV if $2 is tsv) has
# one header row of unique, non-empty names and that the columns named by
# the Python expression $3 (c: the column name) hold only numbers or "".
py_numeric() {
	python3 - "$@" <<'PY'
import csv, sys
path, kind, pred = sys.argv[1:4]
with open(path, newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f, delimiter="\t" if kind == "tsv" else ","))
head, body = rows[0], rows[1:]
assert len(set(head)) == len(head) and all(head), head
assert body and all(len(r) == len(head) for r in body)
assert not any(r == head for r in body), "a second header"
cols = [i for i, c in enumerate(head) if eval(pred)]
assert cols, "no numeric column"
n = 0
for r in body:
    for i in cols:
        if r[i] != "":
            float(r[i]); n += 1
assert n > 0
print(len(body), len(cols), n)
PY
}

@test "zb-merge: python3's csv module reads the long, numeric wide and flat tables with one header and numeric columns" {
	zb-extract "$ZB_ROOT"/samples/*.txt | zb-norm -q > "$BATS_TEST_TMPDIR/n.jsonl"
	cd "$BATS_TEST_TMPDIR"
	zb-merge -f long n.jsonl > long.csv
	py_numeric long.csv csv 'c in ("year", "value", "value_max", "line")'
	zb-merge -n -f csv n.jsonl > wide.csv
	py_numeric wide.csv csv 'c.endswith(")") or c.endswith(") max")'
	zb-merge -n -f tsv n.jsonl > wide.tsv
	py_numeric wide.tsv tsv 'c.endswith(")") or c.endswith(") max")'
	zb-merge -f flat n.jsonl > flat.csv
	py_numeric flat.csv csv 'c in ("value", "value_std", "offset", "line")'
	[ "$(($(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))))' flat.csv) - 1))" -eq "$(wc -l < n.jsonl)" ]
}

@test "zb-merge: sqlite3 imports the long and numeric wide tables with numeric values" {
	command -v sqlite3 || skip "sqlite3 not installed (make deps)"
	zb-extract "$ZB_ROOT"/samples/*.txt | zb-norm -q > "$BATS_TEST_TMPDIR/n.jsonl"
	cd "$BATS_TEST_TMPDIR"
	zb-merge -f long n.jsonl > long.csv
	run sqlite3 t.db "CREATE TABLE t (indicator TEXT, indicator_as_written TEXT, year INTEGER, unit_std TEXT, baseline_year INTEGER, direction TEXT, region_key TEXT, region_code TEXT, parent_code TEXT, region TEXT, value REAL, value_max REAL, cmp TEXT, conflict TEXT, sources TEXT, source TEXT, issued TEXT, line INTEGER, quote TEXT);" \
	    ".import --csv --skip 1 long.csv t" \
	    "SELECT count(*) FROM t WHERE typeof(value) NOT IN ('integer', 'real');" \
	    "SELECT count(*) FROM t WHERE year <> '' AND typeof(year) <> 'integer';" \
	    "SELECT value FROM t WHERE indicator = 'ammonia_nitrogen_reduction' AND region_code = '220200';" \
	    "SELECT sum(value) FROM t WHERE indicator = 'ammonia_nitrogen_reduction' AND parent_code = '220200';" \
	    "SELECT count(*) FROM t WHERE conflict NOT IN ('true', 'false');" \
	    "SELECT count(*) FROM t;"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" -eq 0 ]
	[ "${lines[1]}" -eq 0 ]
	[ "${lines[2]}" = 451.0 ]
	[ "${lines[3]}" = 451.0 ]
	[ "${lines[4]}" -eq 0 ]
	[ "${lines[5]}" -eq "$(($(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))))' long.csv) - 1))" ]
	# the numeric wide table: a REAL column per region, typed from the header
	zb-merge -n -f csv n.jsonl > wide.csv
	ddl=$(python3 -c 'import csv,sys
h = next(csv.reader(open(sys.argv[1], newline="")))
print(", ".join("\"%s\" %s" % (c, "REAL" if c.endswith(")") or c.endswith(") max") else "TEXT") for c in h))' wide.csv)
	run sqlite3 w.db "CREATE TABLE w ($ddl);" ".import --csv --skip 1 wide.csv w" \
	    "SELECT typeof(\"吉林省 (220000)\"), \"吉林省 (220000)\", \"吉林省 (220000) cmp\" FROM w WHERE indicator = 'coal_consumption' AND year = 2025;"
	[ "$status" -eq 0 ]
	[ "$output" = "real|90000000.0|le" ]
}

@test "zb-merge: Miller and csvkit read the flat records and the long table in one header block" {
	command -v mlr || skip "miller not installed (make deps)"
	zb-extract "$ZB_ROOT"/samples/*.txt > "$BATS_TEST_TMPDIR/x.jsonl"
	zb-norm -q "$BATS_TEST_TMPDIR/x.jsonl" > "$BATS_TEST_TMPDIR/n.jsonl"
	cd "$BATS_TEST_TMPDIR"
	for f in x n; do
		zb-merge -f flat $f.jsonl > $f.csv
		run mlr --icsv --ocsv cat $f.csv
		[ "$status" -eq 0 ]
		[ "$(echo "$output" | grep -c '^source,sha256,')" -eq 1 ]
		[ "$(mlr --icsv --onidx --ofs ' ' count $f.csv)" -eq "$(wc -l < $f.jsonl)" ]
	done
	# arrays are joined: a record with two qualifiers
	[ "$(mlr --icsv --ojsonl filter '$qualifiers =~ ";"' then head -n 1 then cut -f qualifiers n.csv)" != "" ]
	zb-merge -f long n.jsonl > long.csv
	[ "$(mlr --icsv --ojson filter '$indicator == "coal_consumption" && $region_code == 220000 && $year == 2025' then cut -f value long.csv | tr -d ' \n')" = '[{"value":90000000}]' ]
	if command -v csvstat > /dev/null; then
		run csvstat --type long.csv
		[ "$status" -eq 0 ]
		echo "$output" | grep -q 'value: Number'
		run csvcut -n n.csv
		[ "$(echo "$output" | grep -c '')" -eq 33 ]
	fi
}

@test "zb-merge: --bom starts a table with a UTF-8 byte order mark, and is refused for jsonl" {
	run zb-merge --bom -f csv "$M/regions/input.jsonl"
	[ "$status" -eq 0 ]
	[ "$(printf '%s' "$output" | head -c 3 | od -An -tx1 | tr -d ' ')" = efbbbf ]
	[ "$(printf '%s' "$output" | tail -c +4)" = "$(zb-merge -f csv "$M/regions/input.jsonl")" ]
	run zb-merge --bom -f long "$M/regions/input.jsonl"
	[ "$(printf '%s' "$output" | head -c 3 | od -An -tx1 | tr -d ' ')" = efbbbf ]
	run zb-merge -f csv "$M/regions/input.jsonl"
	[ "$(printf '%s' "$output" | head -c 3)" = ind ]
	run zb-merge --bom "$M/regions/input.jsonl"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-merge: --bom is for tables (-f tsv, csv, long or flat)" ]
	run zb-merge -n -f long "$M/regions/input.jsonl"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-merge: -n is for wide tables (-f tsv or csv)" ]
}

# ---- bounded memory: sorting on disk -------------------------------------------------

# Every output format and option, for the disk path tests.
FORMATS=("" "-f tsv" "-f csv" "-n -f tsv" "-n -f csv" "-f long" "-f flat" "--bom -f long")

@test "zb-merge: through sort(1) and temporary files (ZB_SORT_BUFFER=0) every format is the same as in memory" {
	local f in=("$S"/*.jsonl "$M/regions/input.jsonl" "$M/conflict/draft.jsonl" "$M/conflict/final.jsonl")
	for f in "${FORMATS[@]}"; do
		# shellcheck disable=SC2086
		zb-merge $f "${in[@]}" > "$BATS_TEST_TMPDIR/mem"
		# shellcheck disable=SC2086
		ZB_SORT_BUFFER=0 run zb-merge $f "${in[@]}"
		[ "$status" -eq 0 ] || { echo "$f: exit $status: $output"; return 1; }
		same_as "$BATS_TEST_TMPDIR/mem" || { echo "format: $f"; return 1; }
	done
	# and the reviewed tables, a 市本级 placed by its document's region
	ZB_SORT_BUFFER=0 run zb-merge -f tsv "$M/regions/input.jsonl"
	same_as "$M/regions/expected.tsv"
	ZB_SORT_BUFFER=0 run zb-merge -f long "$M/regions/input.jsonl"
	same_as "$M/regions/expected.long.csv"
	ZB_SORT_BUFFER=0 run zb-merge "$M/rollup/input.jsonl"
	same_as "$M/rollup/expected"
}

@test "zb-merge: a buffer that fills midway (memory, then sort(1)) gives the same output, groups spanning the switch" {
	local f
	for f in 1 2 3 4 5 6; do cat "$S"/*.jsonl; done > "$BATS_TEST_TMPDIR/in.jsonl"
	for f in "" "-n -f csv" "-f long"; do
		# shellcheck disable=SC2086
		zb-merge $f "$BATS_TEST_TMPDIR/in.jsonl" > "$BATS_TEST_TMPDIR/mem"
		# shellcheck disable=SC2086
		ZB_SORT_BUFFER=20000 run zb-merge $f "$BATS_TEST_TMPDIR/in.jsonl"
		[ "$status" -eq 0 ]
		same_as "$BATS_TEST_TMPDIR/mem" || { echo "format: $f"; return 1; }
	done
	# six copies of a document are one claim: no conflict, as with one
	[ "$(zb-merge "$BATS_TEST_TMPDIR/in.jsonl")" = "$(zb-merge "$S"/*.jsonl)" ]
}

@test "zb-merge: a bad record mid-input on the disk path is named with FILE:LINE, the records before and after merged as in memory, exit 2" {
	local d=$BATS_TEST_TMPDIR
	# a bad line, then line 41 lacking its quote, before the whole of line 41
	{ head -n 40 "$S/jilin-city-energy-saving-draft-2023.jsonl"; echo '{"source": oops}'
	  sed -n 41p "$S/jilin-city-energy-saving-draft-2023.jsonl" | sed 's/"quote":"[^"]*",//'
	  tail -n +41 "$S/jilin-city-energy-saving-draft-2023.jsonl"; cat "$S/siping-carbon-peak-2023.jsonl"; } > "$d/bad.jsonl"
	cat "$S/jilin-city-energy-saving-draft-2023.jsonl" "$S/siping-carbon-peak-2023.jsonl" > "$d/good.jsonl"
	for f in "" "-f tsv" "-f long"; do
		# shellcheck disable=SC2086
		zb-merge $f "$d/good.jsonl" > "$d/want"
		# shellcheck disable=SC2086
		ZB_SORT_BUFFER=0 run --separate-stderr zb-merge $f "$d/bad.jsonl"
		[ "$status" -eq 2 ]
		[ "${stderr_lines[0]}" = "zb-merge: $d/bad.jsonl:41:15: invalid token near 'oops'" ]
		[ "${stderr_lines[1]}" = "zb-merge: $d/bad.jsonl:42: missing or malformed field \"quote\"; record skipped" ]
		[ "${#stderr_lines[@]}" -eq 2 ]
		same_as "$d/want" || { echo "format: $f"; return 1; }
	done
}

@test "zb-merge: sort(1) failing is reported, exit 2" {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\ncat > /dev/null\nexit 3\n' > "$BATS_TEST_TMPDIR/bin/sort"
	chmod +x "$BATS_TEST_TMPDIR/bin/sort"
	PATH="$BATS_TEST_TMPDIR/bin:$PATH" ZB_SORT_BUFFER=0 run --separate-stderr zb-merge "$M/rollup/input.jsonl"
	[ "$status" -eq 2 ]
	[ "$stderr" = "zb-merge: sort failed (exit 3)" ]
	[ -z "$output" ]
}

@test "zb-merge: a temporary file that cannot be made (TMPDIR missing) is reported, exit 2" {
	TMPDIR="$BATS_TEST_TMPDIR/nope" ZB_SORT_BUFFER=0 run --separate-stderr zb-merge -f tsv "$M/regions/input.jsonl"
	[ "$status" -eq 2 ]
	[ "$stderr" = "zb-merge: cannot make a temporary file in $BATS_TEST_TMPDIR/nope: No such file or directory" ]
	[ -z "$output" ]
	ZB_SORT_BUFFER=x run zb-merge "$M/rollup/input.jsonl"
	[ "$status" -eq 2 ]
	[ "$output" = 'zb-merge: ZB_SORT_BUFFER: not a number of bytes: "x"' ]
}

# Peak RSS in KiB of a command (GNU time), its output to /dev/null.
rss() {
	/usr/bin/time -f '%M' -o "$BATS_TEST_TMPDIR/rss" "$@" > /dev/null 2>&1 || true
	tail -n 1 "$BATS_TEST_TMPDIR/rss"
}

@test "zb-merge: memory does not grow with the input: 30 MB of records in a 1 MiB buffer" {
	local i k
	command -v /usr/bin/time || skip "GNU time not installed (make deps)"
	# AddressSanitizer's quarantine keeps every record freed, up to 256 MB
	case $ZB_BIN in */san) skip "measured without AddressSanitizer" ;; esac
	for i in $(seq 180); do cat "$S"/*.jsonl; done > "$BATS_TEST_TMPDIR/big.jsonl"
	for f in "" "-f tsv"; do
		# shellcheck disable=SC2086
		k=$(ZB_SORT_BUFFER=1048576 rss zb-merge $f "$BATS_TEST_TMPDIR/big.jsonl")
		[ "$k" -lt 60000 ] || { echo "zb-merge $f: $k KiB" >&2; return 1; }
	done
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
	echo "$output" | grep -q '^usage: zb-merge \[--bom\] \[-f jsonl|tsv|csv|long|flat\] \[-n\] \[file ...\]$'
	run zb-merge -f xml "$M/rollup/input.jsonl"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q '^zb-merge: unknown format "xml"$'
	echo "$output" | grep -q '^usage: zb-merge'
}

@test "zb-merge: -h and --help print the usage and the options on stdout, --version the version" {
	run zb-merge -h
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: zb-merge [--bom] [-f jsonl|tsv|csv|long|flat] [-n] [file ...]" ]
	for o in --bom '-f long' '-f flat' -n; do
		echo "$output" | grep -q "^  $o "
	done
	[ "$(zb-merge --help)" = "$output" ]
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

@test "zb-merge: the usage names the options in the man page's order" {
	check_help zb-merge
	[ "$(usage_opts "$output")" = "$(synopsis_opts "$ZB_ROOT/tools/zb-merge.1")" ]
}

@test "zb-merge: duckdb reads the long and numeric wide tables with numeric value columns and one header" {
	[ -d "$ZB_ROOT/tests/duckdb/node_modules/@duckdb/node-api" ] ||
		skip "duckdb not installed (make deps installs it from npm)"
	zb-norm -q "$S/jilin-province-carbon-peak-2022.jsonl" "$S/siping-carbon-peak-2023.jsonl" > "$BATS_TEST_TMPDIR/n.jsonl"
	zb-merge -f long "$BATS_TEST_TMPDIR/n.jsonl" > "$BATS_TEST_TMPDIR/long.csv"
	zb-merge -n -f csv "$BATS_TEST_TMPDIR/n.jsonl" > "$BATS_TEST_TMPDIR/wide.csv"
	run node "$ZB_ROOT/tests/duckdb/read.mjs" "$BATS_TEST_TMPDIR/long.csv"
	[ "$status" -eq 0 ]
	echo "$output" | grep -qx '{"name":"value","type":"DOUBLE"}'
	echo "$output" | grep -qx '{"name":"conflict","type":"BOOLEAN"}'
	rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1]))) - 1)' "$BATS_TEST_TMPDIR/long.csv")
	[ "$rows" -gt 20 ]
	[ "${lines[-1]}" = "{\"rows\":$rows}" ]
	run node "$ZB_ROOT/tests/duckdb/read.mjs" "$BATS_TEST_TMPDIR/wide.csv"
	[ "$status" -eq 0 ]
	echo "$output" | grep -q '{"name":"吉林省 (220000)","type":"DOUBLE"}'
	echo "$output" | grep -q '{"name":"四平市 (220300)","type":"\(DOUBLE\|BIGINT\)"}'
}

@test "zb-merge: a string holding \\u0000 is refused, not cut; a value given as a string is refused" {
	zb-extract "$ZB_ROOT/samples/jilin-province-carbon-peak-2022.txt" | head -n 1 > "$BATS_TEST_TMPDIR/r.jsonl"
	sed 's/"cmp":"\([a-z]*\)"/"cmp":"\1\\u0000"/' "$BATS_TEST_TMPDIR/r.jsonl" > "$BATS_TEST_TMPDIR/nul.jsonl"
	sed 's/"value":\([0-9.]*\)/"value":"\1"/' "$BATS_TEST_TMPDIR/r.jsonl" > "$BATS_TEST_TMPDIR/str.jsonl"
	run zb-merge "$BATS_TEST_TMPDIR/nul.jsonl"
	[ "$status" -eq 2 ]
	[[ "$output" =~ "zb-merge: $BATS_TEST_TMPDIR/nul.jsonl:1:"[0-9]+": a string holds \\u0000 (NUL); record refused" ]]
	run zb-merge "$BATS_TEST_TMPDIR/str.jsonl"
	[ "$status" -eq 2 ]
	[[ "$output" == *"zb-merge: $BATS_TEST_TMPDIR/str.jsonl:1: missing or malformed field \"value\"; record skipped"* ]]
}
