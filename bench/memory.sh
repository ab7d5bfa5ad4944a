#!/bin/sh
# memory.sh: peak RSS of every filter on 100 MB and 1 GB inputs, and
# zb-extract's time on adversarial text against plain text of the same size.
#
# Inputs are generated in build/bench/ (and removed afterwards): the samples'
# text repeated; the samples' records repeated; the same sizes as one line
# with no newline.  zb-fetch is measured on a body of each size from the
# test server (-m raised to let it through) and on a URL list of each size
# with no newline on stdin.  zb-fetch keeps a whole body, so it is
# measured to 200 MB only (set ZB_BENCH_ALL=1 for all sizes: several GB of
# memory); zb-merge and zb-diff sort on disk, so they are measured at every
# size (zb-merge as JSON lines and as the wide table).  A ratio
# RSS(1 GB) / RSS(100 MB) near 1 means memory does not grow with the input.
# Adversarial text (2 and 4 MB each): a run of digits, of 、-separated numbers,
# of nested brackets, of （ never closed, of clauses each with a year and a
# value (many records in one paragraph); each timed against 10 MB of the
# samples' text; a ratio far above 1 would show super-linear behaviour.
# Usage: bench/memory.sh BINDIR [SIZES_MB]   (SIZES_MB default "100 1000")
# Output: one line per measurement; exit 0, or 2 on trouble.
set -eu
bin=${1:?usage: bench/memory.sh BINDIR}
sizes=${2:-100 1000}
dir=build/bench/mem
mkdir -p "$dir"
trap 'rm -rf "$dir"; [ -n "${srv:-}" ] && kill "$srv" 2>/dev/null; true' EXIT

# Peak RSS in KiB of a command; its output goes to /dev/null.
rss() {
	/usr/bin/time -f '%M' -o "$dir/rss" "$@" > /dev/null 2> /dev/null || true
	tail -n 1 "$dir/rss"
}

# Repeat files $2... into $1 until it holds at least $size MB.
fill() {
	out=$1
	shift
	: > "$out.tmp"
	while [ "$(wc -c < "$out.tmp")" -lt $((size * 1048576)) ]; do
		cat "$@" >> "$out.tmp"
	done
	mv "$out.tmp" "$out"
}

python3 tests/fetch-server.py "$dir/port" 3>&- &
srv=$!
for i in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
base=http://127.0.0.1:$(cat "$dir/port")

for size in $sizes; do
	fill "$dir/text" samples/*.txt
	fill "$dir/recs" tests/fixtures/samples/*.jsonl
	head -c $((size * 1048576)) /dev/zero | tr '\0' x > "$dir/line"
	printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" "zb-extract text" \
	    "$(rss "$bin/zb-extract" "$dir/text")"
	printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" "zb-extract no newline" \
	    "$(rss "$bin/zb-extract" "$dir/line")"
	printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" "zb-norm records" \
	    "$(rss "$bin/zb-norm" -q "$dir/recs")"
	printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" "zb-norm no newline" \
	    "$(rss "$bin/zb-norm" -q "$dir/line")"
	# zb-merge and zb-diff sort on disk (sort(1) and temporary files
	# past 32 MiB; bench/diff.sh too): bounded at every size
	printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" \
	    "zb-merge records" "$(rss "$bin/zb-merge" "$dir/recs")"
	printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" \
	    "zb-merge -f tsv records" "$(rss "$bin/zb-merge" -f tsv "$dir/recs")"
	printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" "zb-diff records" \
	    "$(rss "$bin/zb-diff" "$dir/recs" "$dir/recs")"
	printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" "zb-diff no newline" \
	    "$(rss "$bin/zb-diff" "$dir/line" "$dir/line")"
	printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" "zb-fetch - no newline" \
	    "$(rss sh -c "'$bin/zb-fetch' - < '$dir/line'")"
	# a body of this size, from a file the server reads: held whole,
	# bounded by -m (default 50M), so only up to 200 MB unless asked
	if [ "$size" -le 200 ] || [ -n "${ZB_BENCH_ALL:-}" ]; then
		printf '%s %4d MB  %-28s %8s KiB\n' rss "$size" \
		    "zb-fetch -m body" "$(rss "$bin/zb-fetch" \
		    -m $((size + 1))M -t 600 "$base/file?p=$(pwd)/$dir/text")"
	fi
	rm -f "$dir/text" "$dir/recs" "$dir/line"
done

# ---- adversarial text -------------------------------------------------------
# Each kind at 2 and 4 MB (one paragraph: under the 4 MiB cap): "ratio" is against plain text of the same size,
# "x2" the 4 MB time over the 2 MB one (about 2 when linear, 4 when
# quadratic).
for size in 2 4; do
	python3 - "$dir" "$size" <<'EOF'
import sys
d, mb = sys.argv[1], int(sys.argv[2])
n = mb * 1048576
runs = {
    "digits": "到2025年，比重达到" + "1234567890" * (n // 10),
    "list": "到2025年，比重分别达到" + "、".join(["12.5%"] * (n // 10)),
    "nested": "到2025年，比重达到" + "（" * (n // 6) + "15%" + "）" * (n // 6),
    "open": "到2025年，比重达到15%" + "（比重" * (n // 9),
    "values": "，".join("到%d年比重%d达到%d%%" % (2025 + i % 5, i, i)
                       for i in range(n // 30)),
}
for k, v in runs.items():
    with open("%s/adv-%s-%d" % (d, k, mb), "wb") as f:
        f.write(v.encode()[:n])
EOF
	fill "$dir/plain" samples/*.txt
	head -c $((size * 1048576)) "$dir/plain" > "$dir/adv-plain-$size"
done

ms() {
	s=$(date +%s%N)
	"$@" > /dev/null 2>&1 || true
	echo $((($(date +%s%N) - s) / 1000000))
}
for k in plain digits list nested open values; do
	t5=$(ms "$bin/zb-extract" "$dir/adv-$k-2")
	t10=$(ms "$bin/zb-extract" "$dir/adv-$k-4")
	[ "$k" = plain ] && p10=$t10
	printf 'time   4 MB  %-22s %6s ms  ratio %s  x2 %s\n' "zb-extract $k" \
	    "$t10" "$(awk -v a="$t10" -v b="$p10" 'BEGIN { printf "%.2f", a / b }')" \
	    "$(awk -v a="$t10" -v b="$t5" 'BEGIN { printf "%.2f", a / b }')"
done
