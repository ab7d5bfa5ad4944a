#!/bin/sh
# diff.sh: zb-diff's time when many statements share one identity, and its
# peak RSS at 100 MB and 1 GB of records.
#
# Time: 10,000 statements a side of one identity (every 10th value changed:
# 9,000 equal pairs, 1,000 changes), against a baseline in the same run:
# 10,000 a side each of its own identity.  A ratio near 1 means no
# super-linear matching (it was about n^2.5: 193 s at 10,000).
# Memory: the samples' records repeated to 100 MB and to 1 GB (so each
# identity is stated thousands of times), compared with themselves; a
# ratio RSS(1 GB) / RSS(100 MB) near 1 means memory does not grow with
# the input (sort(1)'s buffer counts: /usr/bin/time reports the largest
# process of the run).
# Usage: bench/diff.sh BINDIR [SIZES_MB]   (SIZES_MB default "100 1000")
# Output: one line per measurement; exit 0, or 2 on trouble.
set -eu
bin=${1:?usage: bench/diff.sh BINDIR}
sizes=${2:-100 1000}
dir=build/bench/diff
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT

ms() {
	s=$(date +%s%N)
	"$@" > /dev/null 2>&1 || true
	echo $((($(date +%s%N) - s) / 1000000))
}

python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
r = ('{"region":"R%s","year":2025,"indicator":"比例","value":%s,'
     '"value_max":null,"unit":"%%","cmp":"eq","baseline_year":null,'
     '"direction":null,"kind":"target","qualifiers":[],"quote":"Q",'
     '"offset":%d}\n')
for name, same in (("one", True), ("many", False)):
    with open("%s/%s-old" % (d, name), "w") as o, \
         open("%s/%s-new" % (d, name), "w") as n:
        for i in range(10000):
            k = "" if same else str(i)
            o.write(r % (k, i, 40 * i))
            n.write(r % (k, i + 0.5 if i % 10 == 0 else i, 40 * i))
PY
b=$(ms "$bin/zb-diff" "$dir/many-old" "$dir/many-new")
t=$(ms "$bin/zb-diff" "$dir/one-old" "$dir/one-new")
printf 'time   zb-diff 10000 of one identity   %6s ms  baseline (10000 identities) %s ms  ratio %s\n' \
    "$t" "$b" "$(awk -v a="$t" -v b="$b" 'BEGIN { printf "%.2f", a / b }')"

first=
for size in $sizes; do
	: > "$dir/recs.tmp"
	while [ "$(wc -c < "$dir/recs.tmp")" -lt $((size * 1048576)) ]; do
		cat tests/fixtures/samples/*.jsonl >> "$dir/recs.tmp"
	done
	mv "$dir/recs.tmp" "$dir/recs"
	s=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$dir/rss" "$bin/zb-diff" "$dir/recs" \
	    "$dir/recs" > /dev/null 2>&1 || true
	e=$((($(date +%s%N) - s) / 1000000))
	r=$(tail -n 1 "$dir/rss")
	[ -n "$first" ] || first=$r
	printf 'rss %4d MB  %-28s %8s KiB  ratio %s  (%s ms)\n' "$size" \
	    "zb-diff records" "$r" \
	    "$(awk -v a="$r" -v b="$first" 'BEGIN { printf "%.2f", a / b }')" "$e"
	rm -f "$dir/recs"
done
