'use strict';
const knex = require('knex');

// The reporting database: SQLite on laptops, Postgres in production. The two drift apart (types, locking, SQL).
const isProd = process.env.NODE_ENV === 'production';

const reports = knex(
  isProd
    ? { client: 'pg', connection: process.env.REPORTS_DATABASE_URL }
    : { client: 'sqlite3', connection: { filename: './dev.sqlite3' }, useNullAsDefault: true },
);

async function dailySales(day) {
  return reports('orders').where('day', day).sum({ total: 'price_cents' }).first();
}

module.exports = { reports, dailySales };
