#!/bin/sh
# extract.sh: throughput and memory of zb-extract against grep -P.
#
# Builds a corpus of at least 100 MB from the samples (repeated), then times
# zb-extract on it and grep -P finding number+unit matches on the same file,
# in the same run, best of 3.  Peak RSS is measured at 100 MB and at 200 MB
# to show that memory does not grow with input size.
#
# Two baselines.  `grep -cP` (the original one, still printed) counts
# matching lines: it stops reading a line at its first match, so it finds
# about half the matches (one per line) and writes nothing.  `grep -oP |
# wc -l` finds and prints every match, as zb-extract must find every value;
# it is the honest baseline and the one the target ratio is taken against.
# Both are a fraction of zb-extract's work (no normalization, rules,
# records or JSON), so the ratio is a yardstick, not a like-for-like race.
# Usage: bench/extract.sh path/to/zb-extract
# Output: a few "name: value" lines; exit 0, or 2 on trouble.
set -eu
zb=${1:?usage: bench/extract.sh zb-extract}
dir=build/bench
mkdir -p "$dir"
small=$dir/corpus-100m.txt
big=$dir/corpus-200m.txt
if [ ! -s "$small" ]; then
	: > "$small.tmp"
	while [ "$(wc -c < "$small.tmp")" -lt 104857600 ]; do
		cat samples/*.txt >> "$small.tmp"
	done
	mv "$small.tmp" "$small"
fi
[ -s "$big" ] || { cat "$small" "$small" > "$big.tmp" && mv "$big.tmp" "$big"; }
mb=$(($(wc -c < "$small") / 1048576))

# best-of-3 wall time of a command, in milliseconds
best() {
	b=
	for _ in 1 2 3; do
		s=$(date +%s%N)
		# through a pipe, not to /dev/null: grep stops at the first
		# match there
		"$@" | cat > "$dir/out"
		e=$(date +%s%N)
		t=$(((e - s) / 1000000))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
	done
	echo "$b"
}

pat='[0-9]+(\.[0-9]+)?\s*(%|万千瓦|万吨|亿立方米|万立方米|吨|千瓦|亿元|万亩|个百分点)'
# every match, one per output line, counted
grep_all() {
	grep -oP "$pat" "$small" | wc -l
}
g=$(best grep -cP "$pat" "$small")
ga=$(best grep_all)
z=$(best "$zb" "$small")
echo "corpus: $mb MB ($(grep -cP "$pat" "$small") lines with a number+unit match, $(grep_all) matches, $("$zb" "$small" | wc -l) records)"
echo "grep -cP: $g ms ($((mb * 1000 / (g > 0 ? g : 1))) MB/s)"
echo "grep -oP | wc -l: $ga ms ($((mb * 1000 / (ga > 0 ? ga : 1))) MB/s)"
echo "zb-extract: $z ms ($((mb * 1000 / (z > 0 ? z : 1))) MB/s)"
echo "speed ratio zb-extract/grep -cP (old baseline): $(awk "BEGIN { printf \"%.2f\", $g / $z }")"
echo "speed ratio zb-extract/grep -oP|wc -l: $(awk "BEGIN { printf \"%.2f\", $ga / $z }") (target >= 0.33)"

rss() {
	/usr/bin/time -f '%M' "$zb" "$1" 2>&1 >/dev/null | tail -n 1
}
r1=$(rss "$small")
r2=$(rss "$big")
echo "peak RSS: $r1 KB at $mb MB, $r2 KB at $((mb * 2)) MB (ratio $(awk "BEGIN { printf \"%.2f\", $r2 / $r1 }"), target ~1.00)"
