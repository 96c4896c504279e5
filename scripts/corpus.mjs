#!/usr/bin/env node
// `npm run corpus`: audits every labelled public repository (corpus/labels/*.tsv) at its labelled commit with the
// CLI and scores the findings against the labels, per rule and per language (corpus/README.md). The repositories
// are read from bare git mirrors (the fetch tool's /work/.mirror/<owner>+<name>/…); nothing in them is run: the
// commit is extracted with `git archive` into a temp dir, audited, and the dir removed. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';
import { CLI, ensureCli, ROOT } from './ensure-cli.mjs';

// The scoring module is TypeScript (type-checked with the tests); tsx loads it and what it imports.
registerEsm();
registerCjs();
const { matchRepo, parseLabels, renderMarkdown, renderSummary, score, toJson } = await import('../corpus/score.ts');

const USAGE = `Usage: npm run corpus -- [options]

Audits each labelled repository at its commit and prints precision and recall per rule and per language.

Options:
  --mirrors DIR       where the bare git mirrors are (default /work/.mirror; <owner>+<name>/ per repository)
  --labels DIR        the label files (default corpus/labels)
  --only OWNER/NAME   score only this repository (repeatable)
  --out FILE          write the Markdown report to FILE
  --json FILE         write the results as JSON to FILE
  -h, --help          this help
`;
/** A repository's audit should take seconds; this only stops a hung one from stalling the run. */
const AUDIT_TIMEOUT_MS = 15 * 60 * 1000;

function usage(message) {
  process.stderr.write(`corpus: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      mirrors: { type: 'string', default: '/work/.mirror' },
      labels: { type: 'string', default: join(ROOT, 'corpus/labels') },
      only: { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  usage(error.message);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

// npm runs scripts in the package root; relative paths are meant from where the user typed the command.
const cwd = process.env.INIT_CWD || process.cwd();
const labelsDir = resolve(cwd, args.labels);
const mirrorsDir = resolve(cwd, args.mirrors);
if (!existsSync(labelsDir) || !statSync(labelsDir).isDirectory()) usage(`no labels folder at ${labelsDir}`);
// Checked before the long part, so a typo in a folder name does not waste a run.
for (const flag of ['out', 'json']) {
  if (!args[flag]) continue;
  const parent = dirname(resolve(cwd, args[flag]));
  if (!existsSync(parent) || !statSync(parent).isDirectory()) usage(`--${flag}: no folder ${parent}`);
}
for (const repo of args.only) if (!/^[^/\s]+\/[^/\s]+$/.test(repo)) usage(`--only expects owner/name, got '${repo}'`);

const labelFiles = readdirSync(labelsDir)
  .filter((f) => f.endsWith('.tsv'))
  .sort()
  .filter((f) => args.only.length === 0 || args.only.some((r) => f === `${r.replace('/', '__')}.tsv`));
for (const repo of args.only) {
  if (!labelFiles.includes(`${repo.replace('/', '__')}.tsv`)) usage(`--only ${repo}: no label file ${repo.replace('/', '__')}.tsv in ${labelsDir}`);
}

const knownRules = new Set(readdirSync(join(ROOT, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)));
const log = (line) => process.stderr.write(`${line}\n`);

function git(gitDir, gitArgs, options = {}) {
  // No system or global config: only the mirror's own (checked below) applies.
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };
  return spawnSync('git', ['-c', `safe.directory=${gitDir}`, `--git-dir=${gitDir}`, ...gitArgs], { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024, ...options });
}

/** The bare git dir of owner/name under the mirrors dir: the folder itself or one below it holding HEAD and objects/. */
function findGitDir(repo) {
  const base = join(mirrorsDir, repo.replace('/', '+'));
  if (!existsSync(base) || !statSync(base).isDirectory()) return null;
  const isGitDir = (dir) => existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects')) && statSync(join(dir, 'objects')).isDirectory();
  if (isGitDir(base)) return base;
  const below = readdirSync(base, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(base, e.name)).sort();
  for (const dir of below) if (isGitDir(dir)) return dir;
  for (const dir of below) {
    const deeper = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name)).sort();
    for (const d of deeper) if (isGitDir(d)) return d;
  }
  return null;
}

/**
 * A mirror's own config could name programs git would run while extracting (a smudge filter for a path the tree's
 * .gitattributes assigns to it, an fsmonitor). We run nothing from a repository, so such a mirror is refused.
 */
function unsafeConfig(gitDir) {
  const file = join(gitDir, 'config');
  if (!existsSync(file)) return null;
  const hit = /^\s*\[\s*filter\b|^\s*(fsmonitor|hookspath|sshcommand|askpass|pager|editor|gitproxy|textconv)\s*=/im.exec(readFileSync(file, 'utf8'));
  return hit ? `its git config sets '${hit[0].trim()}', which could run a program` : null;
}

/** The commit's files (submodules aside), each marked when its blob is absent from the mirror; null if git fails. */
function treeBlobs(gitDir, commit) {
  const ls = git(gitDir, ['ls-tree', '-r', '-z', commit]);
  if (ls.status !== 0) return null;
  const blobs = ls.stdout
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [, type, oid] = entry.slice(0, tab).split(' ');
      return { type, oid, path: entry.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob');
  if (blobs.length === 0) return [];
  const check = git(gitDir, ['cat-file', '--batch-check'], { input: `${blobs.map((b) => b.oid).join('\n')}\n` });
  const answers = check.stdout.split('\n');
  return blobs.map((b, i) => ({ path: b.path, absent: answers[i] === `${b.oid} missing` }));
}

function firstLine(text) {
  return (text ?? '').split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}

let currentTemp = null;
process.on('SIGINT', () => {
  if (currentTemp) rmSync(currentTemp, { recursive: true, force: true });
  process.exit(130);
});

/** Extracts, audits and matches one repository. Returns its status and, when scored, its match. */
function auditRepo(labels, file) {
  const { repo, commit } = labels;
  const status = { repo, file };
  const gitDir = findGitDir(repo);
  if (gitDir === null) return { status: { ...status, status: 'not-fetched' } };
  const refused = unsafeConfig(gitDir);
  if (refused) return { status: { ...status, status: 'audit-failed', detail: `mirror ${gitDir} not extracted: ${refused}` } };
  if (git(gitDir, ['cat-file', '-e', `${commit}^{commit}`]).status !== 0) {
    return { status: { ...status, status: 'missing-commit', detail: `commit ${commit} is not in ${gitDir} — run fetch again` } };
  }
  const temp = mkdtempSync(join(tmpdir(), 'twelve-factor-corpus-'));
  currentTemp = temp;
  try {
    const tree = join(temp, 'tree');
    mkdirSync(tree);
    // The fetch tool may leave a repository's largest blobs out of its mirror (images, fonts, bundled assets):
    // git archive would stop at the first one, so they are left out of the archive and counted.
    const blobs = treeBlobs(gitDir, commit);
    if (blobs === null) return { status: { ...status, status: 'audit-failed', detail: `git ls-tree of ${commit} failed` } };
    const absentBlobs = blobs.filter((b) => b.absent).map((b) => b.path);
    const tar = join(temp, 'commit.tar');
    const exclude = absentBlobs.map((p) => `:(exclude,literal)${p}`);
    const archive = git(gitDir, ['archive', '--format=tar', `--output=${tar}`, commit, ...(exclude.length ? ['--', '.', ...exclude] : [])]);
    if (archive.status !== 0) return { status: { ...status, status: 'audit-failed', detail: `git archive: ${firstLine(archive.stderr)}` } };
    const untar = spawnSync('tar', ['-x', '--no-same-owner', '-f', tar, '-C', tree], { encoding: 'utf8' });
    if (untar.status !== 0) return { status: { ...status, status: 'audit-failed', detail: `tar: ${firstLine(untar.stderr)}` } };
    rmSync(tar);

    // A labelled path that is not there is a label typo (not in the commit), a blob absent from the mirror, or an
    // export-ignore attribute.
    const listed = new Set(blobs.map((b) => b.path));
    const absent = new Set(absentBlobs);
    const missingPaths = [...new Set(labels.labels.map((l) => l.path))]
      .filter((p) => !existsSync(join(tree, p)))
      .map((p) => `${p} (${!listed.has(p) ? 'not in the commit' : absent.has(p) ? 'absent from the mirror' : 'export-ignore'})`);

    const report = join(temp, 'findings.json');
    const run = spawnSync(process.execPath, [CLI, tree, '--format', 'json', '--fail-on', 'never', '--output', report], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: AUDIT_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0 || !existsSync(report)) {
      const why = run.error ? run.error.message : `exit ${run.status ?? run.signal}: ${firstLine(run.stderr)}`;
      return { status: { ...status, status: 'audit-failed', detail: `the CLI failed (${why})` } };
    }
    const json = JSON.parse(readFileSync(report, 'utf8'));
    const findings = json.findings.filter((f) => f.root === 0);
    const root = json.roots[0] ?? {};
    return {
      status: {
        ...status,
        status: 'scored',
        labels: labels.labels.length,
        findings: findings.length,
        analyzedFiles: root.analyzedFiles ?? 0,
        ruleErrors: root.ruleErrors?.length ?? 0,
        syntaxErrors: root.syntaxErrors?.length ?? 0,
        ...(missingPaths.length ? { missingPaths } : {}),
        ...(absentBlobs.length ? { absentBlobs: absentBlobs.length } : {}),
      },
      match: matchRepo(repo, labels.labels, findings),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
    currentTemp = null;
  }
}

const buildError = ensureCli();
if (buildError !== null) {
  process.stderr.write(buildError);
  log('corpus: the build failed (see above)');
  process.exit(2);
}

const statuses = [];
const scored = [];
for (const file of labelFiles) {
  const parsed = parseLabels(readFileSync(join(labelsDir, file), 'utf8'), file, { knownRules, expectFileName: file });
  for (const warning of parsed.warnings) log(`warning: ${warning}`);
  if (parsed.labels === null) {
    for (const error of parsed.errors) log(`error: ${error}`);
    statuses.push({ repo: file.replace(/\.tsv$/, '').replace('__', '/'), file, status: 'bad-labels', detail: `${parsed.errors.length} error(s) in ${file}, first: ${parsed.errors[0]}` });
    continue;
  }
  log(`${parsed.labels.repo}…`);
  const started = Date.now();
  const { status, match } = auditRepo(parsed.labels, file);
  statuses.push(status);
  if (match) scored.push({ match, labels: parsed.labels.labels });
  log(`  ${status.status}${status.status === 'scored' ? ` in ${((Date.now() - started) / 1000).toFixed(1)} s` : ''}`);
}

const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() || 'unknown';
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '';
const context = {
  date: new Date().toISOString().slice(0, 10),
  linterCommit: head,
  dirty,
  statuses,
};
const result = score(scored);
process.stdout.write(renderSummary(result, context));
for (const [flag, text] of [
  ['out', () => renderMarkdown(result, context)],
  ['json', () => `${JSON.stringify(toJson(result, context), null, 2)}\n`],
]) {
  if (!args[flag]) continue;
  const target = resolve(cwd, args[flag]);
  try {
    writeFileSync(target, text());
    log(`wrote ${target}`);
  } catch (error) {
    usage(`--${flag}: cannot write ${target} (${error.code ?? error.message})`);
  }
}
