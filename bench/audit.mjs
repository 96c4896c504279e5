// Part 1: the workspace audit. Our CLI beside ESLint (factor-overlapping rules), secretlint and ripgrep on the same
// folders. Each tool runs once to warm up (disk cache, V8 code cache), then N rounds; the order of the tools rotates
// every round so a busy spell on the shared machine does not always land on the same tool.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureNpmPeers, ensureRipgrep, peerPaths, peersInstalled } from './peers.mjs';
import { isVendored, log, ourCli, SKIPPED_DIRECTORIES, summarize, timedRun } from './util.mjs';

const lines = (text) => text.split('\n').filter((l) => l.length > 0);
const rgGlobs = () => SKIPPED_DIRECTORIES.flatMap((d) => ['-g', `!${d}/`]);

/**
 * Naive factor regexes: what a hurried grep-based check would look for. They ignore context (so they flag
 * fallbacks, placeholders and tests), which is the point of comparing: this is the speed floor for "looking".
 */
export const NAIVE_REGEXES = [
  String.raw`[a-z][a-z0-9+.-]*://[^\s/:@'"]+:[^\s/@'"]+@`,
  String.raw`(postgres(ql)?|mysql|mongodb(\+srv)?|redis|amqp)://`,
  String.raw`(?i)(password|passwd|secret|api_?key|token|access_?key)\w*["']?\s*[:=]\s*['"][^'"]{8,}['"]`,
  String.raw`AKIA[0-9A-Z]{16}`,
  String.raw`\.(listen|run)\([^)]*\b\d{4,5}\b`,
  String.raw`(FileHandler|createWriteStream|transports\.File|\.log['"])`,
  String.raw`(express-session|MemoryStore|session\(\{)`,
  String.raw`(multer\(\{\s*dest|UPLOAD_FOLDER)`,
  String.raw`(NODE_ENV|FLASK_ENV|DJANGO_ENV)['"]?\)?\s*[!=]==?\s*['"](development|dev|production)`,
];

/**
 * The tools. `prepare()` installs or checks what the tool needs and returns a reason string when it cannot run.
 * `command(dir, out)` is what gets timed; `parse(out)` reads what it found (untimed).
 */
export function auditTools({ rgPath, installPeers = true } = {}) {
  const node = process.execPath;
  const npmPeers = () => {
    if (!installPeers && !peersInstalled()) return 'not installed in bench/.peers (run without --no-install to install it)';
    ensureNpmPeers();
    return undefined;
  };
  return [
    {
      id: 'ours',
      label: 'twelve-factor CLI (ours)',
      scope: 'JS/TS, Python, project files',
      prepare: () => (existsSync(ourCli()) ? undefined : `${ourCli()} is missing (build failed?)`),
      command: (dir, out) => ({ cmd: node, args: [ourCli(), dir, '--format', 'json', '--fail-on', 'never', '--output', out.file], cwd: dir }),
      parse: (out) => {
        const report = JSON.parse(readFileSync(out.file, 'utf8'));
        const files = report.roots.reduce((n, r) => n + r.analyzedFiles, 0);
        return { files, findings: report.findings.length, vendored: report.findings.filter((f) => isVendored(f.path)).length };
      },
    },
    {
      id: 'eslint',
      label: 'ESLint 9 (security, no-secrets, sonarjs secret/password/IP rules)',
      scope: 'JS/TS only',
      prepare: npmPeers,
      command: (dir, out) => ({
        cmd: node,
        args: [peerPaths.eslintBin, '-c', peerPaths.eslintConfig, '--format', 'json', '-o', out.file, '--no-error-on-unmatched-pattern', '.'],
        cwd: dir, // with -c, ESLint 9 takes the working directory as the base path of the config
        okCodes: [0, 1],
      }),
      parse: (out) => {
        const results = JSON.parse(readFileSync(out.file, 'utf8'));
        let findings = 0;
        let fatal = 0;
        for (const r of results) {
          findings += r.messages.length;
          fatal += r.messages.filter((m) => m.fatal).length;
        }
        return { files: results.length, findings, vendored: results.filter((r) => isVendored(r.filePath)).length, parseErrors: fatal };
      },
    },
    {
      id: 'secretlint',
      label: 'secretlint (preset-recommend)',
      scope: 'all files',
      prepare: npmPeers,
      command: (dir, out) => ({
        cmd: node,
        args: [peerPaths.secretlintBin, '--secretlintrc', peerPaths.secretlintConfig, '--format', 'json', '--output', out.file, '**/*', ...SKIPPED_DIRECTORIES.map((d) => `!**/${d}/**`)],
        cwd: dir,
        okCodes: [0, 1],
      }),
      parse: (out) => {
        const results = JSON.parse(readFileSync(out.file, 'utf8'));
        const findings = results.reduce((n, r) => n + r.messages.length, 0);
        return { files: results.length, findings, vendored: results.filter((r) => isVendored(r.filePath)).length };
      },
    },
    {
      id: 'rg-read',
      label: 'ripgrep: read every file (rg -c "")',
      scope: 'all files',
      prepare: () => (rgPath ? undefined : 'ripgrep (rg) is not installed and could not be installed with apt'),
      command: (dir) => ({ cmd: rgPath, args: ['-c', '', '--hidden', '--no-messages', ...rgGlobs(), '.'], cwd: dir, okCodes: [0, 1] }),
      parse: (out) => {
        const rows = lines(readFileSync(out.stdout, 'utf8'));
        return { files: rows.length, findings: null, vendored: rows.filter(isVendored).length };
      },
    },
    {
      id: 'rg-regex',
      label: `ripgrep: ${NAIVE_REGEXES.length} naive factor regexes`,
      scope: 'all files',
      prepare: () => (rgPath ? undefined : 'ripgrep (rg) is not installed and could not be installed with apt'),
      command: (dir) => ({ cmd: rgPath, args: ['-n', '--no-heading', '--hidden', '--no-messages', ...rgGlobs(), ...NAIVE_REGEXES.flatMap((r) => ['-e', r]), '.'], cwd: dir, okCodes: [0, 1] }),
      parse: (out, dir) => {
        const rows = lines(readFileSync(out.stdout, 'utf8'));
        const listed = spawnSync(rgPath, ['--files', '--hidden', ...rgGlobs(), '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
        return { files: lines(listed.stdout ?? '').length, findings: rows.length, vendored: rows.filter(isVendored).length };
      },
    },
  ];
}

/**
 * Times every tool on every corpus. Returns one entry per corpus with each tool's timings, what it found and
 * ratios of our median to each peer's median. A tool that fails is reported with its error, not dropped silently.
 */
export async function runAudit({ corpora, rounds, warmup = 1, tmpDir, only, installRipgrep = true, installPeers = true }) {
  mkdirSync(tmpDir, { recursive: true });
  const rgPath = ensureRipgrep({ install: installRipgrep });
  let tools = auditTools({ rgPath, installPeers });
  if (only) tools = tools.filter((t) => only.includes(t.id));
  const ready = [];
  const unavailable = {};
  for (const tool of tools) {
    let reason;
    try {
      reason = tool.prepare();
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (reason) {
      unavailable[tool.id] = reason;
      log(`${tool.id}: not run — ${reason}`);
    } else ready.push(tool);
  }

  const results = [];
  for (const corpus of corpora) {
    const state = new Map(tools.map((t) => [t.id, { times: [], rss: [], error: unavailable[t.id] ? `not run: ${unavailable[t.id]}` : undefined, found: undefined }]));
    const run = async (tool, record) => {
      const s = state.get(tool.id);
      if (s.error) return;
      const out = { file: join(tmpDir, `${tool.id}.out.json`), stdout: join(tmpDir, `${tool.id}.stdout`), stderr: join(tmpDir, `${tool.id}.stderr`) };
      const spec = tool.command(corpus.dir, out);
      try {
        const { ms, peakRssKiB } = await timedRun({ ...spec, stdoutFile: out.stdout, stderrFile: out.stderr });
        if (record) {
          s.times.push(ms);
          if (peakRssKiB !== undefined) s.rss.push(peakRssKiB);
        }
        if (!s.found) s.found = tool.parse(out, corpus.dir);
      } catch (error) {
        s.error = error instanceof Error ? error.message : String(error);
        log(`${tool.id} on ${corpus.name} failed: ${s.error}`);
      }
    };
    for (let w = 0; w < warmup; w++) {
      for (const tool of ready) {
        log(`${corpus.name}: warm-up ${tool.id}`);
        await run(tool, false);
      }
    }
    for (let round = 0; round < rounds; round++) {
      const order = ready.map((_, i) => ready[(i + round) % ready.length]);
      for (const tool of order) {
        await run(tool, true);
      }
      log(`${corpus.name}: round ${round + 1}/${rounds} done`);
    }
    const entries = tools.map((tool) => {
      const s = state.get(tool.id);
      const summary = summarize(s.times);
      const files = s.found?.files ?? null;
      return {
        id: tool.id,
        label: tool.label,
        scope: tool.scope,
        error: s.error ?? null,
        times: s.times.map((t) => Math.round(t * 10) / 10),
        ...summary,
        filesPerSecond: files && Number.isFinite(summary.median) ? files / (summary.median / 1000) : null,
        peakRssMiB: s.rss.length ? Math.max(...s.rss) / 1024 : null,
        files,
        findings: s.found?.findings ?? null,
        vendoredHits: s.found?.vendored ?? null,
        parseErrors: s.found?.parseErrors ?? null,
      };
    });
    const ours = entries.find((e) => e.id === 'ours');
    for (const e of entries) e.oursRatio = ours && Number.isFinite(ours.median) && Number.isFinite(e.median) ? ours.median / e.median : null;
    results.push({ name: corpus.name, dir: corpus.dir, manifest: corpus.manifest ?? null, rounds, warmup, tools: entries });
  }
  return results;
}
