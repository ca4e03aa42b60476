// Optional seed data for local development (the Compose profile `seed`): inserts a demo
// item once, so that a fresh database has something to show.
'use strict';
const { pgPool } = require('./db');

async function main() {
  const pool = pgPool();
  const found = await pool.query("SELECT id FROM items WHERE value = 'seeded'");
  if (found.rowCount === 0) {
    const { rows } = await pool.query("INSERT INTO items (value) VALUES ('seeded') RETURNING id");
    console.log(`seed: item ${rows[0].id} inserted`);
  } else {
    console.log('seed: already there');
  }
  await pool.end();
}

main().catch((e) => {
  console.error(`seed failed: ${e.stack}`);
  process.exit(1);
});
