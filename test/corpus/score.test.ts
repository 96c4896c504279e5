/**
 * The pure half of `npm run corpus` (corpus/score.ts): label files are read with errors that name file:line, findings
 * are matched to labels by path, rule and line ±1, and the tallies give precision and recall per rule and language.
 * The script itself (git, temp dirs, the CLI) needs the mirrored repositories, so it is not run here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Finding,
  type Label,
  languageOfPath,
  matchRepo,
  parseLabels,
  precision,
  recall,
  renderMarkdown,
  renderSummary,
  score,
  toJson,
} from '../../corpus/score';

const HEADER = ['# repo: acme/shop', `# commit: ${'a'.repeat(40)}`, '# kind: app', '# languages: js, yaml', 'path\tline\tfactor\trule\tverdict\treason'];
const RULES = new Set(['no-credentials-in-url', 'no-hardcoded-secret', 'no-hardcoded-port', 'missing-lockfile']);
const tsv = (...rows: string[]) => [...HEADER, ...rows].join('\n') + '\n';
const row = (...cells: (string | number)[]) => cells.join('\t');

describe('corpus label files', () => {
  it('reads the header and the labels', () => {
    const { labels, errors, warnings } = parseLabels(
      tsv(row('src/db.js', 12, 'III', 'no-credentials-in-url', 'violation', 'postgres URL with a literal password'), '', row('package.json', 1, 'II', 'missing-lockfile', 'debatable', 'a library')),
      'acme__shop.tsv',
      { knownRules: RULES, expectFileName: 'acme__shop.tsv' },
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    assert.equal(labels?.repo, 'acme/shop');
    assert.equal(labels?.commit, 'a'.repeat(40));
    assert.deepEqual(labels?.languages, ['js', 'yaml']);
    assert.deepEqual(
      labels?.labels.map((l) => [l.path, l.line, l.rule, l.verdict, l.row]),
      [
        ['src/db.js', 12, 'no-credentials-in-url', 'violation', 6],
        ['package.json', 1, 'missing-lockfile', 'debatable', 8],
      ],
    );
  });

  it('accepts CRLF line ends, a note and free comments', () => {
    const text = ['# note: a shop', '# labelled by reading the code first', ...HEADER, row('a.js', 1, 'VII', 'no-hardcoded-port', 'violation', 'listen(3000)')].join('\r\n');
    const { labels, errors } = parseLabels(text, 'x.tsv', { knownRules: RULES });
    assert.deepEqual(errors, []);
    assert.equal(labels?.note, 'a shop');
    assert.equal(labels?.labels[0].reason, 'listen(3000)');
  });

  // Each malformed file gives errors naming file:line, and no labels (a half-right file is not scored).
  const malformed: { name: string; text: string; errors: string[]; fileName?: string }[] = [
    { name: 'too few columns', text: tsv(row('a.js', 1, 'III', 'no-hardcoded-secret', 'violation')), errors: ['f.tsv:6: expected 6 tab-separated columns (path, line, factor, rule, verdict, reason), found 5'] },
    { name: 'a tab inside the reason', text: tsv(row('a.js', 1, 'III', 'no-hardcoded-secret', 'violation', 'a', 'b')), errors: ['f.tsv:6: expected 6 tab-separated columns (path, line, factor, rule, verdict, reason), found 7'] },
    { name: 'line zero', text: tsv(row('a.js', 0, 'III', 'no-hardcoded-secret', 'violation', 'r')), errors: ["f.tsv:6: line '0' is not a line number (1-based)"] },
    { name: 'line not a number', text: tsv(row('a.js', '12a', 'III', 'no-hardcoded-secret', 'violation', 'r')), errors: ["f.tsv:6: line '12a' is not a line number (1-based)"] },
    { name: 'unknown factor', text: tsv(row('a.js', 1, 'XII', 'no-hardcoded-secret', 'violation', 'r')), errors: ["f.tsv:6: factor 'XII' is not one of II, III, IV, V, VI, VII, VIII, IX, X, XI"] },
    { name: 'unknown rule', text: tsv(row('a.js', 1, 'III', 'no-hardcoded-password', 'violation', 'r')), errors: ["f.tsv:6: unknown rule 'no-hardcoded-password' (no docs/rules/no-hardcoded-password.md)"] },
    { name: 'bad verdict', text: tsv(row('a.js', 1, 'III', 'no-hardcoded-secret', 'yes', 'r')), errors: ["f.tsv:6: verdict 'yes' is not one of violation, not-a-violation, debatable"] },
    { name: 'empty reason', text: tsv(row('a.js', 1, 'III', 'no-hardcoded-secret', 'violation', ' ')), errors: ['f.tsv:6: empty reason'] },
    { name: 'absolute path', text: tsv(row('/src/a.js', 1, 'III', 'no-hardcoded-secret', 'violation', 'r')), errors: ["f.tsv:6: path '/src/a.js' must be relative to the repository root, with forward slashes"] },
    { name: 'backslashes', text: tsv(row('src\\a.js', 1, 'III', 'no-hardcoded-secret', 'violation', 'r')), errors: ["f.tsv:6: path 'src\\a.js' must be relative to the repository root, with forward slashes"] },
    {
      name: 'two bad rows: both reported, in order',
      text: tsv(row('a.js', 'x', 'III', 'no-hardcoded-secret', 'violation', 'r'), row('b.js', 2, 'III', 'no-hardcoded-secret', 'maybe', 'r')),
      errors: ["f.tsv:6: line 'x' is not a line number (1-based)", "f.tsv:7: verdict 'maybe' is not one of violation, not-a-violation, debatable"],
    },
    { name: 'no column line', text: HEADER.slice(0, 4).join('\n') + '\n', errors: ["f.tsv:4: no column line 'path<TAB>line<TAB>factor<TAB>rule<TAB>verdict<TAB>reason'"] },
    {
      name: 'a label before the column line',
      text: [...HEADER.slice(0, 4), row('a.js', 1, 'III', 'no-hardcoded-secret', 'violation', 'r')].join('\n'),
      errors: ["f.tsv:5: expected the column line 'path<TAB>line<TAB>factor<TAB>rule<TAB>verdict<TAB>reason' before the first label"],
    },
    { name: 'missing commit', text: [HEADER[0], ...HEADER.slice(2)].join('\n'), errors: ["f.tsv:1: missing header '# commit:'"] },
    { name: 'short commit', text: tsv().replace('a'.repeat(40), 'abc123'), errors: ["f.tsv:2: commit 'abc123' is not a 40-hex commit id"] },
    { name: 'misspelt header', text: `# comit: x\n${tsv()}`, errors: ["f.tsv:1: unknown header '# comit:' (expected one of # repo: # commit: # kind: # languages: # note:)"] },
    { name: 'header twice', text: tsv().replace('# kind: app', '# kind: app\n# kind: tutorial'), errors: ["f.tsv:4: '# kind:' given twice (first on line 3)"] },
    { name: 'unknown kind', text: tsv().replace('# kind: app', '# kind: library'), errors: ["f.tsv:3: kind 'library' is not one of app, boilerplate, tutorial, realworld, service"] },
    { name: 'unknown language', text: tsv().replace('js, yaml', 'js, cobol'), errors: ["f.tsv:4: unknown language 'cobol' (expected js, ts, python, go, java, csharp, ruby, yaml, properties, json, xml, ini, toml)"] },
    { name: 'repo not owner/name', text: tsv().replace('acme/shop', 'shop'), errors: ["f.tsv:1: repo 'shop' is not owner/name"] },
    { name: 'repo and file name disagree', text: tsv(), fileName: 'acme__store.tsv', errors: ["f.tsv:1: repo 'acme/shop' does not match the file name (expected acme__shop.tsv)"] },
  ];
  for (const c of malformed) {
    it(`rejects ${c.name}`, () => {
      const { labels, errors } = parseLabels(c.text, 'f.tsv', { knownRules: RULES, expectFileName: c.fileName });
      assert.deepEqual(errors, c.errors);
      assert.equal(labels, null);
    });
  }

  it('warns about a reason that holds a credential (it is masked in every output)', () => {
    const { labels, warnings } = parseLabels(tsv(row('a.js', 1, 'III', 'no-credentials-in-url', 'violation', 'postgres://app:hunter2@db in the code')), 'f.tsv');
    assert.equal(labels?.labels.length, 1);
    assert.deepEqual(warnings, ['f.tsv:6: the reason looks like it holds a credential; it is masked in the output, but write it without the value']);
  });
});

describe('corpus languages', () => {
  const cases: [string, string][] = [
    ['src/db.js', 'js'], ['web/App.tsx', 'ts'], ['lib/x.mjs', 'js'], ['app/settings.py', 'python'], ['main.go', 'go'], ['go.mod', 'go'],
    ['src/main/java/App.java', 'java'], ['Startup.cs', 'csharp'], ['WebApi.csproj', 'xml'], ['pom.xml', 'xml'], ['config/database.yml', 'yaml'],
    ['application.properties', 'properties'], ['appsettings.Development.json', 'json'], ['setup.cfg', 'ini'], ['pyproject.toml', 'toml'],
    ['Gemfile', 'ruby'], ['config.ru', 'ruby'], ['requirements.txt', 'python'], ['Procfile', 'procfile'], ['.env', 'dotenv'], ['.env.example', 'dotenv'],
    ['Dockerfile', 'other'], ['README.md', 'other'],
  ];
  for (const [path, language] of cases) it(`${path} → ${language}`, () => assert.equal(languageOfPath(path), language));
});

function label(path: string, line: number, rule: string, verdict: Label['verdict'], reason = 'r'): Label {
  return { file: 't.tsv', row: line, path, line, factor: 'III', rule, verdict, reason };
}
function finding(path: string, line: number, ruleId: string, message = 'm'): Finding {
  return { path, line, column: 1, ruleId, message };
}
const SECRET = 'no-hardcoded-secret';
const URL = 'no-credentials-in-url';

describe('corpus matching', () => {
  // Each case: labels, findings, then for each finding the index of the label it lands on (null: unlabelled), and
  // the indexes of the violation labels missed.
  const cases: { name: string; labels: Label[]; findings: Finding[]; landsOn: (number | null)[]; misses: number[] }[] = [
    { name: 'same path, rule and line', labels: [label('a.js', 5, SECRET, 'violation')], findings: [finding('a.js', 5, SECRET)], landsOn: [0], misses: [] },
    { name: 'a line above or below', labels: [label('a.js', 5, SECRET, 'violation'), label('b.js', 5, SECRET, 'violation')], findings: [finding('a.js', 4, SECRET), finding('b.js', 6, SECRET)], landsOn: [0, 1], misses: [] },
    { name: 'two lines away is no match', labels: [label('a.js', 5, SECRET, 'violation')], findings: [finding('a.js', 7, SECRET)], landsOn: [null], misses: [0] },
    { name: 'another rule is no match', labels: [label('a.js', 5, SECRET, 'violation')], findings: [finding('a.js', 5, URL)], landsOn: [null], misses: [0] },
    { name: 'another path is no match', labels: [label('a.js', 5, SECRET, 'violation')], findings: [finding('src/a.js', 5, SECRET)], landsOn: [null], misses: [0] },
    { name: 'a finding on a look-alike', labels: [label('a.js', 5, SECRET, 'not-a-violation')], findings: [finding('a.js', 5, SECRET)], landsOn: [0], misses: [] },
    { name: 'a finding on a debatable label', labels: [label('a.js', 5, SECRET, 'debatable')], findings: [finding('a.js', 5, SECRET)], landsOn: [0], misses: [] },
    { name: 'a look-alike with no finding is no miss', labels: [label('a.js', 5, SECRET, 'not-a-violation')], findings: [], landsOn: [], misses: [] },
    {
      name: 'adjacent labels: each finding takes the one on its own line',
      labels: [label('a.json', 3, URL, 'violation'), label('a.json', 4, URL, 'violation')],
      findings: [finding('a.json', 4, URL), finding('a.json', 3, URL)],
      landsOn: [0, 1], // findings come back sorted by line: line 3 → label 0, line 4 → label 1
      misses: [],
    },
    {
      name: 'one finding never counts for two adjacent labels',
      labels: [label('a.json', 3, URL, 'violation'), label('a.json', 4, URL, 'violation')],
      findings: [finding('a.json', 3, URL)],
      landsOn: [0],
      misses: [1],
    },
    {
      name: 'a second finding on a claimed label joins it',
      labels: [label('a.js', 5, SECRET, 'violation')],
      findings: [finding('a.js', 5, SECRET), finding('a.js', 6, SECRET)],
      landsOn: [0, 0],
      misses: [],
    },
    {
      name: 'a finding between two labels goes to the unclaimed one',
      labels: [label('a.js', 4, SECRET, 'violation'), label('a.js', 6, SECRET, 'not-a-violation')],
      findings: [finding('a.js', 4, SECRET), finding('a.js', 5, SECRET)],
      landsOn: [0, 1],
      misses: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = matchRepo('acme/shop', c.labels, c.findings);
      assert.deepEqual(
        m.matches.map((x) => (x.label === null ? null : c.labels.indexOf(x.label))),
        c.landsOn,
      );
      assert.deepEqual(m.misses.map((l) => c.labels.indexOf(l)), c.misses);
    });
  }
});

describe('corpus scoring', () => {
  const labels = [
    label('src/db.js', 3, URL, 'violation', 'URL with a password'),
    label('src/db.js', 9, URL, 'violation', 'second URL with a password'),
    label('src/auth.ts', 4, SECRET, 'violation', 'JWT secret literal'),
    label('src/auth.ts', 8, SECRET, 'not-a-violation', 'env fallback'),
    label('settings.py', 2, SECRET, 'violation', 'SECRET_KEY literal'),
    label('settings.py', 7, SECRET, 'debatable', 'demo seed password'),
  ];
  const findings = [
    finding('src/db.js', 3, URL, 'PostgreSQL URL with a password (postgres://app:****@db)'),
    finding('src/auth.ts', 4, SECRET),
    finding('src/auth.ts', 8, SECRET, 'JWT secret in the code'),
    finding('settings.py', 7, SECRET),
    finding('app.py', 20, 'no-hardcoded-port', 'app.run(port=5000)'),
  ];
  const s = score([{ match: matchRepo('acme/shop', labels, findings), labels }]);

  // [key, violations, found, TP, FP, misses, unlabelled, debatable, precision, recall]
  const expected: [string, number, number, number, number, number, number, number, number | null, number | null][] = [
    ['overall', 4, 2, 2, 1, 2, 1, 1, 2 / 3, 2 / 4],
    [`rule ${URL}`, 2, 1, 1, 0, 1, 0, 0, 1, 1 / 2],
    [`rule ${SECRET}`, 2, 1, 1, 1, 1, 0, 1, 1 / 2, 1 / 2],
    ['rule no-hardcoded-port', 0, 0, 0, 0, 0, 1, 0, null, null],
    ['language js', 2, 1, 1, 0, 1, 0, 0, 1, 1 / 2],
    ['language ts', 1, 1, 1, 1, 0, 0, 0, 1 / 2, 1],
    ['language python', 1, 0, 0, 0, 1, 1, 1, null, 0],
  ];
  for (const [key, violations, found, tp, fp, misses, unlabelled, debatable, p, r] of expected) {
    it(`tallies ${key}`, () => {
      const [kind, name] = key.split(' ');
      const t = kind === 'overall' ? s.overall : (kind === 'rule' ? s.byRule : s.byLanguage).get(name)!;
      assert.deepEqual(t, { violations, found, truePositives: tp, falsePositives: fp, misses, unlabelled, debatable });
      assert.equal(precision(t), p);
      assert.equal(recall(t), r);
    });
  }

  it('lists false hits with the label reason, misses with theirs, unlabelled findings with the message', () => {
    assert.deepEqual(s.falseHits.map((h) => [h.path, h.line, h.rule, h.text, h.message]), [['src/auth.ts', 8, SECRET, 'env fallback', 'JWT secret in the code']]);
    assert.deepEqual(s.misses.map((h) => [h.path, h.line, h.rule, h.text]), [
      ['settings.py', 2, SECRET, 'SECRET_KEY literal'],
      ['src/db.js', 9, URL, 'second URL with a password'],
    ]);
    assert.deepEqual(s.unlabelled.map((h) => [h.path, h.line, h.rule, h.language, h.text]), [['app.py', 20, 'no-hardcoded-port', 'python', 'app.run(port=5000)']]);
  });

  const ctx = {
    date: '2025-01-31',
    linterCommit: 'f'.repeat(40),
    statuses: [
      { repo: 'acme/shop', file: 'acme__shop.tsv', status: 'scored' as const, labels: 6, findings: 5, analyzedFiles: 12 },
      { repo: 'acme/blog', file: 'acme__blog.tsv', status: 'not-fetched' as const },
    ],
  };

  it('the Markdown report has the date, the commit, both tables and the three lists', () => {
    const md = renderMarkdown(s, ctx);
    for (const needle of [
      '2025-01-31',
      `\`${'f'.repeat(40)}\``,
      '1 of 2 labelled repositories scored.',
      '- not fetched: acme/blog — run fetch',
      `| ${SECRET} | 2 | 1 | 1 | 0.50 | 2 | 1 | 0.50 | 0 |`,
      '| python | 0 | 0 | 0 | — | 1 | 0 | 0.00 | 1 |',
      '| **all rules** | 3 | 2 | 1 | 0.67 | 4 | 2 | 0.50 | 1 |',
      '## False hits (1)',
      `- \`${SECRET}\` acme/shop \`src/auth.ts:8\` — JWT secret in the code *Label:* env fallback`,
      '## Misses (2)',
      `- \`${URL}\` acme/shop \`src/db.js:9\` — second URL with a password`,
      '## Unlabelled findings (1)',
      '- `no-hardcoded-port` acme/shop `app.py:20` — app.run(port=5000)',
    ]) {
      assert.ok(md.includes(needle), `missing ${needle}\n${md}`);
    }
  });

  it('a scored repository says which labelled paths are missing and how many files the mirror lacked', () => {
    const text = renderSummary(s, {
      ...ctx,
      statuses: [{ ...ctx.statuses[0], missingPaths: ['src/gone.js (not in the commit)'], absentBlobs: 3 }],
    });
    assert.match(text, /scored: acme\/shop — 6 labels, 5 findings, 12 files; 1 labelled path\(s\) not in the tree: src\/gone\.js \(not in the commit\); 3 file\(s\) absent from the mirror, not audited/);
  });

  it('says when the linter was measured with uncommitted changes', () => {
    assert.ok(renderMarkdown(s, { ...ctx, dirty: true }).includes(`\`${'f'.repeat(40)}\` with uncommitted changes`));
    assert.ok(!renderMarkdown(s, ctx).includes('uncommitted'));
  });

  it('the summary names each repository and the overall numbers', () => {
    const text = renderSummary(s, ctx);
    assert.match(text, /^corpus: 1 of 2 label files scored/);
    assert.match(text, /not fetched: acme\/blog — run fetch/);
    assert.match(text, /overall: precision 0\.67, recall 0\.50; 1 false hits, 2 misses, 1 unlabelled findings, 1 findings on debatable labels/);
  });

  it('masks anything credential-shaped in a label reason, in every output', () => {
    const leaky = [label('a.js', 1, URL, 'violation', 'mongodb://root:hunter2@mongo:27017 in connect')];
    const t = score([{ match: matchRepo('acme/shop', leaky, []), labels: leaky }]);
    const outputs = [renderMarkdown(t, ctx), renderSummary(t, ctx), JSON.stringify(toJson(t, ctx))];
    for (const out of outputs) assert.ok(!out.includes('hunter2'), out);
    assert.ok(outputs[0].includes('mongodb://root:****@mongo:27017'));
  });
});
