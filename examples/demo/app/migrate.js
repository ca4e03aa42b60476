// Run-once migration: creates the schema, records itself. Idempotent, and the record
// lets the end-to-end test check that it ran exactly once and before everything else.
'use strict';
const { pgPool } = require('./db');

async function main() {
  const pool = pgPool();
  await pool.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  const done = await pool.query("SELECT 1 FROM schema_migrations WHERE version = '001-items'");
  if (done.rowCount === 0) {
    await pool.query(`CREATE TABLE items (id serial PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await pool.query(`CREATE TABLE results (item_id integer PRIMARY KEY REFERENCES items(id), result text NOT NULL, worker text NOT NULL)`);
    await pool.query(`CREATE TABLE startups (service text NOT NULL, started_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await pool.query("INSERT INTO schema_migrations (version) VALUES ('001-items')");
    console.log('migration 001-items applied');
  } else {
    console.log('migration 001-items already applied');
  }
  await pool.end();
}

main().catch((e) => {
  console.error(`migration failed: ${e.stack}`);
  process.exit(1);
});
