'use strict';

/** Logs are an event stream: one JSON line per event on stdout, routed by the platform. */
function log(level, message, fields = {}) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
}

module.exports = {
  info: (message, fields) => log('info', message, fields),
  error: (message, fields) => log('error', message, fields),
};
