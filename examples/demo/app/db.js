// Connections built only from the environment cdk8s-compose injects (connectTo):
// DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD and REDIS_URL. No host or password here.
'use strict';
const { Pool } = require('pg');
const { createClient } = require('redis');

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

function pgPool() {
  return new Pool({
    host: required('DB_HOST'),
    port: Number(required('DB_PORT')),
    database: required('DB_NAME'),
    user: required('DB_USER'),
    password: required('DB_PASSWORD'),
    max: 4,
    connectionTimeoutMillis: 3000,
  });
}

async function redisClient() {
  const client = createClient({ url: required('REDIS_URL'), socket: { reconnectStrategy: (n) => Math.min(n * 200, 2000) } });
  client.on('error', (e) => console.error(`redis: ${e.message}`));
  await client.connect();
  return client;
}

/** Stops on SIGTERM/SIGINT: Node as PID 1 would otherwise ignore them. */
function onStop(stop) {
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, async () => {
      console.log(`${signal}: stopping`);
      await stop().catch(() => undefined);
      process.exit(0);
    });
  }
}

module.exports = { pgPool, redisClient, onStop, required };
