#!/usr/bin/env bats
# zb-norm: canonical units and exact values, indicator ids, region codes,
# and every error path.

load test_helper

N=$FIXTURES/zb-norm

# A minimal record with the fields zb-norm needs; $1 value, $2 unit,
# $3 indicator, $4 region (JSON literals).
rec() {
	printf '{"value":%s,"value_max":null,"value_text":"x","unit":%s,"indicator":%s,"region":%s}\n' \
	    "$1" "$2" "$3" "$4"
}

# Print fields of every JSON line on stdin, tab-separated, null as null.
fields() {
	python3 -c 'import json,sys
for l in sys.stdin:
    o = json.loads(l)
    print("\t".join("null" if o.get(k) is None else
        json.dumps(o[k], ensure_ascii=False).strip("\"") for k in sys.argv[1:]))' "$@"
}

# ---- units and values ---------------------------------------------------------

@test "zb-norm: every row of the unit table scales 1.5 exactly by its factor" {
	python3 - "$ZB_ROOT/data/units.tsv" > "$BATS_TEST_TMPDIR/in.jsonl" <<'EOF'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if line.startswith("#") or len(f) != 4 or f[3] == "prefix":
        continue
    print(json.dumps({"value": 1.5, "value_max": None, "value_text": "1.5",
        "unit": f[0], "indicator": None, "region": None}, ensure_ascii=False))
EOF
	run zb-norm -q "$BATS_TEST_TMPDIR/in.jsonl"
	[ "$status" -eq 0 ]
	echo "$output" | python3 -c '
import json, sys
from decimal import Decimal
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if not line.startswith("#") and len(f) == 4 and f[3] != "prefix":
        rows[f[0]] = f
n = 0
for l in sys.stdin:
    o = json.loads(l)
    canon, factor, dim = rows[o["unit"]][1:]
    want = Decimal("1.5") * Decimal(factor)
    got = Decimal(repr(o["value_std"])) if isinstance(o["value_std"], float) else Decimal(o["value_std"])
    assert got == want, (o["unit"], got, want)
    assert o["unit_std"] == canon and o["dimension"] == dim, o
    assert Decimal(repr(o["factor"]) if isinstance(o["factor"], float) else o["factor"]) == Decimal(factor), o
    n += 1
assert n == len(rows), (n, len(rows))
print(n, "rows")' "$ZB_ROOT/data/units.tsv"
}

@test "zb-norm: multipliers, traditional and full-width units give exact canonical values" {
	grep -v '^#' "$N/units.tsv" | while IFS="$(printf '\t')" read -r v u us vs d; do
		rec "$v" "\"$u\"" null null
	done > "$BATS_TEST_TMPDIR/in.jsonl"
	run zb-norm -q "$BATS_TEST_TMPDIR/in.jsonl"
	[ "$status" -eq 0 ]
	got=$(echo "$output" | fields value unit unit_std value_std dimension)
	want=$(grep -v '^#' "$N/units.tsv")
	[ "$got" = "$want" ] || { diff <(echo "$got") <(echo "$want"); false; }
}

@test "zb-norm: 1305.9万立方米 is 13059000 m3 with no float residue, and the factor is recorded" {
	run sh -c "printf '%s\n' '$(rec 1305.9 '"万立方米"' null null)' | zb-norm"
	[ "$status" -eq 0 ]
	echo "$output" | grep -q '"value_std":13059000,"value_max_std":null,"unit_std":"m3","dimension":"volume","factor":10000,'
}

@test "zb-norm: ranges scale both ends" {
	run sh -c "printf '%s\n' '{\"value\":60,\"value_max\":65.5,\"value_text\":\"60~65.5\",\"unit\":\"万千瓦\",\"indicator\":null,\"region\":null}' | zb-norm"
	[ "$status" -eq 0 ]
	echo "$output" | grep -q '"value_std":600000,"value_max_std":655000,'
}

@test "zb-norm: a literal too long for a JSON number is scaled from value_text" {
	run sh -c "printf '%s\n' '{\"value\":null,\"value_max\":null,\"value_text\":\"一百二十\",\"unit\":\"万千瓦\",\"indicator\":null,\"region\":null}' | zb-norm"
	[ "$status" -eq 0 ]
	echo "$output" | grep -q '"value_std":1200000,'
}

@test "zb-norm: a record without a unit keeps null canonical fields and is not counted unknown" {
	run zb-norm <<<"$(rec 1.3 null '"数据中心电能利用效率"' null)"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | fields value_std unit_std dimension factor indicator_id)" = "$(printf 'null\tnull\tnull\tnull\tdata_center_pue')" ]
	[ -z "$(zb-norm <<<"$(rec 1.3 null '"数据中心电能利用效率"' '"白城市"')" 2>&1 >/dev/null)" ]
}

@test "zb-norm: an unknown unit keeps the record with null canonical fields and is summarized" {
	run zb-norm <<<"$(rec 2 '"兆吨"' null '"白城市"')"
	[ "$status" -eq 0 ]
	echo "${lines[0]}" | grep -q '"value_std":null,"value_max_std":null,"unit_std":null,"dimension":null,"factor":null'
	[ "${lines[1]}" = "zb-norm: 1 of 1 records: unknown unit: 兆吨 (1)" ]
}

@test "zb-norm: -q silences the summary" {
	run zb-norm -q <<<"$(rec 2 '"兆吨"' null null)"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "zb-norm: -u adds a unit and replaces one" {
	printf '兆吨\tt\t1000000\tmass\n%%\tpercent\t1\tshare\n' > "$BATS_TEST_TMPDIR/u.tsv"
	run zb-norm -q -u "$BATS_TEST_TMPDIR/u.tsv" <<<"$(rec 2 '"兆吨"' null null; rec 5 '"%"' null null)"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | fields value_std unit_std)" = "$(printf '2000000\tt\n5\tpercent')" ]
}

# ---- indicators ---------------------------------------------------------------

@test "zb-norm: indicators as notices write them get their ids, the unit deciding" {
	grep -v '^#' "$N/indicators.tsv" | while IFS="$(printf '\t')" read -r i u id; do
		rec 1 "\"$u\"" "\"$i\"" null
	done > "$BATS_TEST_TMPDIR/in.jsonl"
	run zb-norm -q "$BATS_TEST_TMPDIR/in.jsonl"
	[ "$status" -eq 0 ]
	got=$(echo "$output" | fields indicator unit indicator_id)
	want=$(grep -v '^#' "$N/indicators.tsv")
	[ "$got" = "$want" ] || { diff <(echo "$got") <(echo "$want"); false; }
}

@test "zb-norm: the dictionary says what adds up across regions" {
	run zb-norm -q <<<"$(rec 1 '"万千瓦"' '"风电装机容量"' null; rec 1 '"%"' '"森林覆盖率"' null; rec 1 '"%"' '"无此指标"' null)"
	[ "$(echo "$output" | fields additive indicator_en)" = "$(printf 'true\twind power capacity\nfalse\tforest coverage\nnull\tnull')" ]
}

@test "zb-norm: -i replaces an entry and adds one" {
	printf 'forest_coverage\t森林覆盖率\tforest cover\tshare\tno\t森林覆盖\nthree_gorges\t三峡\tThree Gorges\tpower\tyes\t三峡\n' > "$BATS_TEST_TMPDIR/i.tsv"
	run zb-norm -q -i "$BATS_TEST_TMPDIR/i.tsv" <<<"$(rec 1 '"%"' '"森林覆盖率"' null; rec 1 '"万千瓦"' '"三峡"' null)"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | fields indicator_id indicator_en)" = "$(printf 'forest_coverage\tforest cover\nthree_gorges\tThree Gorges')" ]
}

# ---- regions ------------------------------------------------------------------

@test "zb-norm: region names resolve with the document's region as context, never guessed" {
	grep -v '^#' "$N/regions.tsv" | while IFS="$(printf '\t')" read -r r c code level parent; do
		if [ "$c" = - ]; then
			got=$(zb-norm -q <<<"$(rec 1 '"%"' null "\"$r\"")")
		else
			got=$(zb-norm -q -R "$c" <<<"$(rec 1 '"%"' null "\"$r\"")")
		fi
		got=$(echo "$got" | fields region region_code region_level parent_code)
		[ "$got" = "$(printf '%s\t%s\t%s\t%s' "$r" "$code" "$level" "$parent")" ] ||
		    { echo "$c: got $got"; return 1; }
	done
}

@test "zb-norm: an ambiguous region is left without a code and named in the summary" {
	run zb-norm <<<"$(rec 1 '"%"' null '"吉林"')"
	[ "$status" -eq 0 ]
	echo "${lines[0]}" | grep -q '"region_code":null,"region_level":null,"parent_code":null}$'
	[ "${lines[1]}" = "zb-norm: 1 of 1 records: ambiguous region: 吉林 (220000 吉林省 or 220200 吉林市) (1)" ]
}

@test "zb-norm: a document's first resolved region is the context of its later records" {
	{
		echo '{"sha256":"a","value":1,"unit":"%","indicator":null,"region":"吉林市"}'
		echo '{"sha256":"a","value":1,"unit":"%","indicator":null,"region":"高新区"}'
		echo '{"sha256":"b","value":1,"unit":"%","indicator":null,"region":"吉林省"}'
		echo '{"sha256":"b","value":1,"unit":"%","indicator":null,"region":"吉林"}'
		echo '{"sha256":"a","value":1,"unit":"%","indicator":null,"region":"吉林"}'
	} > "$BATS_TEST_TMPDIR/in.jsonl"
	run zb-norm -q "$BATS_TEST_TMPDIR/in.jsonl"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | fields region_code)" = "$(printf '220200\n220272\n220000\n220000\n220200')" ]
}

@test "zb-norm: -R with an unknown or ambiguous region is an error before reading" {
	run zb-norm -R 无此地 /dev/null
	[ "$status" -eq 2 ]
	[ "$output" = "zb-norm: -R 无此地: unknown region" ]
	run zb-norm -R 吉林 /dev/null
	[ "$status" -eq 2 ]
	[ "$output" = "zb-norm: -R 吉林: ambiguous region" ]
}

@test "zb-norm: -g replaces the gazetteer" {
	printf '990000\t测试省\t测试\tprovince\t\n' > "$BATS_TEST_TMPDIR/g.tsv"
	run zb-norm -q -g "$BATS_TEST_TMPDIR/g.tsv" <<<"$(rec 1 '"%"' null '"测试"'; rec 1 '"%"' null '"白城市"')"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | fields region_code)" = "$(printf '990000\nnull')" ]
}

# ---- years and cmp ------------------------------------------------------------

@test "zb-norm: years and baselines become integers" {
	run zb-norm -q <<<"$(printf '%s\n' \
	    '{"value":1,"unit":"%","indicator":null,"region":null,"year":"2025年","baseline_year":"２０２０"}' \
	    '{"value":1,"unit":"%","indicator":null,"region":null,"year":"“十五五”","baseline_year":"十三五"}' \
	    '{"value":1,"unit":"%","indicator":null,"region":null,"year":2030,"baseline_year":null}')"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | fields year baseline_year)" = "$(printf '2025\t2020\n2030\t2020\n2030\tnull')" ]
}

@test "zb-norm: a year that is none is reported, the record kept as it is, exit 2" {
	run zb-norm -q <<<'{"value":1,"unit":"%","indicator":null,"region":null,"year":"明年"}'
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'zb-norm: <stdin>:1: year is not a year; left as it is' ]
	echo "${lines[1]}" | grep -q '"year":"明年".*"value_std":1,'
}

@test "zb-norm: a cmp outside the contract is reported, exit 2" {
	run zb-norm -q <<<'{"value":1,"unit":"%","indicator":null,"region":null,"cmp":"more"}'
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'zb-norm: <stdin>:1: cmp "more" is not one of eq ge gt le lt approx' ]
	[ "${#lines[@]}" -eq 2 ]
}

# ---- the samples --------------------------------------------------------------

@test "zb-norm: every sample record gets a canonical unit and value, an indicator id and a region code" {
	zb-extract "$ZB_ROOT"/samples/*.txt > "$BATS_TEST_TMPDIR/x.jsonl"
	run zb-norm "$BATS_TEST_TMPDIR/x.jsonl"
	[ "$status" -eq 0 ]
	n=$(wc -l < "$BATS_TEST_TMPDIR/x.jsonl")
	[ "$n" -gt 200 ]
	echo "$output" | grep '^{' > "$BATS_TEST_TMPDIR/n.jsonl"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/n.jsonl")" -eq "$n" ]
	python3 - "$BATS_TEST_TMPDIR/n.jsonl" <<'EOF'
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
nounit = [r for r in rs if r["unit"] is not None and r["unit_std"] is None]
noval = [r for r in rs if r["unit_std"] is not None and r["value_std"] is None]
assert not nounit and not noval, (nounit, noval)
# Indicators zb-extract could not name (比例, 占比) or that name no
# measure (a project list, a bus-stop count): at most these few.
noid = sorted(r["indicator"] for r in rs if r["indicator_id"] is None)
assert len(noid) <= 4, noid
# Jilin city's own budget level and its ice-and-snow pilot zone have no
# GB/T 2260 code; every other record has one.
nocode = sorted({r["region"] for r in rs if r["region_code"] is None})
assert nocode == ["冰雪试验区", "市本级"], nocode
own = [r for r in rs if r["region"] == "市本级"]
assert all(r["region_level"] == "own" and r["parent_code"] == "220200" for r in own)
# the zone lies in the document's region
zone = [r for r in rs if r["region"] == "冰雪试验区"]
assert zone and all(r["region_level"] == "zone" and r["parent_code"] == "220200" for r in zone), zone
EOF
}

@test "zb-norm: input fields stay untouched and a second pass gives the same bytes" {
	zb-extract "$ZB_ROOT"/samples/jilin-city-energy-saving-draft-2023.txt > "$BATS_TEST_TMPDIR/x.jsonl"
	zb-norm -q "$BATS_TEST_TMPDIR/x.jsonl" > "$BATS_TEST_TMPDIR/n1.jsonl"
	zb-norm -q "$BATS_TEST_TMPDIR/n1.jsonl" > "$BATS_TEST_TMPDIR/n2.jsonl"
	cmp "$BATS_TEST_TMPDIR/n1.jsonl" "$BATS_TEST_TMPDIR/n2.jsonl"
	python3 - "$BATS_TEST_TMPDIR/x.jsonl" "$BATS_TEST_TMPDIR/n1.jsonl" <<'EOF'
import sys
for a, b in zip(open(sys.argv[1], encoding="utf-8"), open(sys.argv[2], encoding="utf-8")):
    # every input byte but the closing brace starts the output line
    assert b.startswith(a.rstrip("\n")[:-1] + ","), (a, b)
EOF
}

@test "zb-norm: .gz input and stdin are read" {
	zb-extract "$ZB_ROOT"/samples/baicheng-carbon-peak-2023.txt > "$BATS_TEST_TMPDIR/x.jsonl"
	gzip -c "$BATS_TEST_TMPDIR/x.jsonl" > "$BATS_TEST_TMPDIR/x.jsonl.gz"
	a=$(zb-norm -q "$BATS_TEST_TMPDIR/x.jsonl.gz")
	b=$(zb-norm -q < "$BATS_TEST_TMPDIR/x.jsonl")
	[ -n "$a" ] && [ "$a" = "$b" ]
}

# ---- bad input ----------------------------------------------------------------

@test "zb-norm: a line that is not JSON is named, passed through, and the rest go on, exit 2" {
	printf '%s\n%s\n%s\n' "$(rec 1 '"万千瓦"' null null)" '{"value": 1,,}' \
	    "$(rec 2 '"万千瓦"' null null)" > "$BATS_TEST_TMPDIR/in.jsonl"
	run zb-norm -q "$BATS_TEST_TMPDIR/in.jsonl"
	[ "$status" -eq 2 ]
	echo "${lines[0]}" | grep -q '"value_std":10000,'
	[ "${lines[1]}" = "zb-norm: $BATS_TEST_TMPDIR/in.jsonl:2:13: string or '}' expected near ','" ]
	[ "${lines[2]}" = '{"value": 1,,}' ]
	echo "${lines[3]}" | grep -q '"value_std":20000,'
}

@test "zb-norm: a record lacking a needed field is named and passed through unchanged, exit 2" {
	printf '%s\n' '{"value":1,"indicator":null,"region":null}' > "$BATS_TEST_TMPDIR/in.jsonl"
	run zb-norm -q "$BATS_TEST_TMPDIR/in.jsonl"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-norm: $BATS_TEST_TMPDIR/in.jsonl:1: record lacks \"unit\"; passed through unchanged" ]
	[ "${lines[1]}" = '{"value":1,"indicator":null,"region":null}' ]
}

@test "zb-norm: a JSON value that is not an object is named and passed through, exit 2" {
	run zb-norm -q <<<'[1,2]'
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'zb-norm: <stdin>:1: not a JSON object' ]
	[ "${lines[1]}" = '[1,2]' ]
}

@test "zb-norm: a missing file is named, the others still read, exit 2" {
	rec 1 '"%"' null null > "$BATS_TEST_TMPDIR/a.jsonl"
	run zb-norm -q "$BATS_TEST_TMPDIR/nope.jsonl" "$BATS_TEST_TMPDIR/a.jsonl"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-norm: $BATS_TEST_TMPDIR/nope.jsonl: No such file or directory" ]
	echo "${lines[1]}" | grep -q '"unit_std":"%"'
}

@test "zb-norm: a truncated .gz keeps the records before the fault, exit 2" {
	for i in $(seq 1 2000); do rec "$i" '"万千瓦"' null null; done | gzip -c > "$BATS_TEST_TMPDIR/a.gz"
	head -c 3000 "$BATS_TEST_TMPDIR/a.gz" > "$BATS_TEST_TMPDIR/t.gz"
	run zb-norm -q "$BATS_TEST_TMPDIR/t.gz"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-norm: $BATS_TEST_TMPDIR/t.gz: "
	[ "$(echo "$output" | grep -c '"unit_std":"kW"')" -gt 100 ]
}

@test "zb-norm: a bad unit table line names file and line; nothing is read" {
	printf '万公顷\tmu\tlots\tarea\n' > "$BATS_TEST_TMPDIR/u.tsv"
	run zb-norm -u "$BATS_TEST_TMPDIR/u.tsv" <<<"$(rec 1 '"%"' null null)"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-norm: $BATS_TEST_TMPDIR/u.tsv:1: want UNIT<tab>CANONICAL<tab>FACTOR<tab>DIMENSION with a plain decimal factor" ]
	[ "${lines[1]}" = "zb-norm: 1 bad line in tables; nothing normalized" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "zb-norm: a bad dictionary pattern names file, line and offset" {
	printf 'x\tx\tx\tshare\tno\t(unclosed\ny\ty\ty\tshare\tmaybe\t.\n' > "$BATS_TEST_TMPDIR/i.tsv"
	run zb-norm -i "$BATS_TEST_TMPDIR/i.tsv" /dev/null
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-norm: $BATS_TEST_TMPDIR/i.tsv:1: pattern error at offset 9: missing closing parenthesis" ]
	[ "${lines[1]}" = "zb-norm: $BATS_TEST_TMPDIR/i.tsv:2: want ID<tab>NAME<tab>ENGLISH<tab>DIMENSIONS<tab>yes|no<tab>PATTERN" ]
	[ "${lines[2]}" = "zb-norm: 2 bad lines in tables; nothing normalized" ]
}

@test "zb-norm: an unreadable table file or an empty gazetteer is an error" {
	run zb-norm -u "$BATS_TEST_TMPDIR/none.tsv" /dev/null
	[ "$status" -eq 2 ]
	[ "$output" = "zb-norm: $BATS_TEST_TMPDIR/none.tsv: No such file or directory" ]
	: > "$BATS_TEST_TMPDIR/g.tsv"
	run zb-norm -g "$BATS_TEST_TMPDIR/g.tsv" /dev/null
	[ "$status" -eq 2 ]
	[ "$output" = "zb-norm: $BATS_TEST_TMPDIR/g.tsv: no regions in gazetteer" ]
}

@test "zb-norm: bad options print the usage line and exit 2; -h on stdout, exit 0" {
	run zb-norm -x
	[ "$status" -eq 2 ]
	[ "${lines[1]}" = "usage: zb-norm [-q] [-R region] [-u units] [-i indicators] [-g regions] [file ...]" ]
	run zb-norm -h
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: zb-norm [-q] [-R region] [-u units] [-i indicators] [-g regions] [file ...]" ]
	run zb-norm --version
	[ "$status" -eq 0 ]
	[[ "$output" == "zb-norm "[0-9]* ]]
}

@test "zb-norm: a write error on stdout is reported, exit 2" {
	run sh -c "zb-norm -q '$FIXTURES/samples/baicheng-carbon-peak-2023.jsonl' > /dev/full"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-norm: write error on standard output: No space left on device" ]
}

@test "zb-norm: a record already carrying a field zb-norm adds is rewritten, never given the key twice" {
	run zb-norm -q <<<'{"value":1,"unit":"万千瓦","indicator":null,"region":null,"dimension":"x"}'
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | grep -o '"dimension"' | wc -l)" -eq 1 ]
	echo "$output" | python3 -c 'import json,sys; o=json.loads(sys.stdin.read()); assert o["dimension"] == "power", o'
}

@test "zb-norm: an integer year out of range is reported like a string one" {
	run zb-norm -q <<<'{"value":1,"unit":"%","indicator":null,"region":null,"year":25}'
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'zb-norm: <stdin>:1: year is not a year; left as it is' ]
}

@test "zb-norm: an unreadable stdin is named <stdin>" {
	run sh -c 'zb-norm - <&-'
	[ "$status" -eq 2 ]
	[[ "$output" == "zb-norm: <stdin>: "* ]]
}

@test "zb-norm: a dictionary pattern that is not UTF-8 is an error" {
	printf 'x\tx\tx\tshare\tno\t\377\n' > "$BATS_TEST_TMPDIR/i.tsv"
	run zb-norm -i "$BATS_TEST_TMPDIR/i.tsv" /dev/null
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "zb-norm: $BATS_TEST_TMPDIR/i.tsv:1: pattern error at offset 0: UTF-8 error: "* ]]
}

@test "zb-norm: a NUL byte in a unit table line is a bad line, not a crash" {
	printf '吨\000x\tt\t1\tmass\n' > "$BATS_TEST_TMPDIR/u.tsv"
	run zb-norm -u "$BATS_TEST_TMPDIR/u.tsv" /dev/null
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-norm: $BATS_TEST_TMPDIR/u.tsv:1: NUL byte in line" ]
}

@test "zb-norm: -h and --help list the options on stdout, in the man page's order" {
	check_help zb-norm
	[ "${lines[0]}" = "usage: zb-norm [-q] [-R region] [-u units] [-i indicators] [-g regions] [file ...]" ]
	[ "$(usage_opts "$output")" = "$(synopsis_opts "$ZB_ROOT/tools/zb-norm.1")" ]
}

@test "zb-norm: 供电煤耗 has one canonical unit, gce/kWh, whether written 克/千瓦时 or 克标准煤/千瓦时" {
	run zb-norm -q <<<"$(rec 290 '"克/千瓦时"' '"煤电机组供电煤耗"' '"江苏省"'; rec 300 '"克标准煤/千瓦时"' '"火电平均供电煤耗"' '"吉林市"'; rec 0.3 '"千克/千瓦时"' '"供电煤耗"' '"吉林市"'; rec 550 '"克/千瓦时"' '"火电二氧化碳排放"' '"吉林市"')"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | fields indicator_id value_std unit_std dimension factor)" = "$(printf 'power_supply_coal_rate\t290\tgce/kWh\tcoal_rate\t1\npower_supply_coal_rate\t300\tgce/kWh\tcoal_rate\t1\npower_supply_coal_rate\t300\tgce/kWh\tcoal_rate\t1000\nnull\t550\tg/kWh\temission_rate\t1')" ]
	# a second pass changes nothing
	[ "$(echo "$output" | zb-norm -q)" = "$output" ]
}

@test "zb-norm: the samples' 供电煤耗 targets merge into one row, in gce/kWh" {
	zb-extract "$ZB_ROOT"/samples/*.txt | zb-norm -q | zb-merge -f long > "$BATS_TEST_TMPDIR/long.csv"
	run grep -c '^power_supply_coal_rate,' "$BATS_TEST_TMPDIR/long.csv"
	[ "$output" -eq 2 ]
	[ "$(grep '^power_supply_coal_rate,' "$BATS_TEST_TMPDIR/long.csv" | cut -d, -f4 | sort -u)" = "gce/kWh" ]
	[ "$(grep '^power_supply_coal_rate,' "$BATS_TEST_TMPDIR/long.csv" | cut -d, -f1,3-6 | sort -u | wc -l)" -eq 1 ]
}

@test "zb-norm: a string holding \\u0000 is refused, not cut (\"eq\\u0000\" is not eq); a value given as a string is refused like zb-merge and zb-diff refuse it" {
	zb-extract "$ZB_ROOT/samples/jilin-province-carbon-peak-2022.txt" | head -n 1 > "$BATS_TEST_TMPDIR/r.jsonl"
	sed 's/"cmp":"\([a-z]*\)"/"cmp":"\1\\u0000"/' "$BATS_TEST_TMPDIR/r.jsonl" > "$BATS_TEST_TMPDIR/nul.jsonl"
	sed 's/"value":\([0-9.]*\)/"value":"\1"/' "$BATS_TEST_TMPDIR/r.jsonl" > "$BATS_TEST_TMPDIR/str.jsonl"
	run zb-norm "$BATS_TEST_TMPDIR/nul.jsonl"
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" =~ ^"zb-norm: $BATS_TEST_TMPDIR/nul.jsonl:1:"[0-9]+": a string holds \\u0000 (NUL); record refused"$ ]]
	run zb-norm "$BATS_TEST_TMPDIR/str.jsonl"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-norm: $BATS_TEST_TMPDIR/str.jsonl:1: malformed field \"value\" (not a number or null); passed through unchanged" ]
	[ "${lines[1]}" = "$(cat "$BATS_TEST_TMPDIR/str.jsonl")" ]
}

# ---- the fast path --------------------------------------------------------------

# Run zb-norm ARGS with stdin from $IN (default /dev/null) through the fast
# path and again with ZB_NORM_WHOLE (every line parsed whole by Jansson);
# fail unless stdout, stderr, both interleaved and the status are the same.
same_whole() {
	local d=$BATS_TEST_TMPDIR in=${IN:-/dev/null} s1=0 s2=0 f
	zb-norm "$@" < "$in" > "$d/fast.out" 2> "$d/fast.err" || s1=$?
	ZB_NORM_WHOLE=1 zb-norm "$@" < "$in" > "$d/whole.out" 2> "$d/whole.err" || s2=$?
	zb-norm "$@" < "$in" > "$d/fast.all" 2>&1 || :
	ZB_NORM_WHOLE=1 zb-norm "$@" < "$in" > "$d/whole.all" 2>&1 || :
	[ "$s1" = "$s2" ] || { echo "status $s1 fast, $s2 whole: $*"; return 1; }
	for f in out err all; do
		cmp "$d/fast.$f" "$d/whole.$f" || { echo "$f differs: $*"; return 1; }
	done
}

@test "zb-norm: the fast path writes what parsing whole lines writes: samples, a second pass, tricky lines" {
	same_whole "$FIXTURES"/samples/*.jsonl
	same_whole -q -R 吉林市 "$FIXTURES"/samples/*.jsonl
	zb-norm -q "$FIXTURES"/samples/*.jsonl > "$BATS_TEST_TMPDIR/n1.jsonl"
	same_whole "$BATS_TEST_TMPDIR/n1.jsonl"
	# escapes, \u0000, surrogates, bad UTF-8, controls, odd numbers, nesting,
	# duplicates, a BOM, CRLF, garbage, years as text, added fields, 81 keys
	same_whole "$N/tricky.jsonl"
	same_whole -R 白城市 "$N/tricky.jsonl"
	IN=$N/tricky.jsonl same_whole -q
	[ "$(wc -l < "$N/tricky.jsonl")" -eq 104 ]
}

@test "zb-norm: the fast path writes what parsing whole lines writes on 5000 mutated records" {
	python3 "$ZB_ROOT/tests/jsonl-mutants.py" 13 5000 "$FIXTURES"/samples/*.jsonl > "$BATS_TEST_TMPDIR/m.jsonl"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/m.jsonl")" -eq 5000 ]
	same_whole "$BATS_TEST_TMPDIR/m.jsonl"
	IN=$BATS_TEST_TMPDIR/m.jsonl same_whole -q -
}
