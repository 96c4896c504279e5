/**
 * A clean twelve-factor app must produce no finding at all from the config rules (III/IV). These files are written
 * the way real apps are: env reads with local fallbacks, password forms, i18n tables, key names, docs links, schema
 * defaults and CLI prompts — every false-positive class the rules guard against, side by side.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/engine/runner';
import noCredentialsInUrl from '../../server/src/rules/no-credentials-in-url';
import noHardcodedBackingServiceUrl from '../../server/src/rules/no-hardcoded-backing-service-url';
import noHardcodedSecret from '../../server/src/rules/no-hardcoded-secret';

const files: Record<string, string> = {
  'src/config.js': `
require('dotenv').config();
const convict = require('convict');

const schema = convict({
  env: { doc: 'Environment', format: ['production', 'development'], default: 'development', env: 'NODE_ENV' },
  db: { doc: 'Database URL', format: String, default: 'postgres://app:app@localhost:5432/app', env: 'DATABASE_URL' },
  sessionSecret: { doc: 'Session secret', format: String, default: '', env: 'SESSION_SECRET', sensitive: true },
});

module.exports = {
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres:postgres@localhost:5432/app_dev',
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379',
  amqpUrl: process.env.AMQP_URL || 'amqp://guest:guest@rabbitmq:5672',
  jwtSecret: process.env.JWT_SECRET,
  stripeKey: process.env.STRIPE_SECRET_KEY,
  docs: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING',
  schema,
};
`,
  'src/db.ts': `
import mongoose from 'mongoose';
import { createClient } from 'redis';
import { Pool } from 'pg';

const DEFAULT_MONGO = 'mongodb://127.0.0.1:27017/app';

export async function connect(): Promise<void> {
  const url = process.env.MONGODB_URL ?? DEFAULT_MONGO;
  if (!url.startsWith('mongodb://') && !url.startsWith('mongodb+srv://')) {
    throw new Error('MONGODB_URL must look like mongodb://user:pass@host/db');
  }
  await mongoose.connect(url, { user: process.env.MONGO_USER, pass: process.env.MONGO_PASSWORD });
  console.log('connected to', url.replace(/:[^:@/]+@/, ':****@'));
}

export const redis = createClient({ url: process.env.REDIS_URL || 'redis://localhost:6379' });
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } });
export const normalise = (dsn: string) => dsn.replace('postgres://', 'postgresql://');
`,
  'src/auth.js': `
const jwt = require('jsonwebtoken');
const session = require('express-session');

const TOKEN_HEADER = 'x-auth-token';
const ACCESS_TOKEN = 'access_token';
const tokenType = 'Bearer';
const PASSWORD_MIN_LENGTH = '12';

function issue(user) {
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h', algorithm: 'HS256' });
}

module.exports = {
  issue,
  sessionMiddleware: session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, name: 'sid' }),
  TOKEN_HEADER, ACCESS_TOKEN, tokenType, PASSWORD_MIN_LENGTH,
  oauth: { tokenEndpoint: 'https://login.acme.io/oauth2/v2.0/token', token_url: 'https://oauth2.acme.io/token', clientId: 'web' },
};
`,
  'src/components/LoginForm.tsx': `
import { useState } from 'react';

const labels = { en: { password: 'Password', confirmPassword: 'Confirm password' }, de: { password: 'Passwort' }, es: { password: 'Contraseña' } };
const errors = { password: 'Password is required.', token: 'must be at least 8 characters' };
const rules = { password: 'required', token: 'optional' };

export function LoginForm() {
  const [password, setPassword] = useState('');
  const passwordField = 'input[name=password]';
  localStorage.setItem('token', 'pending');
  return <input type="password" name="password" placeholder="Password" value={password} onChange={(e) => setPassword(e.target.value)} />;
}
export { labels, errors, rules };
`,
  'src/firebase.js': `
export const firebaseConfig = {
  apiKey: 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW',
  authDomain: 'acme.firebaseapp.com',
  projectId: 'acme',
};
export const stripePublishableKey = 'pk_live_51HabcdefGHIJKLmnopqrstuv';
`,
  'mysite/settings.py': `
"""Django settings, configured from the environment."""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = os.environ.get("DEBUG", "false") == "true"
DATABASES = {"default": dj_database_url.config(default="postgres://postgres:postgres@localhost:5432/mysite")}
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")}}
CELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL") or "amqp://guest:guest@localhost:5672//"
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
`,
  'app/__init__.py': `
import os

from flask import Flask
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://app:app@localhost/app"
    redis_url: str = "redis://localhost:6379/0"
    secret_key: str = ""


def create_app():
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev", SQLALCHEMY_DATABASE_URI=os.environ.get("DATABASE_URL", "sqlite:///dev.db"))
    app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", app.config["SECRET_KEY"])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgres://"):
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config["SQLALCHEMY_DATABASE_URI"].replace("postgres://", "postgresql://", 1)
    return app
`,
  'app/cli.py': `
import argparse
import getpass
import logging
import os

import click

log = logging.getLogger(__name__)


@click.command()
@click.option("--database-url", envvar="DATABASE_URL", default="postgres://localhost/app", help="Database URL")
@click.option("--token", envvar="API_TOKEN", default="", help="API token")
def main(database_url, token):
    parser = argparse.ArgumentParser()
    parser.add_argument("--password", help="Database password (prompted when missing)")
    args = parser.parse_args()
    password = args.password or getpass.getpass("Password: ")
    log.info("connecting to %s", database_url)
    print("usage: set DATABASE_URL=postgres://user:pass@host/db")
    token_type = "bearer"
    api_key_header = "X-Api-Key"
    return password, token, token_type, api_key_header
`,
};

describe('config rules on a clean twelve-factor app', () => {
  for (const [path, text] of Object.entries(files)) {
    it(`${path}: no findings`, async () => {
      const result = await analyzeFile({ path, text }, { ruleSet: [noCredentialsInUrl, noHardcodedBackingServiceUrl, noHardcodedSecret] });
      assert.deepEqual(result.ruleErrors, []);
      assert.deepEqual(result.findings.map((f) => `${f.start.line + 1}:${f.start.character + 1} ${f.ruleId}: ${f.message}`), []);
    });
  }
});
