#!/bin/sh
# publish.sh: publish the revised notice on a served copy of the site.
#
# Usage: sh samples/site/publish.sh DIR
#
# Inputs: DIR, a copy of samples/site/www being served (serve.sh -d DIR).
# Outputs: each page of samples/site/revised/notices/ replaces its
# namesake in DIR/notices/ (written beside it, then renamed, so a request
# never sees half a page).  The repository's www/ is never changed.
# Exit status: 0 success, 2 trouble.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: publish.sh dir" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$1/notices" ]; then
	echo "publish.sh: $1/notices: not a directory" >&2
	exit 2
fi
for f in "$here"/revised/notices/*.html; do
	name=$(basename "$f")
	cp "$f" "$1/notices/.$name.tmp"
	mv "$1/notices/.$name.tmp" "$1/notices/$name"
	echo "published notices/$name"
done
