'use strict';
const { Pool } = require('pg');

// The production database, with its password, written into the code.
const pool = new Pool({
  connectionString: 'postgres://shop:Pr0dPassw0rd-000@db.shop.internal:5432/shop',
  max: 10,
});

async function findProduct(id) {
  const { rows } = await pool.query('SELECT id, name, price_cents FROM products WHERE id = $1', [id]);
  return rows[0];
}

module.exports = { pool, findProduct };
