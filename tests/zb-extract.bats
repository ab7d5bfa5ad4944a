#!/usr/bin/env bats
# zb-extract: behaviour on fixtures, samples and bad input.

load test_helper

# ---- what it extracts ---------------------------------------------------------

@test "zb-extract: reach verbs 达到/提高到/提升至/力争达到 give exact values" {
	check_fixture reach-verbs
}

@test "zb-extract: spaces inside numbers and a value on the line after its verb" {
	check_fixture spaces-and-line-breaks
}

@test "zb-extract: full-width digits and punctuation" {
	check_fixture full-width
}

@test "zb-extract: 分别达到 lists give one record per item with its own indicator" {
	check_fixture list-respectively
}

@test "zb-extract: 比2020年下降13.5% gives baseline and direction" {
	check_fixture baseline-direction
}

@test "zb-extract: qualifiers set cmp and are kept" {
	check_fixture qualifiers
}

@test "zb-extract: target years from 到…年底, …年前, 十四五, 十五五 and the paragraph" {
	check_fixture years
}

@test "zb-extract: regions named in the sentence give one record each" {
	check_fixture regions-in-sentence
}

@test "zb-extract: ranges 60%~65%, 70%至75%, 40%-45% set value_max" {
	check_fixture ranges
}

@test "zb-extract: Chinese numerals, 百分之, 翻一番 and 翻两番" {
	check_fixture chinese-numerals
}

@test "zb-extract: values in Chinese numerals between sentences with digits, in one paragraph; 一千二百个 is not 一千二 of 百个; 三分之一 is 0.3333, 千分之五 5 ‰" {
	check_fixture chinese-numerals-between
}

@test "zb-extract: a verb alone, or after a short subject (城镇新增就业), takes its clause's subject (湿地保护面积新增); 由/从2020年(底)的 starts, it sets no year" {
	check_fixture subject-before-verb
}

@test "zb-extract: 过去一年 and 共有 state the present or past, 主要预期目标是 frames targets (its 比上年 is no past cue), 比上年 leaves the indicator" {
	check_fixture report-frames
}

@test "zb-extract: a part (其中城区达到100%) measures what the indicator before it does; a share (占全部装机比重) is its share; 公共汽车中，新能源车辆比例 is a share among them; （其中分布式光伏40万千瓦） is a part" {
	check_fixture part-of
}

@test "zb-extract: 期间 after a quoted “十四五” and adverbs before the verb (稳步, 逐步) leave the indicator; 建成5个以上X counts X (a target), 35蒸吨以下 bounds a class; a parenthesis of up to 20 characters stays inside a name; 每年完成 recurs (no year) unless 到2030年 dates it" {
	check_fixture indicator-edges
}

@test "zb-extract: regions named before values: one region per value with 分别 (吉林市、四平市分别达到18%和16%), each region the value without" {
	check_fixture region-lists
}

@test "zb-extract: a work report: 2022年预计 dates an estimate; 主要预期目标包括/是 frames targets and leaves their indicators" {
	check_fixture work-report
}

@test "zb-extract: 个百分点, ‰ and thousands separators" {
	check_fixture points-permille-thousands
}

@test "zb-extract: traditional characters are read as simplified" {
	check_fixture traditional
}

@test "zb-extract: past statistics are kind fact, never target" {
	check_fixture past-statistics
}

@test "zb-extract: a year before the issue date makes a fact" {
	check_fixture issue-date-facts
}

@test "zb-extract: scope thresholds and subsidy rates (每千瓦时0.1元的标准给予补贴) are kind threshold" {
	check_fixture thresholds
}

@test "zb-extract: document numbers, names, 十四五 and headings give no records" {
	check_fixture traps
}

@test "zb-extract: section path and responsible departments" {
	check_fixture sections-owners
}

@test "zb-extract: tables flattened one cell per line give one record per cell" {
	check_fixture table-cells
}

@test "zb-extract: tab-separated table rows give one record per cell" {
	check_fixture table-rows
}

@test "zb-extract: tables with indicators in rows take each column's year and the unit column; the baseline column gives facts, the target column targets" {
	check_fixture table-indicators
}

@test "zb-extract: table cells with units and comparisons (45%以上, ≥90%, 1.5万亩: value_text the number), a 序号 column, a column named by its year takes the title's name" {
	check_fixture table-cells
}

@test "zb-extract: common plan phrasings: 突破, 较…减少, 分别比…下降 (单位地区生产总值能耗和二氧化碳排放: one base), years paired with values" {
	check_fixture general-phrasings
}

@test "zb-extract: 由…增长到, 提高了, 为, 在…基础上, 约, 的X% (X占Y比例), 其中 and count lists" {
	check_fixture more-phrasings
}

@test "zb-extract: a value right after a measure word ends its clause without a verb; past ones are facts" {
	check_fixture bare-measure
}

@test "zb-extract: subsidy rates and caps are thresholds, not targets" {
	check_fixture subsidies
}

@test "zb-extract: page numbers and a repeated title inside a sentence are skipped" {
	check_fixture pdf-residue
}

@test "zb-extract: a traditional title gives the document region" {
	check_fixture traditional-title
}

@test "zb-extract: an annual plan's title year dates 今年, 全年 and undated targets; last year's results are facts" {
	check_fixture annual-plan-year
}

@test "zb-extract: pinyin glosses, bullets and a stage heading's year in web pages" {
	check_fixture web-page-junk
}

@test "zb-extract: 均 and 分别 give each indicator the value; a bare measure takes the subject before it; scopes stay" {
	check_fixture coordination
}

@test "zb-extract: one unit after the last value of a list; items after a comma, 、 or 和 (5个园区、50家工厂, 300个候车亭和200个站牌); 升至2028年的85%" {
	check_fixture value-lists
}

@test "zb-extract: days, hours, 斤, 标准箱, 千瓦时 and per-tonne units are read whole" {
	check_fixture units-more
}

@test "zb-extract: values before their nouns, stage lists, years paired with values, standing rules, 以上 goals" {
	check_fixture plan-phrasings
}

@test "zb-extract: a run-on paragraph of 20,000 targets without clause marks is read in linear time" {
	# before: 10,000 took 111 s, 20,000 over 5 minutes (quadratic); the
	# timeout is a hang guard, the figures are in make bench
	python3 -c "print('到2025年非化石能源消费比重达到17.7%'*20000)" > "$BATS_TEST_TMPDIR/runon.txt"
	python3 -c "print('比2020年下降13.5%'*20000)" >> "$BATS_TEST_TMPDIR/runon.txt"
	run timeout 60 zb-extract "$BATS_TEST_TMPDIR/runon.txt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 40000 ]
	[ "$(echo "${lines[19999]}" | field year)" = "2025" ]
}

@test "zb-extract: a table flattened into one pipe line gives a row per region, the units of its unit line, the total under the document's region" {
	check_fixture table-flat-pipes
}

@test "zb-extract: a Markdown title ends at its line: the document number and addressees are no section" {
	run zb-extract "$ZB_ROOT/samples/baicheng-carbon-peak-2023.txt"
	[ "$status" -eq 0 ]
	! echo "$output" | field section | grep -q '白政发'
	[ "$(echo "$output" | head -n 1 | field section)" = "白城市人民政府关于印发白城市碳达峰实施方案的通知 > 白城市碳达峰实施方案 > 二、主要目标" ]
}

@test "zb-extract: the list 附件：1.… 2.… is no heading; each annex's table is filed under its own annex" {
	run zb-extract "$ZB_ROOT/samples/jilin-city-energy-saving-draft-2023.txt"
	[ "$status" -eq 0 ]
	echo "$output" | grep '"rule":"table"' | field section | sort -u > "$BATS_TEST_TMPDIR/sect"
	[ "$(cat "$BATS_TEST_TMPDIR/sect")" = "$(printf '%s\n' '附件1“十四五”各县区能耗强度降低目标' '附件2“十四五”各县区主要污染物 > 重点工程减排量目标')" ]
	[ "$(echo "$output" | grep '"rule":"table"' | field section | grep -c '^附件1')" -eq 28 ]
	[ "$(echo "$output" | grep '"rule":"table"' | field section | grep -c '^附件2')" -eq 60 ]
}

@test "zb-extract: facts are left out unless -k asks for them; -k names the kinds written" {
	printf '2020年，全省风电装机已达到500万千瓦。到2025年，风电装机达到1000万千瓦，新建35蒸吨/小时以下燃煤锅炉一律淘汰。\n' > "$BATS_TEST_TMPDIR/in.txt"
	run zb-extract "$BATS_TEST_TMPDIR/in.txt"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | field kind | tr '\n' ' ')" = "target threshold " ]
	run zb-extract -k all "$BATS_TEST_TMPDIR/in.txt"
	[ "$(echo "$output" | field kind | tr '\n' ' ')" = "fact target threshold " ]
	run zb-extract -k fact "$BATS_TEST_TMPDIR/in.txt"
	[ "$(echo "$output" | field value)" = "500" ]
	run zb-extract -k target,threshold "$BATS_TEST_TMPDIR/in.txt"
	[ "${#lines[@]}" -eq 2 ]
	run --separate-stderr zb-extract -k targets "$BATS_TEST_TMPDIR/in.txt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'-k: not a list of record kinds: "targets"'* ]]
	# -e still tells a fact's fate
	run zb-extract -e "$BATS_TEST_TMPDIR/in.txt"
	echo "$output" | grep -q '	500万千瓦	fact	compare$'
}

@test "zb-extract: -e tells for every quantity the rule that took it or why none did" {
	printf '根据〔2022〕11号文件，2020年全省风电装机已达到500万千瓦。到2025年，非化石能源消费比重达到17.7%%，新建35蒸吨/小时以下燃煤锅炉。\n' > "$BATS_TEST_TMPDIR/in.txt"
	run --separate-stderr zb-extract -e "$BATS_TEST_TMPDIR/in.txt"
	[ "$status" -eq 0 ]
	name="$BATS_TEST_TMPDIR/in.txt:1"
	[ "${lines[0]}" = "$name	2022	none	a document number" ]
	[ "${lines[1]}" = "$name	11	none	a document number" ]
	[ "${lines[2]}" = "$name	2020	none	a year" ]
	[ "${lines[3]}" = "$name	500万千瓦	fact	compare" ]
	[ "${lines[4]}" = "$name	2025	none	a year" ]
	[ "${lines[5]}" = "$name	17.7%	target	compare" ]
	[ "${lines[6]}" = "$name	35蒸吨/小时	threshold	scope-class" ]
	[ "${#lines[@]}" -eq 7 ]
	! echo "$output" | grep -q '"quote"'
}

@test "zb-extract: -e names every table cell it took" {
	cd "$FIXTURES/zb-extract/table-rows"
	run zb-extract -e input
	[ "$status" -eq 0 ]
	n=$(zb-extract input | wc -l)
	[ "$(echo "$output" | grep -c '	table	table$')" -eq "$n" ]
}

@test "zb-extract: a document record's issued date is used; one that is not a calendar date is reported and ignored" {
	printf '%s\n' '{"url":"a","issued":"2022-07-22","text":"到2025年，风电装机达到100万千瓦。2021年，风电装机达到50万千瓦。"}' \
	    '{"url":"b","issued":"2202-07-22","text":"到2025年，风电装机达到100万千瓦。"}' \
	    '{"url":"c","issued":"2022-02-30","text":"到2025年，风电装机达到100万千瓦。"}' > "$BATS_TEST_TMPDIR/in.jsonl"
	run --separate-stderr zb-extract -k all "$BATS_TEST_TMPDIR/in.jsonl"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | field issued | tr '\n' ' ')" = "2022-07-22 2022-07-22 null null " ]
	[ "$(echo "$output" | field kind | tr '\n' ' ')" = "target fact target target " ]
	echo "$stderr" | grep -q 'in.jsonl:2: "issued": "2202-07-22" is not a date YYYY-MM-DD; not used'
	echo "$stderr" | grep -q 'in.jsonl:3: "issued": "2022-02-30" is not a date'
}

@test "zb-extract: an issue date in Chinese numerals at the head of a notice is read" {
	printf '某市人民政府关于印发节能方案的通知\n二〇二二年七月二十二日\n到2025年，风电装机达到100万千瓦。\n' > "$BATS_TEST_TMPDIR/in.txt"
	run zb-extract "$BATS_TEST_TMPDIR/in.txt"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | field issued)" = "2022-07-22" ]
}

@test "zb-extract: -R sets the document region" {
	check_fixture region-option
}

# ---- the samples ----------------------------------------------------------------

@test "zb-extract: the samples give their reviewed output, byte for byte" {
	cd "$ZB_ROOT"
	for f in samples/*.txt; do
		n=$(basename "$f" .txt)
		run zb-extract "$f"
		[ "$status" -eq 0 ]
		[ "$output" = "$(cat "tests/fixtures/samples/$n.jsonl")" ] || {
			echo "differs: $f"
			diff <(printf '%s\n' "$output") "tests/fixtures/samples/$n.jsonl" | head -20
			return 1
		}
	done
}

@test "zb-extract: the samples' gold targets are found with at most 2 spurious records each" {
	cd "$ZB_ROOT"
	for f in samples/*.txt; do
		n=$(basename "$f" .txt)
		zb-extract "$f" > "$BATS_TEST_TMPDIR/out.jsonl"
		run python3 tests/gold/score.py "tests/gold/$n.tsv" "$BATS_TEST_TMPDIR/out.jsonl"
		echo "$n: $output"
		found=$(echo "$output" | sed -n 's/^found \([0-9]*\) of \([0-9]*\).*/\1/p')
		total=$(echo "$output" | sed -n 's/^found \([0-9]*\) of \([0-9]*\).*/\2/p')
		spurious=$(echo "$output" | sed -n 's/.*, \([0-9]*\) spurious.*/\1/p')
		# at least 85% of the annotated rows, and next to nothing invented
		[ $((found * 100)) -ge $((total * 85)) ]
		[ "$spurious" -le 2 ]
	done
}

# Notices written for the tests (tests/gold/unseen): a dev set that rules
# were fixed against and a held-out set that was only measured.  Floors a
# little under the scores reached, so a regression fails.
check_unseen() {
	run sh "$ZB_ROOT/tests/gold/unseen/score.sh" "$ZB_ROOT/tests/gold/unseen/$1"
	[ "$status" -eq 0 ]
	echo "$output"
	total=${lines[-1]}
	found=$(echo "$total" | sed -n 's/^total: found \([0-9]*\) of.*/\1/p')
	gold=$(echo "$total" | sed -n 's/^total: found [0-9]* of \([0-9]*\) .*/\1/p')
	spurious=$(echo "$total" | sed -n 's/.*, \([0-9]*\) spurious.*/\1/p')
	[ $((found * 100)) -ge $((gold * $2)) ]
	[ "$spurious" -le "$3" ]
}

@test "zb-extract: the unseen dev notices score above their floor" {
	check_unseen dev 97 2
}

@test "zb-extract: the unseen held-out notices score above their floor" {
	check_unseen heldout 94 2
}

@test "zb-extract: every quote is found again at its offset and length" {
	cd "$ZB_ROOT"
	zb-extract samples/*.txt > "$BATS_TEST_TMPDIR/all.jsonl"
	run python3 -c '
import json, sys
bad = 0
for l in open(sys.argv[1]):
    r = json.loads(l)
    b = open(r["source"], "rb").read()
    if b[r["offset"]:r["offset"] + r["length"]].decode() != r["quote"]:
        bad += 1
        print("bad quote", r["source"], r["line"])
    if r["line"] != b[:r["offset"]].count(b"\n") + 1 and r["kind"] != "table":
        pass
print(bad)' "$BATS_TEST_TMPDIR/all.jsonl"
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = 0 ]
}

@test "zb-extract: sha256 is the digest of the input bytes" {
	cd "$ZB_ROOT"
	f=samples/jiangsu-carbon-peak-2022.txt
	want=$(sha256sum "$f" | cut -d' ' -f1)
	got=$(zb-extract "$f" | field sha256 | sort -u)
	[ "$got" = "$want" ]
}

@test "zb-extract: the same input gives the same bytes" {
	cd "$ZB_ROOT"
	a=$(zb-extract samples/*.txt | sha256sum)
	b=$(zb-extract samples/*.txt | sha256sum)
	[ "$a" = "$b" ]
}

@test "zb-extract: a document's records do not depend on the file before it (one ending in an annex list)" {
	cd "$BATS_TEST_TMPDIR"
	printf '白城市节能方案\n\n附件：1.白城市重点项目表\n' > a.txt
	printf '1.主要目标\n到2025年，白城市农村生活污水治理率达到25%%。\n' > b.txt
	zb-extract b.txt > alone
	[ "$(field section < alone)" = "1.主要目标" ]
	zb-extract a.txt b.txt | cmp - alone
}

@test "zb-extract: 17.7 prints as 17.7 and the literal is kept" {
	printf '到2025年，非化石能源消费比重达到17.7%%，森林蓄积量达到11.41亿立方米。\n' |
	    zb-extract > "$BATS_TEST_TMPDIR/o"
	grep -q '"value":17.7,' "$BATS_TEST_TMPDIR/o"
	grep -q '"value":11.41,' "$BATS_TEST_TMPDIR/o"
	grep -q '"value_text":"17.7"' "$BATS_TEST_TMPDIR/o"
}

# ---- inputs -----------------------------------------------------------------------

@test "zb-extract: reads stdin when no file is given, with source -" {
	run sh -c "zb-extract < '$FIXTURES/zb-extract/reach-verbs/input'"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 5 ]
	echo "$output" | grep -q '"source":"-"'
}

@test "zb-extract: .gz input is read transparently with offsets into the text" {
	gzip -c "$FIXTURES/zb-extract/reach-verbs/input" > "$BATS_TEST_TMPDIR/n.txt.gz"
	run zb-extract "$BATS_TEST_TMPDIR/n.txt.gz"
	[ "$status" -eq 0 ]
	plain=$(cd "$FIXTURES/zb-extract/reach-verbs" && zb-extract input | sed 's/"source":"[^"]*",//')
	[ "$(echo "$output" | sed 's/"source":"[^"]*",//')" = "$plain" ]
}

@test "zb-extract: document records on stdin are told apart by a leading {" {
	python3 -c 'import json
print(json.dumps({"url": "http://example.gov.cn/a.html", "region": "四平市", "title": "四平市碳达峰实施方案",
                  "text": "到2025年，非化石能源消费比重达到17.7%。\n到2030年，风电装机达到600万千瓦。"}, ensure_ascii=False))
print(json.dumps({"text": "煤炭消费量控制在900万吨以内。"}, ensure_ascii=False))' > "$BATS_TEST_TMPDIR/docs.jsonl"
	run sh -c "zb-extract < '$BATS_TEST_TMPDIR/docs.jsonl'"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	echo "${lines[0]}" | grep -q '"source":"http://example.gov.cn/a.html"'
	echo "${lines[0]}" | grep -q '"region":"四平市"'
	echo "${lines[1]}" | grep -q '"line":2'
	echo "${lines[2]}" | grep -q '"source":"<stdin>:2"'
	# offsets index the text field
	echo "${lines[1]}" | grep -q '"offset":68,'
}

@test "zb-extract: -i text reads a file starting with { as text" {
	printf '{注}到2025年，风电装机达到600万千瓦。\n' > "$BATS_TEST_TMPDIR/brace.txt"
	run zb-extract -i text "$BATS_TEST_TMPDIR/brace.txt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "zb-extract: -r adds and overrides rules, and records name their rule" {
	cat > "$BATS_TEST_TMPDIR/extra.rules" <<-'X'
	# a data team's own phrasing
	rule mine target (?<ind>{IND})(?<verb>迈上)(?<val>{NUMA})(?<unit>{UNIT})台阶
	drop double
	X
	printf '到2025年，地区生产总值迈上3000亿元台阶，居民收入翻一番。\n' > "$BATS_TEST_TMPDIR/in.txt"
	run zb-extract -r "$BATS_TEST_TMPDIR/extra.rules" "$BATS_TEST_TMPDIR/in.txt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	echo "$output" | grep -q '"rule":"mine"'
	echo "$output" | grep -q '"indicator":"地区生产总值"'
}

# ---- errors -------------------------------------------------------------------------

@test "zb-extract: a missing file is named, the others still processed, exit 2" {
	run zb-extract "$BATS_TEST_TMPDIR/nope.txt" "$FIXTURES/zb-extract/reach-verbs/input"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-extract: $BATS_TEST_TMPDIR/nope.txt: No such file or directory"
	[ "$(echo "$output" | grep -c '"rule"')" -eq 5 ]
}

@test "zb-extract: a directory operand is reported and skipped, exit 2" {
	run zb-extract "$BATS_TEST_TMPDIR"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^zb-extract: $BATS_TEST_TMPDIR: "
}

@test "zb-extract: a GBK file is refused with the byte offset and a hint, no records" {
	printf '到2025年，非化石能源消费比重达到17.7%%。\n' | iconv -f UTF-8 -t GB18030 > "$BATS_TEST_TMPDIR/gbk.txt"
	run zb-extract "$BATS_TEST_TMPDIR/gbk.txt"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "gbk.txt:1: invalid UTF-8 at byte offset 0; line skipped (if the file is GBK, convert it: iconv -f GB18030 -t UTF-8)"
	! echo "$output" | grep -q '"rule"'
}

@test "zb-extract: records before and after a bad line still come out" {
	{ printf '到2025年，风电装机达到600万千瓦。\n'; printf '\xff\xfe坏\n'; printf '到2030年，光伏装机达到900万千瓦。\n'; } > "$BATS_TEST_TMPDIR/mixed.txt"
	run zb-extract "$BATS_TEST_TMPDIR/mixed.txt"
	[ "$status" -eq 2 ]
	[ "$(echo "$output" | grep -c '"rule"')" -eq 2 ]
	echo "$output" | grep -q 'mixed.txt:2: invalid UTF-8 at byte offset 47'
}

@test "zb-extract: a NUL byte is reported with its offset" {
	printf '风电装机达到600万千瓦。\n前\000后\n' > "$BATS_TEST_TMPDIR/nul.txt"
	run zb-extract "$BATS_TEST_TMPDIR/nul.txt"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q 'nul.txt:2: NUL byte at byte offset 37; line skipped'
	[ "$(echo "$output" | grep -c '"rule"')" -eq 1 ]
}

@test "zb-extract: an empty file gives no records and exit 0" {
	: > "$BATS_TEST_TMPDIR/empty.txt"
	run zb-extract "$BATS_TEST_TMPDIR/empty.txt"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "zb-extract: a truncated .gz keeps the records before the fault, exit 2" {
	cd "$ZB_ROOT"
	gzip -c samples/jilin-province-carbon-peak-2022.txt > "$BATS_TEST_TMPDIR/full.gz"
	head -c 12000 "$BATS_TEST_TMPDIR/full.gz" > "$BATS_TEST_TMPDIR/cut.gz"
	run zb-extract "$BATS_TEST_TMPDIR/cut.gz"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q 'cut.gz: truncated or corrupt gzip data'
	[ "$(echo "$output" | grep -c '"rule"')" -ge 1 ]
}

@test "zb-extract: a 50 MB single line is split at sentence ends and still read" {
	python3 -c '
import sys
filler = "坚持系统观念，推动绿色低碳发展。" * 2000
t = "到2025年，风电装机达到600万千瓦。"
sys.stdout.write((filler + t) * 560)' > "$BATS_TEST_TMPDIR/long.txt"
	[ "$(wc -c < "$BATS_TEST_TMPDIR/long.txt")" -gt 50000000 ]
	run sh -c "zb-extract '$BATS_TEST_TMPDIR/long.txt' | wc -l"
	[ "$status" -eq 0 ]
	[ "$output" -eq 560 ]
}

@test "zb-extract: a long line with no sentence end is cut with a message, exit 2" {
	python3 -c '
import sys
sys.stdout.write("推动绿色低碳发展" * 100000)' > "$BATS_TEST_TMPDIR/nostop.txt"
	run zb-extract "$BATS_TEST_TMPDIR/nostop.txt"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q 'nostop.txt:1: line longer than 1048576 bytes with no sentence end; split mid-sentence at byte offset'
}

@test "zb-extract: a bad document record names its line and column, the rest go on" {
	{ echo '{"text": "风电装机达到600万千瓦。"}'; echo '{"text": "光伏'; echo '{"url": "x"}'; echo '{"text": "光伏装机达到900万千瓦。"}'; } > "$BATS_TEST_TMPDIR/docs.jsonl"
	run zb-extract -i records "$BATS_TEST_TMPDIR/docs.jsonl"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q 'docs.jsonl:2:[0-9]*: '
	echo "$output" | grep -q 'docs.jsonl:3: document record has no "text" string'
	[ "$(echo "$output" | grep -c '"rule"')" -eq 2 ]
}

@test "zb-extract: a broken rules file names file, line and offset; nothing is read" {
	printf 'rule bad target (?<val>[0-9]+\n' > "$BATS_TEST_TMPDIR/bad.rules"
	run zb-extract -r "$BATS_TEST_TMPDIR/bad.rules" "$FIXTURES/zb-extract/reach-verbs/input"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "bad.rules:1: rule bad: missing closing parenthesis at offset"
	echo "$output" | grep -q '1 error in rules; nothing extracted'
	! echo "$output" | grep -q '"rule"'
}

@test "zb-extract: an unknown macro and a malformed line in rules are errors" {
	printf 'rule x target {NOPE}\nfrobnicate\n' > "$BATS_TEST_TMPDIR/bad.rules"
	run zb-extract -r "$BATS_TEST_TMPDIR/bad.rules" /dev/null
	[ "$status" -eq 2 ]
	echo "$output" | grep -q 'bad.rules:1: undefined macro {NOPE}'
	echo "$output" | grep -q 'bad.rules:2: malformed line'
}

@test "zb-extract: a rule of an unknown kind is an error naming its line, not a rule that never runs" {
	printf '# a typo\nrule x tarqet 达到(?<val>\\d+)%%\n' > "$BATS_TEST_TMPDIR/kind.rules"
	run --separate-stderr zb-extract -r "$BATS_TEST_TMPDIR/kind.rules" "$ZB_ROOT/samples/siping-carbon-peak-2023.txt"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	echo "$stderr" | grep -q 'kind.rules:2: rule x: unknown kind "tarqet"'
	echo "$stderr" | grep -q '1 error in rules; nothing extracted'
}

@test "zb-extract: a named group the engine does not read for the rule's kind is an error" {
	printf 'rule x target 达到(?<vals>\\d+)%%\nrule y strip ^(?<ind>到)\n' > "$BATS_TEST_TMPDIR/group.rules"
	run --separate-stderr zb-extract -r "$BATS_TEST_TMPDIR/group.rules" /dev/null
	[ "$status" -eq 2 ]
	echo "$stderr" | grep -q 'group.rules:1: rule x: group "vals" is not read for kind target'
	echo "$stderr" | grep -q 'group.rules:2: rule y: group "ind" is not read for kind strip (it reads: none)'
}

@test "zb-extract: overriding a strip rule with more capture groups changes no other rule's output" {
	# lead-build as shipped, with ten unnamed groups in front that never match
	pat=$(sed -n 's/^rule lead-build[[:space:]]*strip[[:space:]]*^//p' "$ZB_ROOT/data/rules.txt")
	[ -n "$pat" ]
	printf 'rule lead-build\tstrip\t^(a)?(b)?(c)?(d)?(e)?(f)?(g)?(h)?(i)?(j)?%s\n' "$pat" > "$BATS_TEST_TMPDIR/lb.rules"
	zb-extract "$ZB_ROOT/samples"/*.txt > "$BATS_TEST_TMPDIR/plain.jsonl"
	zb-extract -r "$BATS_TEST_TMPDIR/lb.rules" "$ZB_ROOT/samples"/*.txt > "$BATS_TEST_TMPDIR/over.jsonl"
	[ -s "$BATS_TEST_TMPDIR/plain.jsonl" ]
	cmp "$BATS_TEST_TMPDIR/plain.jsonl" "$BATS_TEST_TMPDIR/over.jsonl"
}

@test "zb-extract: an unreadable rules file is an error" {
	run zb-extract -r "$BATS_TEST_TMPDIR/none.rules" /dev/null
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "none.rules: No such file or directory"
}

@test "zb-extract: bad options print the usage line and exit 2" {
	run zb-extract -x
	[ "$status" -eq 2 ]
	echo "$output" | grep -q '^usage: zb-extract \[-e\] \[-R region\] \[-i text|records\] \[-k kinds\] \[-n name\] \[-r rules\] \[file ...\]'
	run zb-extract -i pdf
	[ "$status" -eq 2 ]
}

@test "zb-extract: -n names the input in records and messages, one input only" {
	cd "$ZB_ROOT/samples"
	zb-extract baicheng-carbon-peak-2023.txt > "$BATS_TEST_TMPDIR/named"
	zb-extract -n baicheng-carbon-peak-2023.txt < baicheng-carbon-peak-2023.txt |
	    cmp - "$BATS_TEST_TMPDIR/named"
	cp baicheng-carbon-peak-2023.txt "$BATS_TEST_TMPDIR/copy"
	zb-extract -n baicheng-carbon-peak-2023.txt "$BATS_TEST_TMPDIR/copy" |
	    cmp - "$BATS_TEST_TMPDIR/named"
	# document records without a url: NAME:LINE
	printf '{"text":"到2025年，森林覆盖率达到10%%。"}\n' > "$BATS_TEST_TMPDIR/d.jsonl"
	[ "$(zb-extract -n docs.jsonl "$BATS_TEST_TMPDIR/d.jsonl" | field source)" = docs.jsonl:1 ]
	run zb-extract -n gone.txt "$BATS_TEST_TMPDIR/none.txt"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-extract: gone.txt: No such file or directory" ]
	run zb-extract -n a.txt baicheng-carbon-peak-2023.txt baicheng-carbon-peak-2023.txt
	[ "$status" -eq 2 ]
	[[ "$output" == usage:* ]]
}

@test "zb-extract: -h prints the usage line first on stdout and exits 0" {
	run zb-extract -h
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: zb-extract [-e] [-R region] [-i text|records] [-k kinds] [-n name] [-r rules] [file ...]" ]
}

@test "zb-extract: --version prints the version, then the SHA-256 of each data table built in" {
	run zb-extract --version
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^zb-extract\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	[ "${#lines[@]}" -eq 6 ]
	for f in rules.txt regions.tsv t2s.tsv units.tsv indicators.tsv; do
		printf '%s\n' "${lines[@]}" | grep -qx "data $f $(sha256sum < "$ZB_ROOT/data/$f" | cut -d' ' -f1)"
	done
	# zb-norm embeds the same tables; zb-fetch and zb-diff embed none
	[ "$(zb-norm --version | sed 1d)" = "$(printf '%s\n' "${lines[@]:1}")" ]
	[ "$(zb-fetch --version | wc -l)" -eq 1 ]
	[ "$(zb-diff --version | wc -l)" -eq 1 ]
}

@test "zb-extract: a write error on stdout is reported, exit 2" {
	run sh -c "zb-extract '$FIXTURES/zb-extract/reach-verbs/input' > /dev/full"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q 'zb-extract: write error on standard output: No space left on device'
}

@test "zb-extract: piped into head it ends quietly" {
	run sh -c "zb-extract '$ZB_ROOT'/samples/*.txt | head -1"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "zb-extract: a line skipped for bad encoding ends the paragraph or table row around it; quotes stay exact" {
	local f=$BATS_TEST_TMPDIR/gap.txt
	printf '到2025年，新能源装机规模力争突破\n\377\376\n500万千瓦，非化石能源消费比重达到17.7%%。\n\n\t地区（%%）\n\t2025年\n\n\t白城市\n\377\n\t50\n\n\t四平市\n\t60\n' > "$f"
	run zb-extract "$f"
	[ "$status" -eq 2 ]
	printf '%s\n' "$output" | grep -v '^zb-extract:' | python3 -c 'import json, sys
data = open(sys.argv[1], "rb").read()
n = 0
for l in sys.stdin:
    r = json.loads(l)
    q = r["quote"].encode()
    assert data[r["offset"]:r["offset"] + r["length"]] == q, r
    assert r["value_text"].encode() in q, r
    n += 1
assert n == 2, n' "$f"
	[[ "$output" == *'"value":17.7'* && "$output" == *'"region":"四平市"'* ]]
}

@test "zb-extract: -h and --help list the options on stdout, in the man page's order" {
	check_help zb-extract
	[ "${lines[0]}" = "usage: zb-extract [-e] [-R region] [-i text|records] [-k kinds] [-n name] [-r rules] [file ...]" ]
	[ "$(usage_opts "$output")" = "$(synopsis_opts "$ZB_ROOT/tools/zb-extract.1")" ]
}
