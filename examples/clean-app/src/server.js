'use strict';
const express = require('express');
const session = require('express-session');
const RedisStore = require('connect-redis').default;
const { createClient } = require('redis');
const config = require('./config');
const { pool, findNote } = require('./db');
const { upload, storeAttachment } = require('./uploads');
const log = require('./log');

const redis = createClient({ url: config.redisUrl });
redis.on('error', (err) => log.error('redis error', { error: err.message }));

const app = express();
app.use(express.json());
app.use(
  session({
    store: new RedisStore({ client: redis }),
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
  }),
);

app.get('/notes/:id', async (req, res) => {
  const note = await findNote(req.params.id);
  if (!note) return res.status(404).end();
  res.json(note);
});

app.post('/notes/:id/attachments', upload.single('file'), async (req, res) => {
  const key = await storeAttachment(req.params.id, req.file);
  log.info('attachment stored', { note: req.params.id, key });
  res.status(201).json({ key });
});

async function main() {
  await redis.connect();
  const server = app.listen(config.port, () => log.info('listening', { port: config.port }));

  // Disposability: finish in-flight requests, then release connections, when the platform stops the process.
  process.on('SIGTERM', () => {
    log.info('SIGTERM received, shutting down');
    server.close(async () => {
      await Promise.allSettled([pool.end(), redis.quit()]);
      process.exit(0);
    });
  });
}

main().catch((err) => {
  log.error('start-up failed', { error: err.message });
  process.exit(1);
});
