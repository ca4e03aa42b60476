// The worker: takes item ids from the Redis list `jobs` and writes a result per item to
// Postgres. Reconnects when either database restarts.
'use strict';
const os = require('os');
const { pgPool, redisClient, onStop } = require('./db');

let running = true;

async function main() {
  const pool = pgPool();
  pool.on('error', (e) => console.error(`postgres: ${e.message}`));
  await pool.query("INSERT INTO startups (service) VALUES ('worker')");
  const redis = await redisClient();
  onStop(async () => {
    running = false;
    await redis.quit();
    await pool.end();
  });
  console.log('worker waiting for jobs');
  while (running) {
    try {
      const job = await redis.blPop('jobs', 5);
      if (!job) {
        continue;
      }
      const id = Number(job.element);
      const { rows } = await pool.query('SELECT value FROM items WHERE id = $1', [id]);
      const result = rows.length ? rows[0].value.toUpperCase() : 'missing';
      await pool.query('INSERT INTO results (item_id, result, worker) VALUES ($1, $2, $3) ON CONFLICT (item_id) DO NOTHING', [id, result, os.hostname()]);
      console.log(`processed item ${id}`);
    } catch (e) {
      console.error(`job failed: ${e.message}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

main().catch((e) => {
  console.error(`worker failed: ${e.stack}`);
  process.exit(1);
});
