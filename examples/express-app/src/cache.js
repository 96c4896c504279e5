'use strict';
const { createClient } = require('redis');

const redis = createClient({ url: 'redis://cache.shop.internal:6379/0' });
redis.on('error', (err) => console.error('redis error', err));

async function cached(key, compute, ttlSeconds = 60) {
  const hit = await redis.get(key);
  if (hit) return JSON.parse(hit);
  const value = await compute();
  await redis.set(key, JSON.stringify(value), { EX: ttlSeconds });
  return value;
}

module.exports = { redis, cached };
