'use strict';
const { Pool } = require('pg');
const config = require('./config');

const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });

async function findNote(id) {
  const { rows } = await pool.query('SELECT id, title, body FROM notes WHERE id = $1', [id]);
  return rows[0];
}

module.exports = { pool, findNote };
