// Deterministic benchmark corpus: a monorepo-shaped tree of JS/TS, Python and config files, with twelve-factor
// violations sprinkled in, precision bait that must not be flagged, and vendored folders (node_modules/, vendor/)
// that every tool is expected to skip. Same seed and size → byte-identical tree, so runs on different days compare.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isVendored } from './util.mjs';

export const CORPUS_VERSION = 4;

/** Sizes by name: `full` is the default run, `quick` is --quick, `tiny` is the self-test. */
export const CORPUS_SIZES = {
  full: { files: 3000, vendored: 600 },
  quick: { files: 300, vendored: 60 },
  tiny: { files: 40, vendored: 8 },
};

/** mulberry32: small, fast and good enough to pick words; the point is determinism, not statistics. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const chars = (alphabet, n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  return { next, int, pick, chance, chars };
}

const DOMAINS = ['order', 'user', 'invoice', 'payment', 'cart', 'product', 'inventory', 'shipment', 'review', 'account', 'tenant', 'audit', 'coupon', 'refund', 'catalog', 'report', 'message', 'ticket', 'booking', 'profile'];
const VERBS = ['get', 'load', 'fetch', 'create', 'update', 'remove', 'list', 'sync', 'validate', 'normalize', 'compute', 'render', 'parse', 'build', 'merge', 'resolve', 'format', 'index', 'archive', 'restore'];
const NOUNS = ['items', 'entries', 'records', 'rows', 'events', 'lines', 'totals', 'changes', 'batches', 'pages', 'results', 'tags'];
const FIELDS = ['id', 'name', 'status', 'amount', 'currency', 'createdAt', 'updatedAt', 'ownerId', 'quantity', 'price', 'email', 'notes', 'region', 'priority'];
const STATUSES = ['pending', 'active', 'archived', 'failed', 'complete', 'cancelled'];
const HOSTS = ['db-primary.prod.acme-corp.net', 'orders-db.internal', '10.20.4.17', 'cache01.eu-west.acme-corp.net', 'mq.internal.acme-corp.net', 'search-7.prod.acme-corp.net'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const snake = (s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Planted violations by kind. Kinds name the factor a twelve-factor linter should see; the counts are printed with
 * each tool's finding count so a reader can tell a fast tool from one that finds nothing.
 */
function violationMakers(r) {
  const password = () => `${r.chars(ALNUM, 6)}!${r.chars(ALNUM, 5)}`;
  return {
    js: [
      ['credentials-in-url', (id) => [`const databaseUrl${id} = 'postgres://app_rw:${password()}@${r.pick(HOSTS)}:5432/${r.pick(DOMAINS)}s';`]],
      ['credentials-in-url', (id) => [`const amqp${id} = connectBroker('amqp://svc:${password()}@${r.pick(HOSTS)}:5672/prod');`]],
      ['backing-service-url', (id) => [`mongoose.connect('mongodb://${r.pick(HOSTS)}:27017/${r.pick(DOMAINS)}');`]],
      ['backing-service-url', (id) => [`const redisClient${id} = new Redis('redis://${r.pick(HOSTS)}:6379/0');`]],
      ['secret', (id) => [`const stripeSecret${id} = 'sk_live_${r.chars(ALNUM, 24)}';`]],
      ['secret', (id) => [`const awsAccessKeyId${id} = 'AKIA${r.chars(UPPER_NUM, 16)}';`, `const awsSecretAccessKey${id} = '${r.chars(ALNUM, 40)}';`]],
      ['secret', (id) => [`const client${id} = createClient({ apiKey: '${r.chars(HEX, 32)}', password: '${password()}' });`]],
      ['port', (id) => [`server.listen(${r.pick([3000, 8080, 8443, 5000, 9090])}, () => console.log('listening'));`]],
      ['file-logging', (id) => [`const logStream${id} = fs.createWriteStream('/var/log/${r.pick(DOMAINS)}-service.log', { flags: 'a' });`]],
      ['file-logging', (id) => [`logger.add(new winston.transports.File({ filename: 'logs/${r.pick(DOMAINS)}.log' }));`]],
      ['in-memory-session', (id) => [`app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));`]],
      ['local-file-upload', (id) => [`const upload${id} = multer({ dest: 'uploads/' });`]],
      ['dev-prod-divergence', (id) => [`if (process.env.NODE_ENV === 'development') {`, `  app.use(require('cors')());`, `}`]],
    ],
    py: [
      ['credentials-in-url', (id) => [`DATABASE_URL = "postgresql://app:${password()}@${r.pick(HOSTS)}:5432/${r.pick(DOMAINS)}s"`]],
      ['backing-service-url', (id) => [`cache = redis.Redis(host="${r.pick(HOSTS)}", port=6379, db=0)`]],
      ['secret', (id) => [`SECRET_KEY = "django-insecure-${r.chars(ALNUM + '!@#%^&*', 40)}"`]],
      ['secret', (id) => [`AWS_SECRET_ACCESS_KEY = "${r.chars(ALNUM, 40)}"`]],
      ['port', (id) => [`app.run(host="0.0.0.0", port=${r.pick([5000, 8000, 8080])})`]],
      ['file-logging', (id) => [`handler = logging.FileHandler("/var/log/${r.pick(DOMAINS)}.log")`]],
      ['local-file-upload', (id) => [`UPLOAD_FOLDER = os.path.join(BASE_DIR, "uploads")`, `file.save(os.path.join(UPLOAD_FOLDER, filename))`]],
      ['dev-prod-divergence', (id) => [`if os.environ.get("FLASK_ENV") == "development":`, `    app.config["DEBUG"] = True`]],
    ],
  };
}

/** Lines a careful linter must leave alone (fallbacks, placeholders, docs links). */
function baitMakers(r) {
  return {
    js: [
      (id) => [`const dbUrl${id} = process.env.DATABASE_URL || 'postgres://localhost:5432/dev';`],
      (id) => [`const port${id} = Number(process.env.PORT) || 3000;`],
      (id) => [`// See https://docs.acme-corp.net/${r.pick(DOMAINS)}/api for the payload shape.`],
      (id) => [`const apiKey${id} = process.env.API_KEY ?? '<your-api-key>';`],
      (id) => [`const exampleUrl${id} = 'https://api.example.com/v1/${r.pick(DOMAINS)}s';`],
    ],
    py: [
      (id) => [`DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://localhost/dev")`],
      (id) => [`PORT = int(os.environ.get("PORT", "8000"))`],
      (id) => [`# Docs: https://docs.acme-corp.net/${r.pick(DOMAINS)}/api`],
      (id) => [`API_KEY = os.environ["API_KEY"]  # e.g. "changeme" locally`],
    ],
  };
}

/** One JS/TS module of roughly `targetLines` lines. Every line it emits parses. */
function jsModule(r, { ts, targetLines, violationRate, planted, relPath }) {
  const lines = [];
  const v = violationMakers(r).js;
  const bait = baitMakers(r).js;
  const domain = r.pick(DOMAINS);
  const Type = cap(domain);
  const imports = [
    `import express from 'express';`,
    `import fs from 'node:fs';`,
    `import path from 'node:path';`,
    `import mongoose from 'mongoose';`,
    `import Redis from 'ioredis';`,
    `import winston from 'winston';`,
    `import session from 'express-session';`,
    `import multer from 'multer';`,
    `import { createClient } from '@acme/platform-sdk';`,
    `import { connectBroker } from '../lib/broker${ts ? '' : '.js'}';`,
    `import { logger } from '../lib/logger${ts ? '' : '.js'}';`,
  ];
  lines.push(`// ${relPath}: ${domain} ${r.pick(['service', 'helpers', 'routes', 'repository', 'jobs'])}.`, ...imports, '');
  lines.push(`const app = express();`, `const server = app;`, '');
  if (ts) {
    lines.push(`export interface ${Type} {`);
    for (const f of FIELDS.slice(0, r.int(4, FIELDS.length))) lines.push(`  ${f}${r.chance(0.3) ? '?' : ''}: ${f === 'amount' || f === 'price' || f === 'quantity' ? 'number' : 'string'};`);
    lines.push('}', '', `export type ${Type}Status = ${STATUSES.map((s) => `'${s}'`).join(' | ')};`, '');
  }
  const T = (t) => (ts ? `: ${t}` : '');
  let n = 0;
  while (lines.length < targetLines) {
    n++;
    if (r.chance(violationRate)) {
      const [kind, make] = r.pick(v);
      planted[kind] = (planted[kind] ?? 0) + 1;
      lines.push(...make(n), '');
      continue;
    }
    if (r.chance(0.08)) {
      lines.push(...r.pick(bait)(n), '');
      continue;
    }
    const verb = r.pick(VERBS);
    const noun = r.pick(NOUNS);
    const fn = `${verb}${Type}${cap(noun)}${n}`;
    switch (r.int(0, 5)) {
      case 0:
        lines.push(
          `/**`,
          ` * ${cap(verb)}s the ${domain} ${noun} that match the filter, newest first.`,
          ` * @param ${ts ? '' : '{Array<object>} '}list the ${noun} to look at`,
          ` */`,
          `export function ${fn}(list${T(`${Type}[]`)}, limit = ${r.int(5, 100)})${T(`${Type}[]`)} {`,
          `  const out${T(`${Type}[]`)} = [];`,
          `  for (const entry of list) {`,
          `    if (entry.status === '${r.pick(STATUSES)}' && out.length < limit) {`,
          `      out.push({ ...entry, updatedAt: new Date().toISOString() });`,
          `    } else if (entry.${r.pick(FIELDS)} === undefined) {`,
          `      continue;`,
          `    }`,
          `  }`,
          `  return out.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));`,
          `}`,
          '',
        );
        break;
      case 1:
        lines.push(
          `export class ${Type}${cap(noun)}Store${n} {`,
          `  ${ts ? 'private readonly ' : ''}cache = new Map${ts ? `<string, ${Type}>` : ''}();`,
          `  ${ts ? 'constructor(private readonly baseUrl: string) {}' : 'constructor(baseUrl) { this.baseUrl = baseUrl; }'}`,
          '',
          `  async ${verb}(id${T('string')})${T(`Promise<${Type} | undefined>`)} {`,
          `    const hit = this.cache.get(id);`,
          `    if (hit) return hit;`,
          `    const response = await fetch(\`\${this.baseUrl}/${domain}s/\${encodeURIComponent(id)}\`);`,
          `    if (!response.ok) {`,
          `      logger.warn({ id, status: response.status }, '${domain} lookup failed');`,
          `      return undefined;`,
          `    }`,
          `    const body = (await response.json())${ts ? ` as ${Type}` : ''};`,
          `    this.cache.set(id, body);`,
          `    return body;`,
          `  }`,
          '',
          `  size()${T('number')} {`,
          `    return this.cache.size;`,
          `  }`,
          `}`,
          '',
        );
        break;
      case 2:
        lines.push(
          `app.${r.pick(['get', 'post', 'put', 'delete'])}('/api/${domain}s/:id/${noun}', async (req, res, next) => {`,
          `  try {`,
          `    const id = String(req.params.id);`,
          `    const page = Math.max(1, Number(req.query.page ?? 1));`,
          `    const rows = await db.query('SELECT * FROM ${snake(domain)}_${noun} WHERE ${domain}_id = $1 LIMIT 50 OFFSET $2', [id, (page - 1) * 50]);`,
          `    res.json({ id, page, ${noun}: rows });`,
          `  } catch (error) {`,
          `    next(error);`,
          `  }`,
          `});`,
          '',
        );
        break;
      case 3:
        lines.push(
          `export function ${fn}Reducer(state${T(`Record<string, ${Type}>`)}, action${T('{ type: string; payload?: any }')}) {`,
          `  switch (action.type) {`,
          ...STATUSES.slice(0, r.int(2, STATUSES.length)).flatMap((s) => [
            `    case '${domain}/${s}':`,
            `      return { ...state, [action.payload.id]: { ...action.payload, status: '${s}' } };`,
          ]),
          `    default:`,
          `      return state;`,
          `  }`,
          `}`,
          '',
        );
        break;
      case 4:
        lines.push(`export const ${snake(fn).toUpperCase()}_DEFAULTS = Object.freeze({`);
        for (const f of FIELDS.slice(0, r.int(3, 8))) lines.push(`  ${f}: ${r.chance(0.5) ? r.int(0, 999) : `'${r.pick(STATUSES)}'`},`);
        lines.push(`});`, '');
        break;
      default:
        lines.push(
          `export async function ${fn}(ids${T('string[]')})${T('Promise<number>')} {`,
          `  let total = 0;`,
          `  const chunks = [];`,
          `  for (let i = 0; i < ids.length; i += ${r.int(10, 200)}) chunks.push(ids.slice(i, i + ${r.int(10, 200)}));`,
          `  for (const chunk of chunks) {`,
          `    const results = await Promise.allSettled(chunk.map((id) => fetch(\`\${process.env.${domain.toUpperCase()}_API_URL}/\${id}\`)));`,
          `    total += results.filter((x) => x.status === 'fulfilled').length;`,
          `  }`,
          `  logger.info({ total, file: path.basename(__filename) }, '${verb} done');`,
          `  return total;`,
          `}`,
          '',
        );
    }
  }
  lines.push(`export default app;`, `void fs; void mongoose; void Redis; void winston; void session; void multer; void createClient; void connectBroker;`, '');
  return lines.join('\n');
}

function pyModule(r, { targetLines, violationRate, planted, relPath }) {
  const v = violationMakers(r).py;
  const bait = baitMakers(r).py;
  const domain = r.pick(DOMAINS);
  const Type = cap(domain);
  const lines = [
    `"""${relPath}: ${domain} ${r.pick(['service', 'views', 'repository', 'tasks'])}."""`,
    `from __future__ import annotations`,
    '',
    `import logging`,
    `import os`,
    `from dataclasses import dataclass, field`,
    `from typing import Iterable, Optional`,
    '',
    `import redis`,
    `from flask import Flask, jsonify, request`,
    '',
    `BASE_DIR = os.path.dirname(os.path.abspath(__file__))`,
    `log = logging.getLogger(__name__)`,
    `app = Flask(__name__)`,
    '',
  ];
  let n = 0;
  while (lines.length < targetLines) {
    n++;
    if (r.chance(violationRate)) {
      const [kind, make] = r.pick(v);
      planted[kind] = (planted[kind] ?? 0) + 1;
      lines.push(...make(n), '');
      continue;
    }
    if (r.chance(0.08)) {
      lines.push(...r.pick(bait)(n), '');
      continue;
    }
    const verb = r.pick(VERBS);
    const noun = r.pick(NOUNS);
    const fn = `${verb}_${domain}_${noun}_${n}`;
    switch (r.int(0, 3)) {
      case 0:
        lines.push(
          `@dataclass`,
          `class ${Type}${cap(noun)}${n}:`,
          `    """A ${domain} with its ${noun}."""`,
          '',
          ...FIELDS.slice(0, r.int(3, 7)).map((f) => `    ${snake(f)}: Optional[str] = None`),
          `    ${noun}: list = field(default_factory=list)`,
          '',
          `    def total(self) -> int:`,
          `        return sum(int(x.get("amount", 0)) for x in self.${noun})`,
          '',
        );
        break;
      case 1:
        lines.push(
          `def ${fn}(rows: Iterable[dict], limit: int = ${r.int(5, 100)}) -> list:`,
          `    """${cap(verb)} the ${noun} of each ${domain}, skipping ${r.pick(STATUSES)} ones."""`,
          `    out = []`,
          `    for row in rows:`,
          `        if row.get("status") == "${r.pick(STATUSES)}":`,
          `            continue`,
          `        try:`,
          `            out.append({**row, "${snake(r.pick(FIELDS))}": row["id"].strip()})`,
          `        except (KeyError, AttributeError) as exc:`,
          `            log.warning("bad ${domain} row: %s", exc)`,
          `        if len(out) >= limit:`,
          `            break`,
          `    return sorted(out, key=lambda x: x.get("created_at", ""))`,
          '',
        );
        break;
      case 2:
        lines.push(
          `@app.route("/api/${domain}s/<item_id>/${noun}", methods=["${r.pick(['GET', 'POST'])}"])`,
          `def ${fn}_view(item_id: str):`,
          `    page = max(1, int(request.args.get("page", "1")))`,
          `    rows = db.execute("SELECT * FROM ${domain}_${noun} WHERE ${domain}_id = %s LIMIT 50 OFFSET %s", (item_id, (page - 1) * 50))`,
          `    return jsonify({"id": item_id, "page": page, "${noun}": [dict(r) for r in rows]})`,
          '',
        );
        break;
      default:
        lines.push(`${snake(fn).toUpperCase()}_DEFAULTS = {`);
        for (const f of FIELDS.slice(0, r.int(3, 8))) lines.push(`    "${snake(f)}": ${r.chance(0.5) ? r.int(0, 999) : `"${r.pick(STATUSES)}"`},`);
        lines.push(`}`, '');
    }
  }
  lines.push(`db = None  # set by the app factory`, '');
  return lines.join('\n');
}

function configFile(r, kind, { service, planted }) {
  switch (kind) {
    case 'package.json':
      return `${JSON.stringify({ name: `@acme/${service}`, version: `1.${r.int(0, 20)}.${r.int(0, 9)}`, private: true, main: 'src/index.js', scripts: { start: 'node src/index.js', test: 'node --test' }, dependencies: { '@acme/platform-sdk': '^2.1.0', cors: '^2.8.5', express: '^4.19.2', 'express-session': '^1.18.0', ioredis: '^5.4.1', mongoose: '^8.5.0', multer: '^1.4.5-lts.1', winston: '^3.13.0' } }, null, 2)}\n`;
    case 'tsconfig.json':
      return `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, outDir: 'dist' }, include: ['src'] }, null, 2)}\n`;
    case 'docker-compose.yml': {
      const leak = r.chance(0.3);
      if (leak) planted['credentials-in-url'] = (planted['credentials-in-url'] ?? 0) + 1;
      return [
        `services:`,
        `  ${service}:`,
        `    build: .`,
        `    ports: ["${r.int(3000, 9000)}:8080"]`,
        `    environment:`,
        `      DATABASE_URL: ${leak ? `postgres://app:${r.chars(ALNUM, 12)}@db:5432/app` : '${DATABASE_URL}'}`,
        `      REDIS_URL: redis://cache:6379`,
        `  db:`,
        `    image: postgres:16`,
        '',
      ].join('\n');
    }
    case 'config.yaml':
      return [`${service}:`, `  timeoutMs: ${r.int(100, 5000)}`, `  retries: ${r.int(0, 5)}`, `  features:`, ...NOUNS.slice(0, r.int(2, 6)).map((n) => `    - ${n}`), ''].join('\n');
    case '.env.example':
      // Every name the generated code reads, so the project's .env.example is in step with it (as a kept one is).
      return ['DATABASE_URL=', 'REDIS_URL=', 'PORT=8080', 'API_KEY=', 'SESSION_SECRET=', 'NODE_ENV=production', 'FLASK_ENV=production', ...DOMAINS.map((d) => `${d.toUpperCase()}_API_URL=`), ''].join('\n');
    case 'Procfile':
      return `web: node src/index.js\nworker: node src/worker.js\n`;
    case 'Dockerfile':
      return `FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "src/index.js"]\n`;
    case 'requirements.txt':
      return ['flask==3.0.3', 'redis==5.0.7', 'psycopg2-binary==2.9.9', 'gunicorn==22.0.0', ''].join('\n');
    default:
      return [`# ${service}`, '', `The ${service} service. Configure it with environment variables; see .env.example.`, '', '```sh', `DATABASE_URL=postgres://user:password@localhost:5432/${service} npm start`, '```', ''].join('\n');
  }
}

function codeLines(r) {
  const x = r.next();
  if (x < 0.7) return r.int(30, 160);
  if (x < 0.95) return r.int(160, 500);
  return r.int(500, 1200);
}

/**
 * The file list (relative path → text) for a corpus. Deterministic in (seed, files, vendored).
 * Returns the files and what was planted.
 */
export function buildCorpus({ seed = 12, files = CORPUS_SIZES.full.files, vendored = CORPUS_SIZES.full.vendored } = {}) {
  const r = prng(seed);
  const out = new Map();
  const planted = {};
  const services = [];
  const serviceCount = Math.max(2, Math.round(files / 120));
  for (let i = 0; i < serviceCount; i++) services.push(`${r.pick(DOMAINS)}-${r.pick(['api', 'worker', 'gateway', 'service', 'jobs'])}-${i}`);
  const add = (path, text) => out.set(path, text);

  let made = 0;
  const perService = Math.ceil(files / serviceCount);
  for (const service of services) {
    const python = r.chance(0.35);
    const base = `services/${service}`;
    const configs = python ? ['requirements.txt', 'Procfile', 'Dockerfile', '.env.example', 'README.md', 'config.yaml'] : ['package.json', 'tsconfig.json', 'docker-compose.yml', 'Procfile', 'Dockerfile', '.env.example', 'README.md', 'config.yaml'];
    for (const c of configs) {
      if (made >= files) break;
      const path = c === 'config.yaml' ? `${base}/config/${service}.yaml` : `${base}/${c}`;
      add(path, configFile(r, c, { service, planted }));
      made++;
    }
    for (let k = configs.length; k < perService && made < files; k++, made++) {
      const test = r.chance(0.1);
      const docs = !test && r.chance(0.02);
      const lang = python ? (r.chance(0.85) ? 'py' : 'js') : r.chance(0.5) ? 'ts' : r.chance(0.85) ? 'js' : 'py';
      const stem = `${r.pick(DOMAINS)}-${r.pick(VERBS)}-${k}`;
      let path;
      if (lang === 'py') path = test ? `${base}/tests/test_${snake(stem.replace(/-/g, '_'))}.py` : `${base}/app/${stem.replace(/-/g, '_')}.py`;
      else {
        const ext = lang === 'ts' ? (r.chance(0.1) ? '.tsx' : '.ts') : r.chance(0.1) ? '.mjs' : '.js';
        path = test ? `${base}/test/${stem}.test${ext}` : docs ? `${base}/docs/examples/${stem}${ext}` : `${base}/src/${r.pick(['routes', 'lib', 'services', 'jobs', 'models'])}/${stem}${ext}`;
      }
      // Violations in tests and docs are planted too: a linter that respects file roles should drop them.
      const sink = test || docs ? {} : planted;
      const opts = { targetLines: codeLines(r), violationRate: 0.04, planted: sink, relPath: path };
      add(path, lang === 'py' ? pyModule(r, opts) : jsModule(r, { ...opts, ts: lang === 'ts' }));
    }
  }
  // Vendored code: must be skipped. It is full of the same violations, so a tool that reads it shows it.
  const scratch = {};
  for (let i = 0; i < vendored; i++) {
    const pkg = `${r.pick(['left', 'fast', 'tiny', 'acme', 'super'])}-${r.pick(NOUNS)}-${i % 37}`;
    const where = r.next();
    const opts = { targetLines: codeLines(r), violationRate: 0.08, planted: scratch, relPath: '' };
    if (where < 0.55) add(`node_modules/${pkg}/lib/file${i}.js`, jsModule(r, { ...opts, ts: false }));
    else if (where < 0.7) add(`services/${r.pick(services)}/node_modules/${pkg}/index${i}.js`, jsModule(r, { ...opts, ts: false }));
    else if (where < 0.85) add(`vendor/${pkg}/module${i}.py`, pyModule(r, opts));
    else add(`vendor/${pkg}/dist/bundle${i}.js`, jsModule(r, { ...opts, ts: false }));
  }
  return { files: out, planted };
}

function stats(files) {
  let bytes = 0;
  let lines = 0;
  const byKind = { js: 0, ts: 0, py: 0, other: 0, vendored: 0 };
  for (const [path, text] of files) {
    bytes += Buffer.byteLength(text);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    if (isVendored(path)) byKind.vendored++;
    else if (/\.(m|c)?jsx?$/.test(path)) byKind.js++;
    else if (/\.(m|c)?tsx?$/.test(path)) byKind.ts++;
    else if (path.endsWith('.py')) byKind.py++;
    else byKind.other++;
  }
  return { bytes, lines, byKind };
}

/**
 * Writes the corpus to `dir` unless a manifest there says it is already this exact corpus. Returns the manifest:
 * { version, seed, files, vendored, fileCount, bytes, lines, byKind, planted, digest }.
 */
export function ensureCorpus(dir, { seed = 12, size = 'full', files, vendored } = {}) {
  const preset = CORPUS_SIZES[size] ?? CORPUS_SIZES.full;
  const want = { version: CORPUS_VERSION, seed, files: files ?? preset.files, vendored: vendored ?? preset.vendored };
  // The manifest sits beside the folder, not in it, so no tool reads it as part of the corpus.
  const manifestPath = `${dir.replace(/[\\/]+$/, '')}.manifest.json`;
  if (existsSync(manifestPath) && existsSync(dir)) {
    try {
      const have = JSON.parse(readFileSync(manifestPath, 'utf8'));
      if (have.version === want.version && have.seed === want.seed && have.files === want.files && have.vendored === want.vendored) return have;
    } catch {
      // A broken manifest means a broken corpus: rebuild it below.
    }
  }
  const built = buildCorpus(want);
  rmSync(dir, { recursive: true, force: true });
  rmSync(manifestPath, { force: true });
  const hash = createHash('sha256');
  for (const [path, text] of [...built.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    hash.update(path).update('\0').update(text).update('\0');
  }
  const manifest = { ...want, fileCount: built.files.size, ...stats(built.files), planted: built.planted, digest: hash.digest('hex').slice(0, 16) };
  mkdirSync(dirname(manifestPath), { recursive: true });
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * One source file of about `lines` lines for the editing benchmark: `js`, `ts` or `py`, without violations (the
 * typing session adds its own), deterministic in the seed.
 */
export function sourceFile(language, lines, seed = 7) {
  const r = prng(seed + lines);
  const opts = { targetLines: lines, violationRate: 0, planted: {}, relPath: `src/editing-${lines}.${language}` };
  return language === 'py' ? pyModule(r, opts) : jsModule(r, { ...opts, ts: language === 'ts' });
}

/** A minified bundle of about `bytes` characters on one line (what editors open by accident). */
export function minifiedLine(bytes = 1_000_000, seed = 5) {
  const r = prng(seed);
  const parts = ['!function(){"use strict";'];
  let size = parts[0].length;
  for (let i = 0; size < bytes - 40; i++) {
    const name = `${r.pick('abcdefghijklmnopqrstuvwxyz'.split(''))}${i.toString(36)}`;
    const part = r.chance(0.5) ? `var ${name}=function(e,t){return e.${r.pick(FIELDS)}+t|0};` : `${name}=[${r.int(0, 999)},"${r.pick(STATUSES)}",${r.int(0, 99)}].map(function(n){return n});`;
    parts.push(part);
    size += part.length;
  }
  parts.push('}();\n');
  return parts.join('');
}
