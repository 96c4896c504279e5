/**
 * Precision and recall of the file rules on a labelled corpus of realistic application code
 * (test/fixtures/precision/): clean twelve-factor code that must stay silent, and genuine violations, each marked by
 * a trailing `// expect: <rule-id>` (`# expect: …` in Python) on the line where the finding starts.
 *
 * Findings and markers are matched by (file, line, rule id). The corpus is analysed as production code: paths are
 * given relative to the corpus root, so its own `tests/` and `__tests__/` folders are test files there, as in a
 * real project, and must stay silent too.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/engine/runner';
import { languageOf } from '../../server/src/engine/languages';
import { RULES } from '../../server/src/rules';

const CORPUS = join(__dirname, '..', 'fixtures', 'precision');
const FILE_RULES = RULES.filter((rule) => rule.languages.length > 0).map((rule) => rule.id);
const MARKER = /(?:\/\/|#)\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;
const TARGET = { precision: 0.95, recall: 0.95 };

function corpusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...corpusFiles(full));
    else if (languageOf(entry.name)) out.push(full);
  }
  return out.sort();
}

/** `file:line:rule`, line 1-based as editors show it. */
type Key = string;
const key = (file: string, line: number, ruleId: string): Key => `${file}:${line}:${ruleId}`;

function expectedFindings(file: string, text: string): Set<Key> {
  const expected = new Set<Key>();
  text.split(/\r?\n/).forEach((line, i) => {
    const match = MARKER.exec(line);
    if (!match) return;
    for (const id of match[1].split(',').map((s) => s.trim())) {
      assert.ok(FILE_RULES.includes(id), `${file}:${i + 1}: marker names '${id}', which is not a file rule`);
      expected.add(key(file, i + 1, id));
    }
  });
  return expected;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

test('file rules reach the precision and recall targets on the labelled corpus', async () => {
  const files = corpusFiles(CORPUS);
  assert.ok(files.length >= 40, `the corpus should hold at least 40 files, found ${files.length}`);

  const expected = new Set<Key>();
  const actual = new Map<Key, string>();
  const problems: string[] = [];
  for (const full of files) {
    const rel = relative(CORPUS, full).replace(/\\/g, '/');
    const text = readFileSync(full, 'utf8');
    for (const k of expectedFindings(rel, text)) expected.add(k);
    const result = await analyzeFile({ path: rel, relativePath: rel, text });
    if (result.skipped) problems.push(`${rel}: skipped (${result.skipped.detail})`);
    if (result.syntaxErrors) problems.push(`${rel}: the corpus file has syntax errors`);
    for (const error of result.ruleErrors) problems.push(`${rel}: rule threw: ${error}`);
    for (const finding of result.findings) {
      if (!FILE_RULES.includes(finding.ruleId)) continue;
      actual.set(key(rel, finding.start.line + 1, finding.ruleId), finding.message);
    }
  }
  assert.deepEqual(problems, [], 'every corpus file is analysed cleanly');
  assert.ok(expected.size >= 40, `the corpus should mark at least 40 expected findings, found ${expected.size}`);

  const perRule = new Map<string, Counts>(FILE_RULES.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  const ruleOf = (k: Key) => k.slice(k.lastIndexOf(':') + 1);
  for (const [k, message] of actual) {
    const counts = perRule.get(ruleOf(k))!;
    if (expected.has(k)) counts.tp++;
    else {
      counts.fp++;
      falsePositives.push(`${k}  ${message}`);
    }
  }
  for (const k of expected) {
    if (!actual.has(k)) {
      perRule.get(ruleOf(k))!.fn++;
      falseNegatives.push(k);
    }
  }

  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const rows = [['rule', 'TP', 'FP', 'FN', 'precision', 'recall']];
  for (const [id, c] of perRule) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    if (c.tp + c.fp + c.fn === 0) continue;
    rows.push([id, String(c.tp), String(c.fp), String(c.fn), pct(ratio(c.tp, c.tp + c.fp)), pct(ratio(c.tp, c.tp + c.fn))]);
  }
  const precision = ratio(total.tp, total.tp + total.fp);
  const recall = ratio(total.tp, total.tp + total.fn);
  rows.push(['overall', String(total.tp), String(total.fp), String(total.fn), pct(precision), pct(recall)]);
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const table = rows.map((row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ')).join('\n');
  console.log(`\nPrecision corpus: ${files.length} files, ${expected.size} expected findings\n${table}\n`);

  const details = [
    falsePositives.length ? `false positives:\n  ${falsePositives.join('\n  ')}` : '',
    falseNegatives.length ? `false negatives:\n  ${falseNegatives.join('\n  ')}` : '',
  ].filter(Boolean).join('\n');
  assert.ok(
    precision >= TARGET.precision && recall >= TARGET.recall,
    `precision ${pct(precision)} (target ${pct(TARGET.precision)}), recall ${pct(recall)} (target ${pct(TARGET.recall)})\n${details}`,
  );
  if (details) console.log(details);
});
