"""report.py: render report.sh's HTML page (Python standard library only).

Usage: python3 report.py TITLE WIDE.tsv LONG.csv MERGED.jsonl SUMMARY
       DIFFLIST > page.html

WIDE.tsv, LONG.csv and MERGED.jsonl are zb-merge -f tsv, -f long and its
default output of the same records; SUMMARY a text file shown at the top
(empty: none); DIFFLIST a file naming zb-diff outputs, one path a line
(a file "source" beside one, as nightly.sh writes, gives its URL).  The
page is self-contained: inline CSS and SVG, nothing fetched.
"""
import csv
import html
import json
import os
import sys
import urllib.parse

CSS = """
body { font: 14px/1.4 sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
pre.summary { background: #f4f4f4; padding: .6em; white-space: pre-wrap; }
table { border-collapse: collapse; }
#heatmap th.region { writing-mode: vertical-rl;
  font-weight: normal; font-size: 12px; padding: 2px; white-space: nowrap; }
#heatmap th.row { text-align: left; font-weight: normal; font-size: 12px;
  padding-right: .5em; white-space: nowrap; }
#heatmap td.cell { width: 16px; height: 16px; padding: 0;
  border: 1px solid #fff; }
#heatmap td.cell a { display: block; width: 100%; height: 100%; }
td.filled, .legend .filled { background: #2e8b57; }
td.conflict, .legend .conflict { background: #d7263d; }
td.missing, .legend .missing { background: #e6e6e6; }
td.changed { outline: 2px solid #f5a623; outline-offset: -2px; }
.legend span.key { display: inline-block; width: 12px; height: 12px;
  margin: 0 .3em 0 1em; vertical-align: middle; }
svg.rollup { display: block; margin: .4em 0 1em; }
svg.rollup rect.parent { fill: #3b6ea5; } svg.rollup rect.children { fill: #8fb8de; }
svg.rollup text { font: 12px sans-serif; fill: #222; }
#changes td, #changes th { border-bottom: 1px solid #ddd; padding: 2px 6px;
  text-align: left; vertical-align: top; }
tr.added td.sign { color: #2e8b57; } tr.removed td.sign { color: #d7263d; }
tr.changed td.sign { color: #f5a623; }
#quotes li { margin-bottom: .6em; } #quotes li:target { background: #fff3c4; }
blockquote { margin: .2em 0 0 1em; white-space: pre-wrap; color: #444; }
"""

CMP = {"eq": "", "ge": "\u2265", "gt": ">", "le": "\u2264", "lt": "<",
       "approx": "\u2248"}


def esc(s):
    return html.escape("" if s is None else str(s), quote=True)


def num(v):
    """A number as the records write it: 17.7, 6000, not 6000.0."""
    if v is None or v == "":
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def claim(cmp, value, vmax, unit=""):
    text = CMP.get(cmp or "eq", "") + num(value)
    if vmax not in (None, ""):
        text += "~" + num(vmax)
    return text + (" " + unit if unit else "")


def source_link(src, quote):
    """A link to the statement in its document: a URL (with a text
    fragment of the quote's first line), else nothing."""
    if not src or not src.startswith(("http://", "https://")):
        return esc(src)
    frag = (quote or "").split("\n")[0].strip()[:40]
    href = src + ("#:~:text=" + urllib.parse.quote(frag) if frag else "")
    return '<a href="%s">%s</a>' % (esc(href), esc(src))


def group_key(r):
    return (r["indicator"], r["year"], r["unit_std"], r["baseline_year"],
            r["direction"])


def group_label(k):
    ind, year, unit, base, direction = k
    label = ind + (" " + year if year else "")
    if base:
        label += " (vs %s%s)" % (base, ", " + direction if direction else "")
    elif direction:
        label += " (" + direction + ")"
    return label + (" [" + unit + "]" if unit else "")


def read_inputs(wide, long_csv, merged):
    with open(wide, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
    regions = head[5:]
    with open(long_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rollups = []
    with open(merged, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            if o.get("type") == "rollup":
                rollups.append(o)
    return regions, rows, rollups


def read_diffs(listfile):
    changes = []
    with open(listfile, encoding="utf-8") as f:
        paths = [p.rstrip("\n") for p in f if p.strip()]
    for p in paths:
        url = None
        side = os.path.join(os.path.dirname(p), "source")
        if os.path.isfile(side):
            with open(side, encoding="utf-8") as s:
                url = s.readline().rstrip("\n").split("\t")[0] or None
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    o = json.loads(line)
                    o["_url"] = url or p
                    changes.append(o)
    return changes


def heatmap(out, regions, rows, changed):
    groups, cells = [], {}
    for i, r in enumerate(rows):
        k = group_key(r)
        if k not in cells:
            groups.append(k)
            cells[k] = {}
        cells[k][r["region_key"]] = (i, r)
    count = {"filled": 0, "conflict": 0, "missing": 0}
    body = []
    for k in groups:
        tds = []
        for reg in regions:
            hit = cells[k].get(reg)
            if hit is None:
                count["missing"] += 1
                tds.append('<td class="cell missing"></td>')
                continue
            i, r = hit
            state = "conflict" if r["conflict"] == "true" else "filled"
            count[state] += 1
            extra = " changed" if (r["region_code"], r["indicator"],
                                   r["year"]) in changed else ""
            tip = "%s: %s: %s%s" % (reg, group_label(k), claim(
                r["cmp"], r["value"], r["value_max"]),
                " (conflict)" if state == "conflict" else "")
            tds.append('<td class="cell %s%s" data-region="%s"><a href="#q-%d"'
                       ' title="%s"></a></td>'
                       % (state, extra, esc(reg), i, esc(tip)))
        body.append('<tr class="row"><th class="row" scope="row">%s</th>%s'
                    '</tr>' % (esc(group_label(k)), "".join(tds)))
    out.append('<h2>Coverage: %d regions \u00d7 %d indicators</h2>'
               % (len(regions), len(groups)))
    out.append('<p class="legend">'
               '<span class="key filled"></span>filled <b id="n-filled">%d'
               '</b><span class="key conflict"></span>conflicting '
               '<b id="n-conflict">%d</b><span class="key missing"></span>'
               'missing <b id="n-missing">%d</b> (an outlined cell changed '
               'in this run; a cell links to its quote)</p>'
               % (count["filled"], count["conflict"], count["missing"]))
    out.append('<table id="heatmap"><thead><tr><th></th>%s</tr></thead>'
               '<tbody>%s</tbody></table>'
               % ("".join('<th class="region" scope="col">%s</th>' % esc(r)
                          for r in regions), "\n".join(body)))


def quote_index(rows):
    """Long rows by (region_code, indicator, year, unit) for roll-ups."""
    idx = {}
    for i, r in enumerate(rows):
        idx.setdefault((r["region_code"], r["indicator"], r["year"],
                        r["unit_std"]), i)
    return idx


def rollup_bars(out, rollups, idx):
    out.append('<h2>Roll-ups: a parent\'s target against the sum of its '
               'children (%d)</h2><div id="rollups">' % len(rollups))
    if not rollups:
        out.append('<p>No additive indicator has a parent and its '
                   'children.</p>')
    for o in rollups:
        unit = o.get("unit") or ""
        parent, kids = o.get("value"), o.get("children_sum")
        top = max(abs(parent or 0), abs(kids or 0)) or 1
        wp = 360.0 * abs(parent or 0) / top
        wk = 360.0 * abs(kids or 0) / top
        n = len(o.get("children") or [])
        i = idx.get((o.get("region_code") or "", o["indicator"],
                     num(o.get("year")), unit))
        title = "%s %s %s" % (o.get("region") or "", o["indicator"],
                              num(o.get("year")))
        link = ('<a href="#q-%d">%s</a>' % (i, esc(title)) if i is not None
                else esc(title))
        out.append(
            '<figure class="rollup" data-parent="%s" data-indicator="%s">'
            '<figcaption>%s: parent %s, %d children sum %s (share %s%s)'
            '</figcaption>'
            '<svg class="rollup" width="640" height="44" role="img" '
            'aria-label="%s">'
            '<rect class="bar parent" x="0" y="2" width="%.1f" height="18">'
            '<title>parent %s</title></rect>'
            '<text x="%.1f" y="16">%s</text>'
            '<rect class="bar children" x="0" y="24" width="%.1f" '
            'height="18"><title>children %s</title></rect>'
            '<text x="%.1f" y="38">%s</text></svg></figure>'
            % (esc(o.get("region_code")), esc(o["indicator"]), link,
               esc(claim(o.get("cmp"), parent, o.get("value_max"), unit)),
               n, esc(num(kids) + " " + unit), esc(num(o.get("share"))),
               "" if o.get("complete") else ", children missing",
               esc(title), wp, esc(num(parent)), wp + 6,
               esc(claim(o.get("cmp"), parent, o.get("value_max"), unit)),
               wk, esc(num(kids)), wk + 6, esc(num(kids) + " " + unit)
               + " (%d children)" % n))
    out.append('</div>')


def side(v):
    if not v:
        return ""
    value = v.get("value_std", v.get("value"))
    vmax = v.get("value_max_std", v.get("value_max"))
    unit = v.get("unit_std", v.get("unit")) or ""
    return claim(v.get("cmp"), value, vmax, unit)


def change_table(out, changes):
    out.append('<h2>Changes of this run (%d)</h2>' % len(changes))
    if not changes:
        out.append('<p id="changes">No target changed.</p>')
        return
    sign = {"added": "+", "removed": "\u2212", "changed": "~"}
    out.append('<table id="changes"><thead><tr><th></th><th>region</th>'
               '<th>year</th><th>indicator</th><th>old</th><th>new</th>'
               '<th>quote</th></tr></thead><tbody>')
    for c in changes:
        q = c.get("new_quote") or c.get("old_quote") or ""
        out.append(
            '<tr class="change %s"><td class="sign">%s</td><td>%s</td>'
            '<td>%s</td><td>%s</td><td>%s</td><td>%s</td>'
            '<td>%s<blockquote>%s</blockquote></td></tr>'
            % (esc(c["change"]), sign.get(c["change"], "?"),
               esc(c.get("region")), esc(num(c.get("year"))),
               esc(c.get("indicator_id") or c.get("indicator")),
               esc(side(c.get("old"))), esc(side(c.get("new"))),
               source_link(c["_url"], q), esc(q)))
    out.append('</tbody></table>')


def quotes(out, rows):
    out.append('<h2>Quotes</h2><ol id="quotes">')
    for i, r in enumerate(rows):
        out.append(
            '<li id="q-%d"><b>%s</b> %s %s: %s%s<br>%s, line %s%s'
            '<blockquote>%s</blockquote></li>'
            % (i, esc(r["region_key"]), esc(r["indicator"]), esc(r["year"]),
               esc(claim(r["cmp"], r["value"], r["value_max"],
                         r["unit_std"])),
               " <b>(conflict: %s)</b>" % esc(r["sources"].replace("|", ", "))
               if r["conflict"] == "true" else "",
               source_link(r["source"], r["quote"]), esc(r["line"]),
               ", issued " + esc(r["issued"]) if r["issued"] else "",
               esc(r["quote"])))
    out.append('</ol>')


def main():
    title, wide, long_csv, merged, summary, difflist = sys.argv[1:7]
    regions, rows, rollups = read_inputs(wide, long_csv, merged)
    changes = read_diffs(difflist)
    changed = {(c.get("region_code") or "", c.get("indicator_id") or
                c.get("indicator") or "", num(c.get("year")))
               for c in changes if c.get("change") != "removed"}
    out = ['<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
           '<meta name="viewport" content="width=device-width">'
           '<title>%s</title><style>%s</style></head><body>'
           % (esc(title), CSS), '<h1>%s</h1>' % esc(title)]
    if os.path.getsize(summary) > 0:
        with open(summary, encoding="utf-8") as f:
            out.append('<pre class="summary">%s</pre>' % esc(f.read()))
    out.append('<nav><a href="#heatmap">coverage</a> \u00b7 '
               '<a href="#rollups">roll-ups</a> \u00b7 '
               '<a href="#changes">changes</a> \u00b7 '
               '<a href="#quotes">quotes</a></nav>')
    heatmap(out, regions, rows, changed)
    rollup_bars(out, rollups, quote_index(rows))
    change_table(out, changes)
    quotes(out, rows)
    # the browser counts what it drew, so a DOM dump shows a rendered page
    out.append('<script>document.documentElement.dataset.rendered = '
               'document.querySelectorAll("#heatmap td.cell").length + " cells, "'
               ' + document.querySelectorAll("svg.rollup").length + " roll-ups, "'
               ' + document.querySelectorAll("#changes tr.change").length'
               ' + " changes";</script>')
    out.append('</body></html>')
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
