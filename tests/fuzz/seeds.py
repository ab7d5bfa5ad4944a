#!/usr/bin/env python3
"""Write the seed corpora tests/fuzz/corpus/NAME/ from samples/ and the
test fixtures (run from the top directory; the output is committed).
Each seed is small: libFuzzer mutates small inputs fastest."""
import glob, gzip, hashlib, json, os, sys

sys.path.insert(0, "tests")
out = "tests/fuzz/corpus"


def put(name, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    h = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, h), "wb") as f:
        f.write(data)


def chunks(text, size):
    """Paragraph-aligned pieces of text of at most about size bytes."""
    cur = ""
    for para in text.split("\n\n"):
        if len((cur + para).encode()) > size and cur:
            yield cur
            cur = ""
        cur += para + "\n\n"
    if cur:
        yield cur


samples = sorted(glob.glob("samples/*.txt"))
texts = [open(p, encoding="utf-8").read() for p in samples]
# extract: the option byte, then text
for i, t in enumerate(texts):
    for j, c in enumerate(list(chunks(t, 2500))[:6]):
        put("extract", bytes([(i + j) % 8]) + c.encode()[:4000])
for p in sorted(glob.glob("tests/fixtures/zb-extract/*/input")):
    put("extract", b"\x00" + open(p, "rb").read()[:6000])

records = []
for p in sorted(glob.glob("tests/fixtures/samples/*.jsonl")):
    records += open(p, encoding="utf-8").read().splitlines()
recs = [json.loads(r) for r in records]

# num, dec, unit, place: fields of the records
values = sorted({r["value_text"] for r in recs if r.get("value_text")})
for v in values[:80] + ["翻两番", "翻一番", "百分之十五", "一百二十万",
                        "三点五", "1,200.50", "１７．７", "二〇二五"]:
    put("num", v)
nums = sorted({str(r["value"]) for r in recs if r.get("value") is not None})
for a, b in zip(nums[:40], reversed(nums[:40])):
    put("dec", a + "\n" + b)
for s in ["17.7\n-0.5", "1e+20\n1e-5", "0\n-0", "999.999\n0.001",
          "-12345678901234567890.5\n1e400"]:
    put("dec", s)
units = sorted({r["unit"] for r in recs if r.get("unit")})
for u in units + ["萬千瓦", "噸", "ＧＷ", "兆瓦", "万亿千瓦时", "公顷"]:
    put("unit", u)
regions = sorted({r["region"] for r in recs if r.get("region")})
for i, g in enumerate(regions + ["高新区", "市本级", "朝阳区", "220800",
                                 "延边州", "吉林"]):
    put("place", bytes([i % 3 * 7]) + g.encode())

# jsonl, norm: runs of records, some broken
for i in range(0, min(len(records), 120), 6):
    put("jsonl", "\n".join(records[i:i + 6]) + "\n")
    put("norm", "\n".join(records[i:i + 6]) + "\n")
for p in sorted(glob.glob("tests/fixtures/zb-norm/*.jsonl"))[:2]:
    put("norm", b"\n".join(open(p, "rb").read().split(b"\n")[:8]) + b"\n")
for s in ['{"a":1}\n[1]\n{"b":\n\n{"value":1e999}\n',
          '{"value":17.7,"value_std":"x","unit_std":"kW"}\n',
          '{"text":"\\u0000"}\n{"a":1,"a":2}\n']:
    put("jsonl", s)
    put("norm", s)

# jscan: single records, and the tricky lines of zb-norm's fast-path test
for r in records[:20]:
    put("jscan", r)
with open("tests/fixtures/zb-norm/tricky.jsonl", "rb") as f:
    for line in f.read().split(b"\n"):
        put("jscan", line)

# html and charset: the test server's pages
import importlib.util
spec = importlib.util.spec_from_file_location("srv", "tests/fetch-server.py")
srv = importlib.util.module_from_spec(spec)
try:
    spec.loader.exec_module(srv)
    pages = [srv.page(t[:1500], "关于印发方案的通知") for t in texts]
    pages.append(srv.listpage(["a", "b"]))
except Exception:
    pages = []
pages.append("<html><head><title>t</title></head><body><table><tr>"
             "<td>地区</td><td>2025年</td></tr><tr><td>白城市</td>"
             "<td>50%</td></tr></table><p>a<br>b</p><pre> x\n y</pre>"
             "<div class=\"footer\">c</div></body></html>")
for p in pages:
    p = p if isinstance(p, str) else p.decode("utf-8", "replace")
    put("html", p.encode()[:4000])
    put("charset", b"text/html; charset=utf-8\n" + p.encode()[:3000])
for t in texts[:3]:
    c = t[:600]
    put("charset", b"\n" + c.encode("gb18030"))
    put("charset", b"text/html; charset=GBK\n" + c.encode("gbk", "replace"))
    put("charset", b"\n\xff\xfe" + c.encode("utf-16-le"))
    put("charset", b"\n" + c.encode("big5", "replace"))
    put("charset", b'\x01\n<meta charset="gb2312">' +
        c.encode("gb2312", "replace"))
