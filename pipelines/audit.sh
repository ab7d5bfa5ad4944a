#!/bin/sh
# audit.sh: prove that a snapshot's records come from the bytes fetched:
# re-derive the text from the cached body and re-extract it with the
# current tools, and check both byte for byte.
#
# Usage: pipelines/audit.sh [-c cachedir] snapshot
#
# Inputs: snapshot, a DATE_SHA.jsonl.gz file that nightly.sh wrote in
# statedir/docs/KEY/, with its DATE_SHA.doc.jsonl.gz (the zb-fetch record)
# and DATE_SHA.meta (URL, region hint, the tool versions and data hashes
# it was made with) beside it, and docs/KEY/source (URL TAB REGION); cachedir (default statedir/cache, two
# levels above the snapshot) holds the body, gzip, named by its SHA-256.
# Output, on standard output: what an extraction depends on, so anyone can
# reproduce it: the snapshot, document record and body with their
# SHA-256, the tool versions and the SHA-256 of each data table built into
# the tools running now (zb-extract --version), each compared with the
# snapshot's; then the verdict.  Messages on standard error.
# The verdict is OK only if every check passes, in this order: the tables
# built into the tools are the snapshot's (else FAILED: records made with
# other tables prove nothing about these); one document and one body (see
# below); the cached body has its digest; the text derived again from it
# (zb-fetch -x) is the recorded text; the records extracted again from it
# are the snapshot's, byte for byte.
# A verdict covers one document and one body: KEY must be the SHA-256 of
# the URL that docs/KEY/source, the .meta and the document record all
# name, and SHA in the file name, the .meta's sha256 and the document
# record's must be equal, or the verdict is FAILED before anything else.
# Exit status: 0 the snapshot is reproduced byte for byte; 1 it is not:
# the tools' tables differ from the snapshot's, its files disagree on the
# URL or the body, the cached body does not
# match its digest (altered or corrupt), or the text or the records
# derived now differ (the differences are shown); 2 trouble: usage, a
# missing snapshot, companion file, source file or cached body.
set -eu
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: audit.sh [-c cachedir] snapshot" >&2
	exit 2
}

help() {
	echo "usage: audit.sh [-c cachedir] snapshot"
	cat <<'EOF'
  -c cachedir  the cached bodies (default: the snapshot's statedir/cache)
  -h, --help   this text
  snapshot     a statedir/docs/KEY/DATE_SHA.jsonl.gz that nightly.sh wrote
exit 0 reproduced byte for byte, 1 not, 2 trouble
EOF
	exit 0
}

# fail MESSAGE: the snapshot is not reproduced.
fail() {
	echo "audit.sh: $*" >&2
	echo "verdict: FAILED"
	exit 1
}

# meta KEY: the first value of KEY in the snapshot's meta file.
meta() {
	k=$1 awk -F'\t' '$1 == ENVIRON["k"] { print $2; exit }' "$base.meta"
}

# json_str KEY FILE: the string value of top-level KEY in the one JSON
# object on FILE's first line, unescaped (a \u escape past ASCII stays as
# written); status 1 if there is none.  The key's quotes and colon are
# found as written: inside a JSON string every quote is escaped.
json_str() {
	k=$1 awk 'BEGIN { k = "\"" ENVIRON["k"] "\":\"" }
	NR == 1 {
		i = index($0, k)
		if (i == 0 || (i > 1 && substr($0, i - 1, 1) !~ /[{,]/))
			exit 1
		s = substr($0, i + length(k)); n = length(s); v = ""
		for (j = 1; j <= n; j++) {
			c = substr(s, j, 1)
			if (c == "\"") { print v; found = 1; exit }
			if (c == "\\") {
				c = substr(s, ++j, 1)
				if (c == "n") c = "\n"
				else if (c == "t") c = "\t"
				else if (c == "r") c = "\r"
				else if (c == "b") c = "\b"
				else if (c == "f") c = "\f"
				else if (c == "u") {
					h = tolower(substr(s, j + 1, 4)); j += 4
					if (h ~ /^00[0-7][0-9a-f]$/)
						c = sprintf("%c", index("0123456789abcdef", substr(h, 3, 1)) * 16 - 16 + index("0123456789abcdef", substr(h, 4, 1)) - 1)
					else
						c = "\\u" h
				}
			}
			v = v c
		}
		exit 1
	}
	END { exit !found }' "$2"
}

cache=
[ "${1:-}" != --help ] || help
while getopts c:h opt; do
	case $opt in
	c) cache=$OPTARG ;;
	h) help ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
snap=$1
case $snap in
*.doc.jsonl.gz|*.meta|*.diff.jsonl) usage ;;
*.jsonl.gz) base=${snap%.jsonl.gz} ;;
*) die "$snap: not a snapshot (DATE_SHA.jsonl.gz)" ;;
esac
dir=$(dirname "$snap")
for f in "$snap" "$base.doc.jsonl.gz" "$base.meta" "$dir/source"; do
	[ -f "$f" ] || die "$f: no such file"
done
[ -n "$cache" ] || cache=$(cd "$(dirname "$snap")/../.." && pwd)/cache
need zb-fetch zb-extract zb-norm zb-diff gzip sha256sum
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

url=$(meta url)
region=$(meta region)
body=$(meta sha256)
printf 'snapshot\t%s\t%s\n' "$snap" "$(sha256 "$snap")"
printf 'record\t%s\t%s\n' "$base.doc.jsonl.gz" "$(sha256 "$base.doc.jsonl.gz")"
printf 'url\t%s\n' "$url"
printf 'region\t%s\n' "${region:--}"

# What the extraction depends on now, against what it depended on then:
# the tables built into the tools running now must be the snapshot's (a
# tool version may differ: the records are compared below).
provenance > "$tmp/now"
awk -F'\t' -v bad="$tmp/tables" '
FILENAME == ARGV[1] {
	if ($1 == "tool" || $1 == "data") { then_[$1 FS $2] = $0; seen[$1 FS $2] = 0 }
	next
}
{
	k = $1 FS $2
	seen[k] = 1
	if (!(k in then_))
		note = "not recorded in the snapshot"
	else if (then_[k] == $0)
		note = "same as the snapshot"
	else {
		n = split(then_[k], f, "\t")
		note = "snapshot: " f[n]
	}
	if ($1 == "data" && note != "same as the snapshot")
		print $2 > bad
	print $0 "\t(" note ")"
}
END {
	for (k in seen)
		if (!seen[k] && k ~ /^data\t/) {
			split(k, f, "\t")
			print f[2] " (not built into the tools now)" > bad
		}
}' "$base.meta" "$tmp/now"
if [ -s "$tmp/tables" ]; then
	fail "the tables built into the tools now are not the snapshot's:" \
	    "$(sort "$tmp/tables" | tr '\n' ' ' | sed 's/ $//')"
fi

# One document, one body: the directory is named by the URL's digest, and
# its source file, the .meta and the document record name that URL; the
# file name, the .meta and the document record name one body.
name=${base##*/}
namesha=${name##*_}
key=${dir##*/}
gzip -dc "$base.doc.jsonl.gz" > "$tmp/doc.then" 2> "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "$base.doc.jsonl.gz: not a readable gzip file"; }
[ "$(wc -l < "$tmp/doc.then")" -eq 1 ] ||
    fail "$base.doc.jsonl.gz holds $(wc -l < "$tmp/doc.then" | tr -d ' ')" \
	"lines, not one document record"
docsha=$(json_str sha256 "$tmp/doc.then") ||
    fail "$base.doc.jsonl.gz: the document record has no sha256"
docurl=$(json_str url "$tmp/doc.then") ||
    fail "$base.doc.jsonl.gz: the document record has no url"
srcurl=$(awk -F'\t' 'NR == 1 { print $1 }' "$dir/source")
urlkey=$(printf '%s' "$url" | sha256sum | cut -c1-16)
[ "$namesha" = "$body" ] ||
    fail "not one body: the file name says SHA-256 $namesha, the .meta $body"
[ "$docsha" = "$body" ] ||
    fail "not one body: the file name and .meta say SHA-256 $body," \
	"the document record $docsha"
[ "$docurl" = "$url" ] ||
    fail "not one document: the .meta names $url, the document record $docurl"
[ "$srcurl" = "$url" ] ||
    fail "not one document: $dir/source names $srcurl," \
	"the .meta and the document record $url"
[ "$urlkey" = "$key" ] ||
    fail "not this document's directory: $dir is not named by the" \
	"SHA-256 of $url ($urlkey)"
printf 'identity\t%s\t%s\t(%s)\n' "$key" "$body" "one URL and one body:\
 directory, source, file name, .meta and document record agree"

# The body: present, and the bytes its name says.
[ -f "$cache/$body" ] || die "cached body $cache/$body: no such file"
if ! gzip -dc "$cache/$body" > "$tmp/body" 2> /dev/null; then
	fail "cached body $cache/$body is not a readable gzip file:" \
	    "the cache was altered or is corrupt"
fi
got=$(sha256 "$tmp/body")
if [ "$got" != "$body" ]; then
	fail "cached body $cache/$body has SHA-256 $got, not $body:" \
	    "the cache was altered or is corrupt"
fi
printf 'body\t%s\t%s\t(verified)\n' "$cache/$body" "$got"

# The text, derived again from the body, then the records.
zb-fetch -x -c "$cache" "$base.doc.jsonl.gz" > "$tmp/doc" 2> "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "zb-fetch -x could not re-derive the text"; }
cmp -s "$tmp/doc" "$tmp/doc.then" ||
    fail "the text derived from the body now differs from the recorded text"
extract "$tmp/doc" "$region" "$tmp/x" > "$tmp/recs" 2> "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "extraction reported trouble"; }
gzip -dc "$snap" > "$tmp/recs.then"
if ! cmp -s "$tmp/recs" "$tmp/recs.then"; then
	NO_COLOR=1 zb-diff -f text "$tmp/recs.then" "$tmp/recs" \
	    > "$tmp/diff" 2>&1 || true
	if [ -s "$tmp/diff" ]; then
		echo "differences (zb-diff -f text snapshot now):"
		sed 's/^/  /' "$tmp/diff"
	fi
	at=$(cmp "$tmp/recs.then" "$tmp/recs" 2>&1 |
	    sed -n 's/.*line \([0-9]*\).*/ (first at record \1)/p') || true
	fail "the records extracted now differ from the snapshot's$at"
fi
echo "records	$(wc -l < "$tmp/recs" | tr -d ' ') records reproduced byte for byte"
echo "verdict: OK"
