/**
 * Issue 13, item 5: masking by construction. Random secrets of every shape are planted in JS and Python files (URL
 * passwords, user-only URL tokens, query and fragment credentials, key=value DSN passwords, known token formats,
 * plain secrets, URLs padded past 4,096 characters, IDN hosts); the audit's every output — text, JSON and SARIF
 * reports, LSP diagnostics with their data, fix titles, rule errors — must hold none of them, and the SARIF
 * fingerprints must not change when only the secrets change. Seeded: a failure replays.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatJson } from '../../server/src/report/json';
import { formatSarif } from '../../server/src/report/sarif';
import { formatText, PLAIN } from '../../server/src/report/text';
import { toDiagnostic } from '../../server/src/diagnostics';
import { auditWorkspace } from '../../server/src/node/audit';
import { makeProject } from '../cli/helpers';
import { seededRandom, type SeededRandom } from '../support/random';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const word = (r: SeededRandom, n: number, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[r.int(0, alphabet.length - 1)]).join('');
/** A secret no placeholder test would excuse: letters and digits mixed, starting with a letter. */
const secretOf = (r: SeededRandom, n = 20) => `Q${word(r, n - 2)}7`;

interface Plant {
  shape: string;
  secret: string;
  /** The literal as written in the code. */
  value: string;
  /** Is a finding expected on that line? (Every shape a rule should report.) */
  reported: boolean;
}

function plants(r: SeededRandom): Plant[] {
  const s = () => secretOf(r);
  const out: Plant[] = [];
  const add = (shape: string, make: (secret: string) => string, reported = true) => {
    const secret = s();
    out.push({ shape, secret, value: make(secret), reported });
  };
  add('url password', (x) => `postgres://app:${x}@db.acme-prod.io:5432/app`);
  add('user-only token', (x) => `postgres://${x}@db.acme-prod.io:5432/app`);
  for (const param of ['password', 'sslpassword', 'token', 'api_key', 'access_token', 'auth', 'secret']) {
    add(`?${param}=`, (x) => `redis://cache.acme-prod.io:6379/0?${param}=${x}`, param === 'password' || param === 'sslpassword');
  }
  add('#access_token=', (x) => `amqp://mq.acme-prod.io:5672/vhost#access_token=${x}`, false);
  add('dsn sslpassword=', (x) => `host=db.acme-prod.io user=app sslpassword=${x} dbname=app`);
  add('dsn password=', (x) => `host=db.acme-prod.io user=app password=${x} dbname=app`);
  add('stripe', (x) => `sk_live_${x}`);
  add('github', (x) => `ghp_${x}${word(r, 16)}`);
  add('long url', (x) => `postgres://app:${x}@db.acme-prod.io:5432/app?application_name=${'a'.repeat(5000)}`);
  add('idn host', (x) => `postgres://app:${x}@db.bücher-prod.de:5432/app`);
  return out;
}

function jsFile(list: Plant[]): string {
  // A second, unrelated secret-like value on each finding's line: the fingerprint must not depend on it either.
  return list.map((p, i) => `const conn${i} = ${JSON.stringify(p.value)}; const note${i} = "${p.secret.split('').reverse().join('')}";\nconnect(conn${i});\n`).join('') + `const apiSecret = "${list[0].secret}";\n`;
}
function pyFile(list: Plant[]): string {
  return list.map((p, i) => `CONN_${i} = ${JSON.stringify(p.value)}\nconnect(CONN_${i})\n`).join('');
}

async function audit(seed: number) {
  const r = seededRandom(seed);
  const js = plants(r);
  const py = plants(r);
  const root = makeProject({ 'package.json': '{"name":"x"}', 'package-lock.json': '{}', 'src/db.js': jsFile(js), 'app/settings.py': pyFile(py), 'requirements.txt': 'flask==3.0.0\n' });
  const result = await auditWorkspace(root);
  const report = { toolVersion: '0', roots: [result] };
  const outputs = [
    formatText(report, PLAIN, root),
    JSON.stringify(formatJson(report)),
    JSON.stringify(formatSarif(report)),
    ...result.findings.map((f) => JSON.stringify(toDiagnostic(f, 1))),
    ...result.ruleErrors,
  ].join('\n');
  return { js, py, result, outputs };
}

describe('no planted secret reaches any output', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}`, async () => {
      const { js, py, result, outputs } = await audit(seed);
      assert.deepEqual(result.ruleErrors, []);
      for (const plant of [...js, ...py]) {
        assert.ok(!outputs.includes(plant.secret), `the ${plant.shape} secret leaked (seed ${seed})`);
        // Neither may a long-enough piece of it (a secret cut short is still most of a secret).
        assert.ok(!outputs.includes(plant.secret.slice(2, 14)), `part of the ${plant.shape} secret leaked (seed ${seed})`);
      }
      const lines = (file: string, list: Plant[]) =>
        list.map((p, i) => ({ p, line: i * 2 })).filter(({ p }) => p.reported).filter(({ line }) => !result.findings.some((f) => f.path === file && f.start.line === line));
      assert.deepEqual(lines('src/db.js', js).map(({ p }) => p.shape), [], 'JS: shapes not reported');
      assert.deepEqual(lines('app/settings.py', py).map(({ p }) => p.shape), [], 'Python: shapes not reported');
    });
  }

  it('SARIF fingerprints do not depend on the secrets', async () => {
    const a = await audit(11);
    const b = await audit(12);
    const prints = (r: typeof a) => r.result.findings.map((f) => `${f.path}:${f.start.line}:${f.ruleId} ${f.fingerprint}`);
    assert.deepEqual(prints(a), prints(b));
  });
});
