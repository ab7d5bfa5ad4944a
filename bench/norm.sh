#!/bin/sh
# norm.sh: does zb-norm keep up with zb-extract?
#
# Extracts the records of the 100 MB corpus (built by bench/extract.sh),
# then times zb-extract on the corpus and zb-norm on its records, best of
# 3, in the same run.  zb-norm keeps up when it handles the records faster
# than zb-extract produces them: "norm/extract" is the ratio of their
# records per second (target >= 1).  Peak RSS of zb-norm is measured on the
# records once and twice over, to show memory does not grow with input.
# Usage: bench/norm.sh path/to/zb-extract path/to/zb-norm
# Output: a few "name: value" lines; exit 0, or 2 on trouble.
set -eu
zx=${1:?usage: bench/norm.sh zb-extract zb-norm}
zn=${2:?usage: bench/norm.sh zb-extract zb-norm}
dir=build/bench
corpus=$dir/corpus-100m.txt
[ -s "$corpus" ] || { echo "norm.sh: run bench/extract.sh first" >&2; exit 2; }
recs=$dir/records.jsonl
"$zx" "$corpus" > "$recs"
cat "$recs" "$recs" > "$dir/records2.jsonl"
n=$(wc -l < "$recs")

# best-of-3 wall time of a command, in milliseconds
best() {
	b=
	for _ in 1 2 3; do
		s=$(date +%s%N)
		"$@" > "$dir/out"
		e=$(date +%s%N)
		t=$(((e - s) / 1000000))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
	done
	echo "$b"
}

x=$(best "$zx" "$corpus")
m=$(best "$zn" -q "$recs")
echo "records: $n"
echo "zb-extract: $x ms ($((n * 1000 / (x > 0 ? x : 1))) records/s)"
echo "zb-norm: $m ms ($((n * 1000 / (m > 0 ? m : 1))) records/s)"
echo "speed ratio norm/extract: $(awk "BEGIN { printf \"%.2f\", $x / ($m > 0 ? $m : 1) }") (target >= 1)"
rss() {
	/usr/bin/time -f '%M' "$zn" -q "$1" 2>&1 >/dev/null | tail -n 1
}
r1=$(rss "$recs")
r2=$(rss "$dir/records2.jsonl")
echo "zb-norm peak RSS: $r1 KB at $n records, $r2 KB at $((n * 2)) (ratio $(awk "BEGIN { printf \"%.2f\", $r2 / $r1 }"), target ~1.00)"
