#!/bin/sh
# shard.sh: pipelines/shard.sh on many small files against one process.
#
# 300 files (the samples, 60 copies each): `zb-extract FILE... | zb-norm
# -q`, the baseline, then shard.sh with a job slot per core, best of 3
# each, alternating; the speedup is the baseline's time over shard.sh's
# (it was 0.13 with one job per file).  The baseline is two processes
# already, zb-norm on the second core beside zb-extract: on 2 free cores
# the speedup is at most 2E/(E+N), E and N the tools' CPU times (1.45
# with E 0.8 s and N 0.3 s, zb-norm parsing with Jansson; about 1.8 with
# N 0.08 s, its jscan reader).  The outputs must be the same bytes.
# Usage: bench/shard.sh BINDIR
# Output: a few lines; exit 0, or 2 on trouble (outputs that differ).
set -eu
bin=$(cd "${1:?usage: bench/shard.sh BINDIR}" && pwd)
dir=build/bench/shard
rm -rf "$dir"
mkdir -p "$dir/in"
trap 'rm -rf "$dir"' EXIT
for i in $(seq 60); do
	for f in samples/*.txt; do
		cp "$f" "$dir/in/$i-${f##*/}"
	done
done
PATH=$bin:$PATH
export PATH
shard=$(pwd)/pipelines/shard.sh

ms() {
	s=$(date +%s%N)
	"$@"
	echo $((($(date +%s%N) - s) / 1000000))
}
one=
par=
cd "$dir/in"
for _ in 1 2 3; do
	t=$(ms sh -c 'zb-extract *.txt | zb-norm -q > ../single')
	[ -z "$one" ] || [ "$t" -lt "$one" ] && one=$t
	t=$(ms sh -c "sh '$shard' *.txt > ../sharded")
	[ -z "$par" ] || [ "$t" -lt "$par" ] && par=$t
done
cmp ../single ../sharded || { echo "shard.sh: output differs" >&2; exit 2; }
echo "shard.sh: 300 files, $(nproc) cores: one process $one ms, shard.sh $par ms, speedup $(awk -v a="$one" -v b="$par" 'BEGIN { printf "%.2f", a / b }') (target >= 1.7)"
