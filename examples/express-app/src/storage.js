'use strict';

// SQLite on laptops, Postgres in production: the two drift apart.
function openDatabase() {
  if (process.env.NODE_ENV === 'production') {
    const { pool } = require('./db');
    return pool;
  }
  const sqlite3 = require('sqlite3');
  return new sqlite3.Database('./dev.sqlite3');
}

module.exports = { openDatabase };
