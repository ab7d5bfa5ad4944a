#!/bin/sh
# serve.sh: serve a directory over HTTP on 127.0.0.1, on a free port.
#
# Usage: sh samples/site/serve.sh [-d DIR] PORTFILE
#
# Inputs: DIR (default samples/site/www next to this script).
# Outputs: the port number, written to PORTFILE once the socket is bound
# (to a temporary name, then renamed, so a reader never sees half of it);
# then serves DIR until killed.  No request log.  Conditional requests
# (If-Modified-Since) are answered in full, so a page replaced within the
# same second as the last fetch is never mistaken for unchanged: the
# fetcher compares digests instead.
# Exit status: 0 when killed by SIGTERM, 2 trouble (usage, bad DIR).
set -eu

dir=$(cd "$(dirname "$0")" && pwd)/www
while getopts d: opt; do
	case $opt in
	d) dir=$OPTARG ;;
	*) echo "usage: serve.sh [-d dir] portfile" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 1 ]; then
	echo "usage: serve.sh [-d dir] portfile" >&2
	exit 2
fi
if [ ! -d "$dir" ]; then
	echo "serve.sh: $dir: not a directory" >&2
	exit 2
fi
exec python3 -c '
import functools, os, signal, sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

class Handler(SimpleHTTPRequestHandler):
    def send_head(self):
        del self.headers["If-Modified-Since"]
        return super().send_head()
    def log_message(self, *args):
        pass

signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
srv = ThreadingHTTPServer(("127.0.0.1", 0),
                          functools.partial(Handler, directory=sys.argv[1]))
srv.daemon_threads = True
tmp = sys.argv[2] + ".tmp"
with open(tmp, "w") as f:
    f.write("%d\n" % srv.server_address[1])
os.rename(tmp, sys.argv[2])
srv.serve_forever()
' "$dir" "$1"
