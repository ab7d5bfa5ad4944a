#!/bin/sh
# fetch.sh: zb-fetch -j 8 against a sequential curl loop.
#
# Starts tests/fetch-server.py on 127.0.0.1 with a fixed 20 ms latency per
# request (so concurrency matters, as with a real site), then fetches the
# same 500 documents (distinct URLs, 3 KB notice pages) twice: with
# `zb-fetch -j 8 -p 8 -d 0` (8 transfers, all to the one host, no
# politeness delay), and with a shell loop running `curl -s URL` one after
# another.  Reports both wall times and their ratio (curl loop / zb-fetch;
# above 1 means zb-fetch is faster).
# Usage: bench/fetch.sh path/to/zb-fetch
# Output: a few "name: value" lines; exit 0, or 2 on trouble.
set -eu
zb=${1:?usage: bench/fetch.sh zb-fetch}
dir=build/bench
n=500
mkdir -p "$dir"
rm -f "$dir/port"
python3 tests/fetch-server.py "$dir/port" 20 &
server=$!
trap 'kill $server 2>/dev/null' EXIT INT TERM
i=0
while [ ! -s "$dir/port" ]; do
	i=$((i + 1))
	[ "$i" -lt 200 ] || { echo "fetch.sh: test server did not start" >&2; exit 2; }
	sleep 0.05
done
base=http://127.0.0.1:$(cat "$dir/port")
seq "$n" | sed "s|^|$base/bench?n=|" > "$dir/urls"

ms() { date +%s%N | cut -c1-13; }

s=$(ms)
"$zb" -j 8 -p 8 -d 0 - < "$dir/urls" > "$dir/fetch.jsonl" || {
	echo "fetch.sh: zb-fetch failed" >&2; exit 2; }
z=$(($(ms) - s))
ok=$(grep -c '"state":"new"' "$dir/fetch.jsonl")
[ "$ok" -eq "$n" ] || { echo "fetch.sh: only $ok of $n new" >&2; exit 2; }

s=$(ms)
while read -r u; do
	curl -s -o /dev/null "$u" || { echo "fetch.sh: curl $u failed" >&2; exit 2; }
done < "$dir/urls"
c=$(($(ms) - s))

echo "documents: $n from $base, 20 ms server latency each"
echo "zb-fetch -j 8: $z ms ($(awk "BEGIN { printf \"%.0f\", $n * 1000 / $z }") docs/s, HTML to text included)"
echo "sequential curl loop: $c ms ($(awk "BEGIN { printf \"%.0f\", $n * 1000 / $c }") docs/s)"
echo "speed ratio zb-fetch/curl loop: $(awk "BEGIN { printf \"%.2f\", $c / $z }")"
