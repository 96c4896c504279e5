'use strict';
const express = require('express');
const session = require('express-session');
const multer = require('multer');
const { findProduct } = require('./db');
const { cached } = require('./cache');
const { issueToken, requireUser } = require('./auth');
const logger = require('./logger');

const app = express();
app.use(express.json());

// Sessions live in this process's memory: a restart logs everyone out.
app.use(
  session({
    secret: 'kX9q000vL2qRz8mZ4wT6yB1n',
    resave: false,
    saveUninitialized: false,
    store: new session.MemoryStore(),
  }),
);

// Uploads land on the local disk of whichever instance took the request.
const upload = multer({ dest: 'uploads/' });

app.post('/login', (req, res) => {
  res.json({ token: issueToken({ id: req.body.user, role: 'customer' }) });
});

app.get('/products/:id', async (req, res) => {
  const product = await cached(`product:${req.params.id}`, () => findProduct(req.params.id));
  if (!product) return res.status(404).end();
  res.json(product);
});

app.post('/products/:id/photo', requireUser, upload.single('photo'), (req, res) => {
  logger.info('photo uploaded', { product: req.params.id, file: req.file.filename });
  res.status(201).json({ file: req.file.filename });
});

app.listen(3000, () => {
  logger.info('shopfront listening on port 3000');
});
