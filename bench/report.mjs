// Goals and the Markdown report. Goals are printed beside the measurements, never asserted.
import { fmtBytes, fmtMs, fmtRatio, mdTable } from './util.mjs';

const MB = 1e6;

/**
 * The goals of the brief, evaluated on the results. `value` and `target` share a unit; every goal is "at most".
 * A goal whose measurement is missing is reported as not measured, with the reason.
 */
export function evaluateGoals(results) {
  const goals = [];
  const add = (id, label, target, value, unit, why) => {
    const measured = value !== null && value !== undefined && Number.isFinite(value);
    goals.push({
      id,
      label,
      target,
      unit,
      value: measured ? value : null,
      met: measured ? value <= target : null,
      margin: measured ? (value <= target ? `${Math.round((1 - value / target) * 100)}% under` : `${(value / target).toFixed(2)}× the goal`) : (why ?? 'not measured'),
    });
  };
  const corpus = results.corpora?.find((c) => c.generated) ?? results.corpora?.[0];
  const tool = (id) => corpus?.tools.find((t) => t.id === id);
  const why = (id) => (results.corpora ? (tool(id)?.error ?? (tool(id) ? undefined : `${id} not run`)) : 'audit part not run');
  add('audit-vs-eslint', 'Corpus audit time ≤ 0.1 × ESLint', 0.1, tool('eslint')?.oursRatio, '×', why('eslint') ?? why('ours'));
  add('audit-vs-rg-regex', 'Corpus audit time ≤ 15 × ripgrep with naive regexes', 15, tool('rg-regex')?.oursRatio, '×', why('rg-regex') ?? why('ours'));
  for (const [lines, target] of [
    [2000, 10],
    [10000, 50],
  ]) {
    for (const language of ['js', 'ts', 'py']) {
      const doc = results.lsp?.documents?.find((d) => d.lines === lines && d.language === language);
      add(`edit-p95-${lines}-${language}`, `Edit → diagnostics p95 ≤ ${target} ms, ${language} ${lines.toLocaleString('en-US')} lines (no debounce)`, target, doc?.analysis?.p95, 'ms', results.lsp ? `no ${lines}-line ${language} document measured` : 'editing part not run');
    }
  }
  add('cold-start', 'Cold start to first diagnostics ≤ 500 ms (median)', 500, results.lsp?.coldStart?.toFirstDiagnostics?.median, 'ms', results.lsp ? undefined : 'editing part not run');
  const rss = results.lsp?.audit?.peakRssMiB;
  add('rss', 'Server peak RSS after a workspace audit ≤ 250 MB', 250, rss == null ? null : (rss * 2 ** 20) / MB, 'MB', results.lsp?.errors?.[0] ?? (results.lsp ? 'no workspace audit' : 'editing part not run'));
  const vsix = results.package?.vsix;
  add('vsix', '.vsix size ≤ 8 MB', 8, vsix?.bytes == null ? null : vsix.bytes / MB, 'MB', vsix?.error ?? 'package part not run');
  return goals;
}

function fmtValue(value, unit) {
  if (value === null) return '–';
  if (unit === 'ms') return fmtMs(value);
  if (unit === '×') return fmtRatio(value);
  return `${value.toFixed(unit === 'MB' ? 1 : 2)} ${unit}`;
}

function auditSection(corpus) {
  const m = corpus.manifest;
  const head = m
    ? `### ${corpus.name}: ${m.files.toLocaleString('en-US')} files + ${m.vendored} vendored (skipped), ${Math.round(m.lines / 1000)}k lines, ${fmtBytes(m.bytes)}, seed ${m.seed}`
    : `### ${corpus.name}`;
  const rows = corpus.tools.map((t) => {
    if (t.error && !Number.isFinite(t.median)) return [t.label, t.scope, '–', '–', '–', '–', '–', '–', '–', `not measured: ${t.error.split('\n')[0]}`];
    return [
      t.label,
      t.scope,
      t.files?.toLocaleString('en-US') ?? '–',
      fmtMs(t.median),
      `${fmtMs(t.min)} – ${fmtMs(t.max)}`,
      t.filesPerSecond ? Math.round(t.filesPerSecond).toLocaleString('en-US') : '–',
      t.peakRssMiB ? `${Math.round(t.peakRssMiB)} MiB` : '–',
      t.findings?.toLocaleString('en-US') ?? '–',
      t.vendoredHits ?? '–',
      t.id === 'ours' ? '1' : fmtRatio(t.oursRatio),
    ];
  });
  const planted = m?.planted ? Object.entries(m.planted).map(([k, v]) => `${k} ${v}`).join(', ') : null;
  return [
    head,
    '',
    mdTable(['Tool', 'Scope', 'Files', 'Median', 'Min – max', 'Files/s', 'Peak RSS', 'Findings', 'Vendored hits', 'Ours ÷ tool'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']),
    '',
    `${corpus.rounds} timed round(s) after ${corpus.warmup} warm-up, tool order rotated each round. "Ours ÷ tool" is our median over the tool's: below 1 we are faster.` +
      (planted ? ` Planted in production files: ${planted}.` : ''),
  ].join('\n');
}

function lspSection(lsp) {
  const rows = lsp.documents.map((d) => [
    d.name,
    d.analysis.edits,
    fmtMs(d.analysis.p50),
    fmtMs(d.analysis.p95),
    fmtMs(d.analysis.max),
    d.user ? fmtMs(d.user.afterPause.p50) : '–',
    d.user ? fmtMs(d.user.afterPause.p95) : '–',
    d.user ? fmtMs(d.user.afterPause.max) : '–',
  ]);
  const lines = [
    mdTable(['Document', 'Edits', 'Analysis p50', 'p95', 'max', 'User p50', 'p95', 'max'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']),
    '',
    `Analysis: debounce 0 (\`initializationOptions.debounceMs\`), one keystroke at a time, each timed from its \`didChange\` to the \`publishDiagnostics\` of that version ` +
      `(up to ${lsp.editsPerDocument} keystrokes, fewer when a document exceeds its ${Math.round((lsp.budgetMsPerDocument ?? 0) / 1000)} s budget). ` +
      `User: the server's own debounce (${lsp.debounceMs ?? '?'} ms), keystrokes in bursts 40–110 ms apart, timed from the last keystroke of a burst to its diagnostics.`,
    '',
    `Cold start (spawn → initialize → didOpen → first diagnostics, ${lsp.coldStart.runs} runs): median ${fmtMs(lsp.coldStart.toFirstDiagnostics.median)} ` +
      `(min ${fmtMs(lsp.coldStart.toFirstDiagnostics.min)}, max ${fmtMs(lsp.coldStart.toFirstDiagnostics.max)}); initialize answered after ${fmtMs(lsp.coldStart.toInitializeResult.median)}.`,
  ];
  if (lsp.audit) {
    lines.push(
      '',
      `Workspace audit through the server (\`twelveFactor/auditWorkspace\`, ${lsp.audit.filesScanned.toLocaleString('en-US')} files): ${fmtMs(lsp.audit.ms)}; ` +
        `peak RSS (VmHWM) ${lsp.audit.peakRssMiB?.toFixed(0)} MiB, RSS after ${lsp.audit.rssMiB?.toFixed(0)} MiB (${lsp.audit.rssBeforeMiB?.toFixed(0)} MiB before).`,
    );
  }
  if (lsp.afterEditing?.peakRssMiB) lines.push('', `Peak RSS of the server after the editing session: ${lsp.afterEditing.peakRssMiB.toFixed(0)} MiB.`);
  for (const e of lsp.errors ?? []) lines.push('', `Error: ${e}`);
  return lines.join('\n');
}

function packageSection(pkg) {
  const lines = [];
  const v = pkg.vsix;
  if (v?.bytes) {
    lines.push(`.vsix: ${fmtBytes(v.bytes)} (${(v.bytes / MB).toFixed(2)} MB), ${v.files} files, ${fmtBytes(v.unpackedBytes)} unpacked; built by \`npm run package\` in ${fmtMs(v.buildMs)}.`);
    if (v.largest?.length) lines.push(`Largest entries (compressed): ${v.largest.slice(0, 5).map((e) => `${e.name} ${fmtBytes(e.compressed)}`).join(', ')}.`);
  } else lines.push(`.vsix: not measured (${v?.error ?? 'skipped with --no-package'}).`);
  const a = pkg.activation;
  if (a?.ok) {
    lines.push(
      '',
      `Activation (client/out/extension.js with a fake \`vscode\` module, ${a.ok}/${a.runs} runs, fresh process each): require ${fmtMs(a.load.median)}, ` +
        `activate() ${fmtMs(a.activate.median)} (min ${fmtMs(a.activate.min)}, max ${fmtMs(a.activate.max)}) — activate() awaits the language client, ` +
        `so this includes forking the server and its initialize answer; ${a.commands} commands registered, server running: ${a.serverRunning ? 'yes' : 'no'}.`,
    );
  }
  for (const e of a?.errors ?? []) lines.push('', `Activation error: ${e}`);
  return lines.join('\n');
}

function profileSection(profiles) {
  const out = [];
  for (const [name, p] of Object.entries(profiles)) {
    if (p.error) {
      out.push(`${name}: ${p.error}`);
      continue;
    }
    out.push(`**${name}** (${fmtMs(p.totalMs)} of samples${p.documents ? `; ${p.documents.join(', ')}` : ''}; raw profile: \`${p.file}\`)`, '');
    out.push(mdTable(['Self time by source', 'ms', '%'], p.sources.slice(0, 8).map((s) => [s.source, s.ms, s.percent]), ['l', 'r', 'r']), '');
    out.push(mdTable(['Hottest functions', 'Where', 'ms', '%'], p.functions.slice(0, 8).map((f) => [f.function, f.where, f.ms, f.percent]), ['l', 'l', 'r', 'r']), '');
    if (p.callers?.length) out.push(mdTable(['Library/helper time charged to our caller', 'ms', '%'], p.callers.slice(0, 8).map((c) => [c.caller, c.ms, c.percent]), ['l', 'r', 'r']), '');
  }
  return out.join('\n');
}

export function machineLine(machine) {
  return `${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; ${machine.date}; load average at start ${machine.loadAverage.join(' / ')}`;
}

/** The goals table alone (also used for the README). */
export function goalsTable(goals) {
  return mdTable(
    ['Goal', 'Measured', 'Status'],
    goals.map((g) => [g.label, fmtValue(g.value, g.unit), g.met === null ? `not measured (${g.margin})` : `${g.met ? 'met' : 'missed'} (${g.margin})`]),
  );
}

export function markdownReport(results) {
  const parts = [`## Benchmark (${results.mode} run)`, '', `Machine: ${machineLine(results.machine)}. The machine is shared and noisy: compare ratios, not absolute times.`, ''];
  parts.push(`Bundles measured: ${results.build}. Tools: ${Object.entries(results.toolVersions ?? {}).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ') || 'none installed'}.`, '');
  if (results.corpora?.length) {
    parts.push('### Workspace audit', '');
    for (const c of results.corpora) parts.push(auditSection(c), '');
    parts.push('ESLint sees only JS/TS files (TypeScript through @typescript-eslint/parser, no type information); secretlint and ripgrep read every file; our CLI parses JS/TS and Python and reads project files. Every tool skips the same dependency and build folders (node_modules, vendor, dist…). "Vendored hits" counts results inside those folders and should be 0.', '');
  }
  if (results.lsp) parts.push('### Editing latency (real server over stdio)', '', lspSection(results.lsp), '');
  if (results.package) parts.push('### Package', '', packageSection(results.package), '');
  parts.push('### Goals', '', goalsTable(results.goals), '');
  if (results.profiles && Object.keys(results.profiles).length) parts.push('### CPU profiles where a goal is missed (`node --cpu-prof`)', '', profileSection(results.profiles));
  return parts.join('\n');
}

/** The README's block: machine and date, the audit table of the generated corpus, editing latency, package, goals. */
export function readmeSection(results) {
  const parts = [`_Generated by \`npm run bench -- --readme\` (${results.mode} run) on ${machineLine(results.machine)}. Full results: \`bench/results/latest.json\`._`, ''];
  const corpus = results.corpora?.find((c) => c.generated);
  if (corpus) parts.push(auditSection(corpus).replace(/^### /, '#### Workspace audit, '), '');
  if (results.lsp) parts.push('#### Editing latency (real server over stdio)', '', lspSection(results.lsp), '');
  if (results.package) parts.push('#### Package', '', packageSection(results.package), '');
  parts.push('#### Goals', '', goalsTable(results.goals));
  const profiles = Object.entries(results.profiles ?? {}).filter(([, p]) => !p.error);
  if (profiles.length) {
    parts.push('', '#### Where the time goes (CPU profiles of the missed goals)', '');
    for (const [name, p] of profiles) parts.push(`- ${name}: ${p.sources.slice(0, 5).map((s) => `${s.source} ${s.percent}%`).join(', ')}.`);
  }
  return parts.join('\n');
}
