#!/usr/bin/env python3
"""jsonl-mutants.py: tricky JSON lines made from real records, for
differential tests of zb-norm's record reader (its fast path against
Jansson, ZB_NORM_WHOLE; or one build against another).

Usage: tests/jsonl-mutants.py SEED COUNT [records.jsonl ...] > out.jsonl

Writes COUNT lines (bytes, not always UTF-8, not always JSON), each a
record of the inputs (default: tests/fixtures/samples/*.jsonl) changed
one to three ways: bytes flipped, inserted or deleted; keys duplicated,
reordered, escaped or dropped; \\u escapes (surrogates, \\u0000); invalid
UTF-8; control characters; numbers huge, negative, with exponents, 1e400,
-0, 1.0, 01; nested values; trailing garbage; a BOM; CRLF; blank lines;
whitespace; fields zb-norm adds already present; years and cmp as text.
The same SEED gives the same lines."""
import glob
import json
import random
import sys

ADDED = ["value_std", "value_max_std", "unit_std", "dimension", "factor",
         "indicator_id", "indicator_en", "additive", "region_code",
         "region_level", "parent_code"]
NUMBERS = ["1e400", "-1e400", "1e-400", "-0", "-0.0", "0", "1.0", "01",
           "-01", "1.", ".5", "1e", "1E+2", "1e-2", "2.5e3", "-17.7",
           "9223372036854775807", "9223372036854775808",
           "-9223372036854775808", "123456789012345678", "1234567890123456789",
           "0.1234567890123456789", "1" * 45, "1.5e308", "4.9e-324", "+1",
           "NaN", "Infinity", "-", "0x10", "1_000", "17.7", "20", "2025",
           "2025.0", "25", "1000", "9999", "10000"]
VALUES = ["null", "true", "false", "\"\"", "\"17.7\"", "\"2025\"",
          "\"2025年\"", "\"十四五\"", "\"２０２５\"", "[]", "[1]", "[\"a\",1]",
          "[[1]]", "[{}]", "{}", "{\"a\":1}", "\"万千瓦\"", "\"%\"",
          "\"吉林市\"", "\"吉林\"", "\"白城市\"", "\"eq\"", "\"about\"",
          "\"ge\"", "\"approx\"", "\"单位地区生产总值能耗\"",
          "\"非化石能源消费比重\"", "\"a\\\"b\"", "\"a\\\\b\"", "\"a\\/b\"",
          "\"\\b\\f\\n\\r\\t\"", "\"\\u0041\"", "\"\\u0000\"",
          "\"eq\\u0000\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"",
          "\"\\ude00\"", "\"\\u00e9\"", "\"\\x\"", "\"\\'\"", "tru", "nul",
          "truex", "\"\x01\"", "\"\t\"", "\"\x7f\""]
BYTES = [b"\xff", b"\xfe", b"\xc0\xaf", b"\xe4\xb8", b"\xed\xa0\x80",
         b"\xf4\x90\x80\x80", b"\xf0\x9f\x98\x80", b"\xc2\xa9", b"\x00",
         b"\x01", b"\x1f", b"\t", b"\r", b" ", b"\x0b", b"\x0c", b"\\",
         b"\"", b"{", b"}", b"[", b"]", b",", b":", b"\\u", b"\\u0000",
         b"\xe2\x80\xa8", b"\xef\xbb\xbf", b"0", b"-", b"e", b"."]


def keys_of(line):
    """The (key, value text) pairs of a flat record as zb-extract writes it."""
    o = json.loads(line)
    return [(k, json.dumps(v, ensure_ascii=False, separators=(",", ":")))
            for k, v in o.items()]


def join(pairs, sep=",", colon=":", lead="", tail=""):
    body = sep.join(json.dumps(k, ensure_ascii=False) + colon + v
                    for k, v in pairs)
    return lead + "{" + body + "}" + tail


def structural(r, line):
    """A mutation that keeps JSON syntax (mostly): values, keys, spacing."""
    pairs = keys_of(line)
    k = r.randrange(12)
    i = r.randrange(len(pairs))
    if k == 0:
        pairs[i] = (pairs[i][0], r.choice(NUMBERS))
    elif k == 1:
        pairs[i] = (pairs[i][0], r.choice(VALUES))
    elif k == 2:      # a duplicate key, the same or another value
        pairs.insert(r.randrange(len(pairs) + 1),
                     (pairs[i][0], r.choice([pairs[i][1], "null", "1"])))
    elif k == 3:
        r.shuffle(pairs)
    elif k == 4:
        del pairs[i]
    elif k == 5:      # a field zb-norm adds, already there
        pairs.insert(r.randrange(len(pairs) + 1),
                     (r.choice(ADDED), r.choice(["null", "1", "\"x\"",
                                                 "\"power\"", "[]"])))
    elif k == 6:
        return join(pairs, sep=r.choice([", ", " ,", ",\t", ",\r"]),
                    colon=r.choice([": ", " :", " : ", ":\t"]),
                    lead=r.choice(["", " ", "\t", "\r", "\n"]),
                    tail=r.choice(["", " ", "\t", "\r", "\r\n", " x", "{}",
                                   ",", "]", "\x00", "\x0b"]))
    elif k == 7:      # an escaped key: the same key to Jansson
        key = pairs[i][0]
        if key:
            j = r.randrange(len(key))
            esc = "\\u%04x" % ord(key[j]) if ord(key[j]) < 0x10000 else key[j]
            return join(pairs).replace(json.dumps(key, ensure_ascii=False),
                                       "\"" + key[:j] + esc + key[j + 1:] +
                                       "\"", 1)
    elif k == 8:      # year, baseline_year, cmp as written in the wild
        key = r.choice(["year", "baseline_year", "cmp", "value",
                        "value_max", "value_text", "unit"])
        val = r.choice(NUMBERS + VALUES)
        pairs = [(a, b) for a, b in pairs if a != key]
        pairs.insert(r.randrange(len(pairs) + 1), (key, val))
    elif k == 9:      # many keys
        for n in range(r.choice([10, 40, 60, 70])):
            pairs.append(("k%d" % n, "1"))
    elif k == 10:     # a string value with an escape inside
        key, val = pairs[i]
        if val.startswith("\"") and len(val) > 2:
            j = r.randrange(1, len(val) - 1)
            val = val[:j] + r.choice(["\\n", "\\\"", "\\/", "\\t",
                                      "\\u00e9", "\\u0000", "\\ud800",
                                      "\\\\", "\\b"]) + val[j:]
            pairs[i] = (key, val)
    else:
        return "\ufeff" + join(pairs)
    return join(pairs)


def bytewise(r, data):
    """Bytes flipped, inserted, deleted or repeated anywhere."""
    data = bytearray(data)
    for _ in range(r.randint(1, 3)):
        at = r.randrange(len(data) + 1)
        k = r.randrange(5)
        if k == 0 and at < len(data):
            data[at] = r.randrange(256)
        elif k == 1 and at < len(data):
            del data[at]
        elif k == 2:
            data[at:at] = r.choice(BYTES)
        elif k == 3 and at < len(data):
            data[at:at] = data[at:at + r.randint(1, 20)]
        else:
            data = data[:at]
    return bytes(data)


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    paths = sys.argv[3:] or sorted(glob.glob("tests/fixtures/samples/*.jsonl"))
    records = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            records += [l.rstrip("\n") for l in f if l.strip()]
    r = random.Random(seed)
    out = sys.stdout.buffer
    for _ in range(count):
        line = r.choice(records)
        k = r.randrange(10)
        if k < 4:
            data = structural(r, line).encode("utf-8", "surrogatepass")
        elif k < 8:
            data = bytewise(r, line.encode())
        elif k < 9:
            data = bytewise(r, structural(r, line).encode(
                "utf-8", "surrogatepass"))
        else:
            data = r.choice([b"", b" ", b"\t", b"\r", line.encode() + b"\r",
                             line.encode(), b"[1,2]", b"null", b"{}",
                             b"{\"value\":1}"])
        out.write(data.replace(b"\n", b"\\n") + b"\n")


if __name__ == "__main__":
    main()
