// The web service: stores items in Postgres, caches them in Redis and queues a job for
// the worker. Serves /healthz even while the databases are away, so that Kubernetes and
// Compose can tell "up" from "ready" (/readyz checks both databases).
'use strict';
const fs = require('fs');
const http = require('http');
const { pgPool, redisClient, onStop } = require('./db');

const port = Number(process.env.PORT || 8080);
const pool = pgPool();
pool.on('error', (e) => console.error(`postgres: ${e.message}`));
let redis;
redisClient().then(
  (c) => {
    redis = c;
  },
  (e) => console.error(`redis: ${e.message}`),
);

// Record the start (needs the migration's table): the test checks the migration ran first.
pool.query("INSERT INTO startups (service) VALUES ('web')").catch((e) => console.error(`startup record: ${e.message}`));

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function writable(path) {
  try {
    fs.writeFileSync(path, 'x');
    fs.unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/healthz') {
    return send(res, 200, { ok: true });
  }
  if (url.pathname === '/whoami') {
    // What the security context allows: the Kubernetes-side test reads it.
    return send(res, 200, {
      uid: process.getuid(),
      gid: process.getgid(),
      rootWritable: writable('/app/.probe'),
      tmpWritable: writable('/tmp/.probe'),
    });
  }
  if (url.pathname === '/readyz') {
    await pool.query('SELECT 1');
    await redis.ping();
    return send(res, 200, { ready: true });
  }
  if (url.pathname === '/items' && req.method === 'POST') {
    const value = url.searchParams.get('value') || 'empty';
    const { rows } = await pool.query('INSERT INTO items (value) VALUES ($1) RETURNING id', [value]);
    const id = rows[0].id;
    await redis.set(`item:${id}`, value);
    await redis.rPush('jobs', String(id));
    return send(res, 201, { id, value });
  }
  const item = /^\/items\/(\d+)$/.exec(url.pathname);
  if (item) {
    const id = Number(item[1]);
    const { rows } = await pool.query('SELECT i.value, r.result FROM items i LEFT JOIN results r ON r.item_id = i.id WHERE i.id = $1', [id]);
    if (rows.length === 0) {
      return send(res, 404, { error: `no item ${id}` });
    }
    return send(res, 200, { id, value: rows[0].value, cached: await redis.get(`item:${id}`), result: rows[0].result });
  }
  return send(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => send(res, 503, { error: e.message }));
});
server.listen(port, () => console.log(`web listening on ${port}`));
onStop(async () => {
  server.close();
  await pool.end();
});
