#!/usr/bin/env python3
"""fetch-server.py: the local HTTP server the zb-fetch tests and bench use.

Usage: fetch-server.py PORTFILE [LATENCY_MS]

Binds 127.0.0.1 on a free port, writes the port number to PORTFILE
(written to a temporary name and renamed, so a reader never sees half of
it), and serves until killed.  Page bodies are the real notices in
samples/.  Every request is counted by path and query; GET /_count?p=PATH
returns the count, so tests can tell whether a URL was retried.  Python's
standard library only.
"""
import gzip
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LATENCY = 0.0
COUNTS = {}
LOCK = threading.Lock()


def sample(name):
    with open(os.path.join(ROOT, "samples", name), encoding="utf-8") as f:
        return f.read()


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def page(text, title, meta="", extra=""):
    """A notice page: furniture to drop, the text as paragraphs, a table
    for the sample's leading |-table."""
    body = []
    table = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if any(c and set(c) - set("-") for c in cells):
                table.append(cells)
            continue
        if table:
            body.append("<table border=1>" + "".join(
                "<tr>" + "".join("<td>%s</td>" % esc(c) for c in row) +
                "</tr>" for row in table) + "</table>")
            table = []
        line = line.strip().lstrip("#").strip()
        if line:
            body.append("<p>%s</p>" % esc(line))
    return ("<!DOCTYPE html>\n<html><head>%s<title>%s</title>\n"
            "<style>p { margin: 1em }</style>\n"
            "<script>var tracker = 'document.write(1)';</script></head>\n"
            "<body><div class=\"nav\"><a href=\"/\">首页</a> &gt; 政策文件</div>\n"
            "<header>吉林省人民政府网站</header>\n<div id=\"content\">\n%s\n%s"
            "</div>\n<footer>版权所有 吉林省人民政府办公厅</footer></body></html>\n"
            % (meta, esc(title), "\n".join(body), extra))


JILIN = sample("jilin-province-carbon-peak-2022.txt")
SIPING = sample("siping-carbon-peak-2023.txt")
BAICHENG = sample("baicheng-carbon-peak-2023.txt")
JILIN_TITLE = "吉林省人民政府关于印发吉林省碳达峰实施方案的通知"
TARGETS = ("<table><tr><th>指标</th><th>2025年</th><th>2030年</th></tr>"
           "<tr><td>非化石能源消费比重（%）</td><td>17.7</td><td>20</td></tr>"
           "</table>\n")
UTF8 = page(JILIN, JILIN_TITLE, '<meta charset="utf-8">', TARGETS).encode()
GBK = page(SIPING, "四平市人民政府关于印发四平市碳达峰实施方案的通知",
           '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
           ).encode("gbk")
GB18030 = page(BAICHENG, "白城市碳达峰实施方案").encode("gb18030")
BENCH = page(JILIN[:3000], JILIN_TITLE).encode()
CHALLENGE = (b"<html><head><script>var _0x1=['cookie'];document.cookie="
             b"'__jsl_clearance=1618;max-age=3600;path=/';"
             b"location.href=location.pathname+location.search</script>"
             b"</head><body></body></html>")
LASTMOD = "Wed, 21 Oct 2015 07:28:00 GMT"


def pdf_bytes(text):
    """A one-page PDF whose Type0 font maps each glyph to Unicode through a
    ToUnicode CMap, so pdftotext extracts Chinese without any font file."""
    chars = sorted(set(text) - {"\n"})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    lines = []
    for para in text.split("\n"):
        while para:
            lines.append(para[:38])
            para = para[38:]
    ops = ["BT /F1 12 Tf 14 TL 40 800 Td"]
    for ln in lines:
        ops.append("<%s> Tj T*" % "".join("%04X" % cid[c] for c in ln))
    ops.append("ET")
    content = "\n".join(ops).encode()
    bf = []
    for i in range(0, len(chars), 100):
        chunk = chars[i:i + 100]
        bf.append("%d beginbfchar\n%s\nendbfchar" % (len(chunk), "\n".join(
            "<%04X> <%s>" % (cid[c], c.encode("utf-16-be").hex().upper())
            for c in chunk)))
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
            "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
            "/CMapType 2 def\n1 begincodespacerange <0000> <FFFF> "
            "endcodespacerange\n%s\nendcmap CMapName currentdict /CMap "
            "defineresource pop end end\n" % "\n".join(bf)).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun "
        b"/Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
        b"/Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 "
        b"/FontBBox [0 -140 1000 860] /ItalicAngle 0 /Ascent 860 "
        b"/Descent -140 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i + 1, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    return bytes(out)


PDF = pdf_bytes("吉林省碳达峰实施方案\n" + JILIN.splitlines()[42])


def listpage(names):
    links = "\n".join(
        '<li><a href="notice/%s.html">关于印发%s碳达峰实施方案的通知</a></li>'
        % (n, n) for n in names)
    return ("<html><head><title>政策文件</title></head><body>"
            "<div class=\"nav\"><a href=\"/index.html\">首页</a></div>"
            "<ul>%s</ul><a href=\"/about.html\">关于我们</a>"
            "<a href=\"mailto:x@example.org\">联系</a></body></html>"
            % links).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # headers and body go out in separate writes: without this, Nagle
        # and delayed ACKs stall every reused connection by 40 ms
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def send(self, code, body=b"", ctype="text/html; charset=utf-8",
             headers=()):
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        path, q = u.path, urllib.parse.parse_qs(u.query)
        with LOCK:
            COUNTS[self.path] = COUNTS.get(self.path, 0) + 1
            n = COUNTS[self.path]
        if path == "/_count":
            return self.send(200, str(COUNTS.get(q["p"][0], 0)).encode(),
                             "text/plain")
        if LATENCY:
            time.sleep(LATENCY)
        route = ROUTES.get(path)
        if route is None and path.startswith("/notice/"):
            route = Handler.notice
        if route is None:
            return self.send(404, b"<html><body>not found</body></html>")
        return route(self, n, q)

    def notice(self, n, q):
        name = self.path.rsplit("/", 1)[-1].split(".")[0]
        self.send(200, page("%s碳达峰实施方案\n到2025年，非化石能源消费比重达到"
                            "17.7%%。" % name, name).encode())

    def utf8(self, n, q):
        self.send(200, UTF8)

    def gbk_meta(self, n, q):
        self.send(200, GBK, "text/html")

    def gb18030(self, n, q):
        self.send(200, GB18030, "text/html")

    def gzipped(self, n, q):
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return self.send(406, b"gzip only")
        self.send(200, gzip.compress(UTF8), headers=[
            ("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")])

    def etag(self, n, q):
        tag = '"v1-%s"' % q.get("id", [""])[0]
        if self.headers.get("If-None-Match") == tag:
            return self.send(304, b"", None, [("ETag", tag)])
        self.send(200, UTF8, headers=[("ETag", tag)])

    def lastmod(self, n, q):
        if self.headers.get("If-Modified-Since") == LASTMOD:
            return self.send(304, b"", None)
        self.send(200, UTF8, headers=[("Last-Modified", LASTMOD)])

    def moved(self, n, q):
        self.send(301, b"", headers=[("Location", "/utf8.html")])

    def loop(self, n, q):
        self.send(302, b"", headers=[("Location", "/loop")])

    def to_file(self, n, q):
        self.send(302, b"", headers=[("Location", "file:///etc/passwd")])

    def flaky(self, n, q):
        if n == 1:
            return self.send(500, b"<html><body>busy</body></html>")
        self.send(200, UTF8)

    def always500(self, n, q):
        self.send(500, b"<html><body>busy</body></html>")

    def slow(self, n, q):
        time.sleep(3)
        self.send(200, UTF8)

    def big(self, n, q):
        self.send(200, b"<p>" + b"x" * 2000000 + b"</p>")

    def big_stream(self, n, q):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        for _ in range(200):
            self.wfile.write(b"y" * 10000)
        self.close_connection = True

    def cut(self, n, q):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(UTF8)))
        self.end_headers()
        self.wfile.write(UTF8[:5000])
        self.wfile.flush()
        self.close_connection = True

    def reset(self, n, q):
        # headers and part of the body, then a TCP RST (SO_LINGER 0)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(UTF8)))
        self.end_headers()
        self.wfile.write(UTF8[:3000])
        self.wfile.flush()
        self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                struct.pack("ii", 1, 0))
        self.close_connection = True

    def stall(self, n, q):
        # part of the body, then nothing for longer than any test waits
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(UTF8)))
        self.end_headers()
        self.wfile.write(UTF8[:3000])
        self.wfile.flush()
        time.sleep(30)
        self.close_connection = True

    def short_cl(self, n, q):
        # Content-Length smaller than the body sent
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "2000")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(UTF8)
        self.close_connection = True

    def bomb(self, n, q):
        # 10 MB of zeros as a 10 KB gzip body
        body = lazy("bomb", lambda: gzip.compress(b"0" * (10 << 20), 9))
        self.send(200, body, "text/plain; charset=utf-8",
                  headers=[("Content-Encoding", "gzip")])

    def huge(self, n, q):
        # a large incompressible-ish body that takes a while to cache
        body = lazy("huge", lambda: "\n".join(
            "%d：%s" % (i, JILIN[i % 500:i % 500 + 80])
            for i in range(200000)).encode())
        self.send(200, body, "text/plain; charset=utf-8")

    def file(self, n, q):
        # a local file as the body, streamed (bench/memory.sh)
        path = q["p"][0]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(os.path.getsize(path)))
        self.end_headers()
        with open(path, "rb") as f:
            while True:
                b = f.read(1 << 20)
                if not b:
                    break
                self.wfile.write(b)

    def pdf(self, n, q):
        self.send(200, PDF, "application/pdf")

    def forbidden(self, n, q):
        self.send(403, b"<html><body>Forbidden</body></html>")

    def challenge(self, n, q):
        self.send(200, CHALLENGE)

    def list1(self, n, q):
        self.send(200, listpage(["changchun", "jilin"]))

    def list2(self, n, q):
        self.send(200, listpage(["changchun", "jilin", "siping"]))

    def bench(self, n, q):
        self.send(200, BENCH)

    def plain(self, n, q):
        self.send(200, JILIN.encode(), "text/plain; charset=utf-8")


ROUTES = {
    "/utf8.html": Handler.utf8, "/gbk-meta.html": Handler.gbk_meta,
    "/gb18030.html": Handler.gb18030, "/gzip.html": Handler.gzipped,
    "/etag.html": Handler.etag, "/lastmod.html": Handler.lastmod,
    "/moved": Handler.moved, "/loop": Handler.loop,
    "/to-file": Handler.to_file, "/flaky": Handler.flaky,
    "/always500": Handler.always500, "/slow": Handler.slow,
    "/big": Handler.big, "/big-stream": Handler.big_stream,
    "/cut": Handler.cut, "/doc.pdf": Handler.pdf,
    "/403": Handler.forbidden, "/challenge.html": Handler.challenge,
    "/list1.html": Handler.list1, "/list2.html": Handler.list2,
    "/bench": Handler.bench, "/plain.txt": Handler.plain,
    "/reset": Handler.reset, "/stall": Handler.stall,
    "/short-cl": Handler.short_cl, "/bomb": Handler.bomb,
    "/huge": Handler.huge, "/file": Handler.file,
}
LAZY = {}


def lazy(name, make):
    """Bodies too big to build when the server starts, built once."""
    with LOCK:
        if name not in LAZY:
            LAZY[name] = make()
        return LAZY[name]


# Routes added for the review fixes, kept apart so other additions merge.
def etag_latin1(self, n, q):
    """An ETag and a Last-Modified of bytes that are not UTF-8 (FF FE):
    http.server writes header values as ISO-8859-1, and reads them so."""
    tag = '"\xff\xfe-%s"' % q.get("id", [""])[0]
    if self.headers.get("If-None-Match") == tag:
        return self.send(304, b"", None, [("ETag", tag)])
    self.send(200, UTF8, "text/html; charset=\xe9", headers=[
        ("ETag", tag), ("Last-Modified", "Wed, 21 Oct 2015 \xe9")])


def port_of(self):
    return self.server.server_address[1]


def to_local(self, n, q):
    """A redirect to the loopback address, wherever the page is served."""
    self.send(302, b"", headers=[
        ("Location", "http://127.0.0.1:%d/secret" % port_of(self))])


def secret(self, n, q):
    self.send(200, b"<html><body><p>internal only</p></body></html>")


def list_local(self, n, q):
    """Links to the loopback address, to 127.0.0.2 with credentials, to
    another host, and hrefs a browser reads that libxml2 did not."""
    p = port_of(self)
    self.send(200, ("<html><body><ul>"
                    "<li><a href=\"http://127.0.0.1:%d/notice/a.html\">通知a</a>"
                    "<li><a href=\"http://u:pw@127.0.0.2:%d/notice/b.html\">通知b</a>"
                    "<li><a href=\"http://other.invalid/notice/c.html\">通知c</a>"
                    "</ul></body></html>" % (p, p)).encode())


def list_hrefs(self, n, q):
    """hrefs as gov.cn pages write them: raw Chinese, spaces, a trailing
    space, %2F and %00 escapes; and two a browser would not follow."""
    self.send(200, ("<html><body>"
                    "<a href=\"notice/通知一.html\">通知1</a>"
                    "<a href=\"notice/a b.html \">通知2</a>"
                    "<a href=\" notice/x%2Fy%00z.html\">通知3</a>"
                    "<a href=\"http://[::1:99999/x\">通知4</a>"
                    "<a href=\"http://a.cn:99999/x\">通知5</a>"
                    "<a href=\"mailto:x@a.cn\">通知6</a>"
                    "</body></html>").encode())


def list_many(self, n, q):
    """?n= links notice/PREFIXnI.html (?p= the prefix), after ?sleep= s."""
    k = int(q.get("n", ["10"])[0])
    p = q.get("p", [""])[0]
    time.sleep(float(q.get("sleep", ["0"])[0]))
    self.send(200, ("<html><body>%s</body></html>" % "".join(
        "<a href=\"notice/%sn%d.html\">通知%d</a>" % (p, i, i)
        for i in range(k))).encode())


def gbk_says_utf8(self, n, q):
    """A GB18030 body whose header declares UTF-8."""
    self.send(200, GB18030, "text/html; charset=utf-8")


def utf8_says_gbk(self, n, q):
    """A UTF-8 body whose header declares GBK."""
    self.send(200, UTF8, "text/html; charset=gbk")


def undecodable(self, n, q):
    """Bytes no charset decodes, in a page declared UTF-8."""
    self.send(200, "<p>到2025年，非化石能源消费比重达到17.7%。</p>".encode()
              + b"<p>\xff\xff</p>")


def deep(self, n, q):
    """Text nested 300 elements deep."""
    k = int(q.get("n", ["300"])[0])
    self.send(200, ("<html><body>%s<p>到2025年，非化石能源消费比重达到17.7%%。"
                    "</p>%s</body></html>" % ("<div>" * k, "</div>" * k)
                    ).encode())


def status_route(self, n, q):
    """A body with the status code ?c= (206, 204, 203)."""
    code = int(q.get("c", ["200"])[0])
    body = b"" if code == 204 else UTF8[:4000]
    self.send_response(code)
    self.send_header("Content-Type", "text/html; charset=utf-8")
    if code == 206:
        self.send_header("Content-Range", "bytes 0-3999/%d" % len(UTF8))
    if code != 204:
        self.send_header("Content-Length", str(len(body)))
    self.end_headers()
    self.wfile.write(body)


def http09(self, n, q):
    """No status line, no headers: an HTTP/0.9 answer."""
    self.wfile.write(b"<html><body>hello</body></html>\n")
    self.wfile.flush()
    self.close_connection = True


def big_header(self, n, q):
    """A header line longer than libcurl takes (100 KB)."""
    self.send_response(200)
    self.send_header("X-Big", "x" * 300000)
    self.send_header("Content-Length", "0")
    self.end_headers()


ROUTES.update({
    "/http09": http09, "/big-header": big_header,
    "/gbk-says-utf8.html": gbk_says_utf8,
    "/utf8-says-gbk.html": utf8_says_gbk,
    "/undecodable.html": undecodable, "/deep.html": deep,
    "/status": status_route,
    "/etag-latin1.html": etag_latin1,
    "/to-local": to_local, "/secret": secret, "/list-local": list_local,
    "/list-hrefs": list_hrefs, "/list-many": list_many,
})


def main():
    global LATENCY
    if len(sys.argv) > 2:
        LATENCY = int(sys.argv[2]) / 1000.0
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    tmp = sys.argv[1] + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    # the same pages on 127.0.0.2 and the same port, which the tests make
    # play a public address (ZB_FETCH_PUBLIC); none if it cannot be had
    try:
        srv2 = ThreadingHTTPServer(("127.0.0.2", srv.server_address[1]),
                                   Handler)
        srv2.daemon_threads = True
        threading.Thread(target=srv2.serve_forever, daemon=True).start()
    except OSError:
        pass
    os.rename(tmp, sys.argv[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
