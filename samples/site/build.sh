#!/bin/sh
# build.sh: generate the sample website from the notices in samples/.
#
# Usage: sh samples/site/build.sh
#
# Inputs: samples/*.txt (UTF-8 text, `|` tables, `#` headings).
# Outputs, replaced in samples/site/:
#   www/index.html           the list page linking every notice
#   www/notices/NAME.html    one page per sample; siping is GBK-encoded
#                            (declared only in <meta>), the rest UTF-8
#   revised/notices/NAME.html  a later version of the baicheng notice:
#                            three target numbers changed, one target added;
#                            publish.sh copies it over a served copy
# The generated pages are committed, so nothing needs building to serve
# them; re-run this after changing a sample or the revision below.
# Exit status: 0 success, 2 trouble.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
samples=$here/..
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# NAME, title, charset of each page, in index order.
pages='jilin-province-carbon-peak-2022	吉林省人民政府关于印发吉林省碳达峰实施方案的通知	UTF-8
siping-carbon-peak-2023	四平市人民政府关于印发四平市碳达峰实施方案的通知	GBK
baicheng-carbon-peak-2023	白城市人民政府关于印发白城市碳达峰实施方案的通知	UTF-8
jilin-city-energy-saving-draft-2023	吉林市“十四五”节能减排综合实施方案（征求意见稿）	UTF-8
jiangsu-carbon-peak-2022	江苏省碳达峰实施方案	UTF-8'

# The revision: what a later version of the baicheng notice changes.
revise() {
	sed -e 's/非化石能源消费比重达到17\.7%/非化石能源消费比重达到18%/' \
	    -e 's/4000万千瓦左右/4500万千瓦左右/' \
	    -e 's/森林覆盖率达到9\.6%/森林覆盖率达到10%/' \
	    -e 's/秸秆综合利用率达到86%/&，畜禽粪污综合利用率达到90%/'
}

# page TITLE CHARSET < text > html: paragraphs, headings, |-tables.
page() {
	awk -v title="$1" -v charset="$2" '
	function esc(s) {
		gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s)
		gsub(/>/, "\\&gt;", s); return s
	}
	function flushrow(  i, row) {
		if (ncell == 0) return
		row = "<tr>"
		for (i = 1; i <= ncell; i++)
			row = row "<td>" esc(cell[i]) "</td>"
		print row "</tr>"
		ncell = 0
	}
	function endtable() {
		if (intable) print "</table>"
		intable = 0
	}
	BEGIN {
		if (charset == "UTF-8")
			meta = "<meta charset=\"utf-8\">"
		else
			meta = "<meta http-equiv=\"Content-Type\" " \
			    "content=\"text/html; charset=" tolower(charset) "\">"
		print "<!DOCTYPE html>"
		print "<html><head>" meta "<title>" esc(title) "</title>"
		print "<style>p { margin: 1em }</style></head>"
		print "<body><div class=\"nav\"><a href=\"../index.html\">" \
		    "首页</a> &gt; 政策文件</div>"
		print "<div id=\"content\">"
	}
	# one cell per line, each starting with a tab, rows separated by
	# blank lines; a header cell may wrap onto a line without a tab
	/^\t/ {
		endtable()
		c = $0; sub(/^\t+/, "", c); gsub(/[ \t\r]+$/, "", c)
		if (!ntab) print "<table border=1>"
		ntab++
		cell[++ncell] = c
		prevcell = 1
		next
	}
	ntab && /^[ \t\r]*$/ { flushrow(); prevcell = 0; next }
	ntab && prevcell { cell[ncell] = cell[ncell] $0; next }
	ntab { flushrow(); print "</table>"; ntab = 0 }
	/^\|/ {
		line = $0
		sub(/^\|/, "", line); sub(/\|[ \t]*$/, "", line)
		if (line ~ /^[- |:]*$/)
			next	# separator row, or a row of empty cells
		if (!intable) print "<table border=1>"
		intable = 1
		n = split(line, pc, "|")
		row = "<tr>"
		for (i = 1; i <= n; i++) {
			c = pc[i]; gsub(/^ +| +$/, "", c)
			row = row "<td>" esc(c) "</td>"
		}
		print row "</tr>"
		next
	}
	{
		endtable()
		line = $0
		h = 0
		if (match(line, /^#+/)) {
			h = RLENGTH; line = substr(line, RLENGTH + 1)
		}
		gsub(/\*\*/, "", line); gsub(/^[ \t]+|[ \t\r]+$/, "", line)
		if (line == "")
			next
		if (h > 0) {
			if (h > 6) h = 6
			print "<h" h ">" esc(line) "</h" h ">"
		} else
			print "<p>" esc(line) "</p>"
	}
	END {
		flushrow()
		if (ntab) print "</table>"
		endtable()
		print "</div>"
		print "<footer>版权所有 示例政府网站</footer></body></html>"
	}'
}

# emit NAME TITLE CHARSET OUT < text: the page, encoded as CHARSET.
emit() {
	page "$2" "$3" > "$tmp/page"
	if [ "$3" = UTF-8 ]; then
		cp "$tmp/page" "$4"
	else
		iconv -f UTF-8 -t "$3" "$tmp/page" > "$4"
	fi
}

mkdir -p "$tmp/www/notices" "$tmp/revised/notices"
tab=$(printf '\t')
{
	echo '<!DOCTYPE html>'
	echo '<html><head><meta charset="utf-8"><title>政策文件</title></head>'
	echo '<body><h1>政策文件</h1>'
	echo '<ul>'
} > "$tmp/www/index.html"
printf '%s\n' "$pages" | while IFS=$tab read -r name title charset; do
	emit "$name" "$title" "$charset" "$tmp/www/notices/$name.html" \
	    < "$samples/$name.txt"
	printf '<li><a href="notices/%s.html">%s</a></li>\n' "$name" "$title" \
	    >> "$tmp/www/index.html"
	if [ "$name" = baicheng-carbon-peak-2023 ]; then
		revise < "$samples/$name.txt" > "$tmp/revised.txt"
		if cmp -s "$tmp/revised.txt" "$samples/$name.txt"; then
			echo "build.sh: the revision changed nothing" >&2
			exit 2
		fi
		emit "$name" "$title" "$charset" \
		    "$tmp/revised/notices/$name.html" < "$tmp/revised.txt"
	fi
done
{
	echo '</ul>'
	echo '<p><a href="about.html">关于本站</a></p>'
	echo '</body></html>'
} >> "$tmp/www/index.html"

rm -rf "$here/www" "$here/revised"
mv "$tmp/www" "$tmp/revised" "$here/"
