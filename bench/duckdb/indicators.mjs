// DuckDB's side of the indicator benchmark (bench/indicator_bench.cpp): reads the manifest the C++ bench
// wrote — the load statements (read_csv of the same encounter CSV, with explicit types, and of the other
// sources' fact rows) and the catalogue's GROUP BY queries, generated from the indicator definitions by
// bench/indicator_sql.cpp — runs them in an in-memory database with the manifest's thread count, and prints
// JSON: timings, and per query and value column the number of non-empty cells and the sum of the values, which the C++ bench
// checks against the engine's cells.
// Usage: node indicators.mjs MANIFEST.json > result.json
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));

let duckdb;
try {
  duckdb = await import('@duckdb/node-api');
} catch (e) {
  console.log(JSON.stringify({ error: `@duckdb/node-api cannot be loaded: ${e.message}` }));
  process.exit(0);
}

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

// A failing statement is reported as JSON like a missing package, so the C++ bench says why and goes on.
try {
  const instance = await duckdb.DuckDBInstance.create(':memory:', { threads: String(manifest.threads) });
  const connection = await instance.connect();
  // Same two cores as the engine; the session setting as well, in case the option is read differently.
  await connection.run(`SET threads = ${Number(manifest.threads)}`);
  const threads = Number((await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0]);

  let start = process.hrtime.bigint();
  for (const step of manifest.load) await connection.run(step.sql);
  const loadSeconds = seconds(start);

  const queries = [];
  let querySeconds = 0;
  for (const q of manifest.queries) {
    start = process.hrtime.bigint();
    const reader = await connection.runAndReadAll(q.sql);
    const rows = reader.getRows();
    querySeconds += seconds(start);
    // Value columns follow period, site, department and stratum: one per measure of the query.
    const columns = [];
    for (let c = 4; c < reader.columnCount; c += 1) columns.push({ nonzero: 0, sum: 0 });
    for (const row of rows) {
      for (let c = 4; c < row.length; c += 1) {
        const value = Number(row[c] ?? 0);
        if (value !== 0) {
          columns[c - 4].nonzero += 1;
          columns[c - 4].sum += value;
        }
      }
    }
    queries.push({ id: q.id, rows: rows.length, columns });
  }

  console.log(
    JSON.stringify({
      version: duckdb.version(),
      threads,
      loadSeconds,
      querySeconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      queries,
    }),
  );
} catch (e) {
  console.log(JSON.stringify({ error: `DuckDB: ${e.message.split('\n')[0]}` }));
}
