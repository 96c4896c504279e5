'use strict';

/** Every setting comes from the environment; a missing required one stops the process at start-up. */
function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

module.exports = {
  port: Number(process.env.PORT) || 3000,
  databaseUrl: required('DATABASE_URL'),
  redisUrl: required('REDIS_URL'),
  sessionSecret: required('SESSION_SECRET'),
  uploadBucket: required('UPLOAD_BUCKET'),
  awsRegion: process.env.AWS_REGION || 'eu-west-1',
};
