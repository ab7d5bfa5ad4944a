# lib.sh: helpers the pipelines share; sourced, not run.
#
# Sets LC_ALL=C and ZB_ROOT (the repository, or PREFIX/share/zhibiao when
# installed).  The tools are taken from PATH; put the repository's bin/
# first (the Makefile's demo and the tests do); installed pipelines put
# the installed tools first.

LC_ALL=C
export LC_ALL
ZB_ROOT=$(cd "$(dirname "$0")/.." && pwd)
# installed (make install): ZB_ROOT is PREFIX/share/zhibiao, and bindir
# names where the tools went, so they are found whatever PATH is
if [ -f "$ZB_ROOT/bindir" ]; then
	PATH=$(cat "$ZB_ROOT/bindir"):$PATH
	export PATH
fi
# the data the tools embed at build time, in the order audit.sh prints them
ZB_DATA="rules.txt units.tsv indicators.tsv regions.tsv t2s.tsv"

# die MESSAGE: report on stderr, prefixed with the script's name; exit 2.
die() {
	echo "$(basename "$0"): $*" >&2
	exit 2
}

# need TOOL...: each must be on PATH.
need() {
	for t in "$@"; do
		command -v "$t" > /dev/null 2>&1 ||
		    die "$t not found on PATH (run make; put bin/ first on PATH)"
	done
}

# sha256 FILE: its hex SHA-256.
sha256() {
	sha256sum < "$1" | cut -d' ' -f1
}

# provenance: what an extraction depends on, as KEY TAB VALUE lines: the
# version of every tool in the chain, and the SHA-256 of each data table
# built into the tools that extract (zb-extract, zb-norm), as they report
# it (--version: "data FILE SHA256"), not of the files in data/, which a
# build may not have used.  A table the tools disagree on gets the digest
# of each, "zb-extract:SHA zb-norm:SHA", which matches no snapshot.
provenance() {
	for t in zb-fetch zb-extract zb-norm; do
		printf 'tool\t%s\t%s\n' "$t" \
		    "$("$t" --version | sed -n '1s/^[^ ]* //p')"
	done
	for t in zb-extract zb-norm; do
		"$t" --version | t=$t awk '$1 == "data" {
			print ENVIRON["t"] "\t" $2 "\t" $3 }'
	done | order=$ZB_DATA awk -F'\t' '
	{
		if (!($2 in sha)) { sha[$2] = $3; files[++n] = $2 }
		else if (sha[$2] != $3) odd[$2] = 1
		all[$2] = all[$2] (all[$2] == "" ? "" : " ") $1 ":" $3
	}
	END {
		k = split(ENVIRON["order"], o, " ")
		for (i = 1; i <= k; i++) rank[o[i]] = i
		for (i = 1; i <= k; i++) if (o[i] in sha) put(o[i])
		for (i = 1; i <= n; i++) if (!(files[i] in rank)) put(files[i])
	}
	function put(f) { print "data\t" f "\t" (f in odd ? all[f] : sha[f]) }'
}

# extract REC REGION SCRATCH: the target records of the document records
# in file REC, zb-extract | zb-norm, with the region hint REGION unless
# it is empty; SCRATCH holds zb-extract's output.  Returns non-zero if
# either tool reported trouble: 124 (or 137) if zb-extract ran past
# $extract_timeout seconds, when that is set (timeout(1) stops it).
# nightly.sh and audit.sh must agree on this, or no audit could pass.
extract() {
	if [ -n "$2" ]; then
		${extract_timeout:+timeout -k 5 "$extract_timeout"} \
		    zb-extract -R "$2" "$1" > "$3" && zb-norm -q -R "$2" "$3"
	else
		${extract_timeout:+timeout -k 5 "$extract_timeout"} \
		    zb-extract "$1" > "$3" && zb-norm -q "$3"
	fi
}

# atomic_put SRC DST: copy SRC to DST through a temporary file in DST's
# directory and a rename, so DST is always whole, old or new.
atomic_put() {
	cp "$1" "$2.tmp.$$"
	mv -f "$2.tmp.$$" "$2"
}
