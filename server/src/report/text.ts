/**
 * The human format, after ESLint's "stylish": findings grouped by file as `line:col  severity  message  rule-id
 * [factor]`, then a per-factor summary and the totals.
 */
import { allFindings, displayPath, FACTOR_NAMES, totals, type AuditReport, type RootedFinding } from './model';
import type { Severity } from '../engine/types';
import { maskText } from '../engine/mask';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  blue(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOR: Style = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  underline: ansi(4, 24),
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  green: ansi(32, 39),
  blue: ansi(34, 39),
};
const same = (s: string) => s;
export const PLAIN: Style = { bold: same, dim: same, underline: same, red: same, yellow: same, green: same, blue: same };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function severityCounts(counts: Record<Severity, number>): string {
  const parts: string[] = [];
  if (counts.error) parts.push(plural(counts.error, 'error'));
  if (counts.warning) parts.push(plural(counts.warning, 'warning'));
  if (counts.info) parts.push(`${counts.info} info`);
  if (counts.hint) parts.push(plural(counts.hint, 'hint'));
  return parts.join(', ');
}

function colorSeverity(severity: Severity, style: Style): (s: string) => string {
  return severity === 'error' ? style.red : severity === 'warning' ? style.yellow : style.blue;
}

export function formatText(report: AuditReport, style: Style = PLAIN, cwd = process.cwd()): string {
  const findings = allFindings(report);
  const lines: string[] = [];

  const groups = new Map<string, RootedFinding[]>();
  for (const f of findings) {
    const key = displayPath(report.roots[f.rootIndex].root, f.path, cwd);
    const group = groups.get(key) ?? [];
    group.push(f);
    groups.set(key, group);
  }
  for (const [file, group] of groups) {
    lines.push(style.underline(file));
    const rows = group.map((f) => ({
      f,
      where: `${f.start.line + 1}:${f.start.character + 1}`,
      factor: f.factor ? `[${f.factor}]` : '',
    }));
    const whereWidth = Math.max(...rows.map((r) => r.where.length));
    const messageWidth = Math.max(...rows.map((r) => r.f.message.length));
    const ruleWidth = Math.max(...rows.map((r) => r.f.ruleId.length));
    for (const { f, where, factor } of rows) {
      const severity = colorSeverity(f.severity, style)(f.severity.padEnd(7));
      lines.push(
        `  ${style.dim(where.padEnd(whereWidth))}  ${severity}  ${f.message.padEnd(messageWidth)}  ${style.dim(f.ruleId.padEnd(ruleWidth))}  ${style.dim(factor)}`.trimEnd(),
      );
    }
    lines.push('');
  }

  const sum = totals(findings);
  if (sum.byFactor.size > 0) {
    lines.push(style.bold('Findings by factor'));
    const rows = [...sum.byFactor].map(([factor, counts]) => {
      const n = counts.error + counts.warning + counts.info + counts.hint;
      const label = factor === 'meta' ? '-' : factor;
      const name = factor === 'meta' ? 'Other (no factor)' : FACTOR_NAMES[factor];
      return { label, name, n: String(n), detail: severityCounts(counts) };
    });
    const nameWidth = Math.max(...rows.map((r) => r.name.length));
    const nWidth = Math.max(...rows.map((r) => r.n.length));
    for (const r of rows) lines.push(`  ${r.label.padEnd(4)}  ${r.name.padEnd(nameWidth)}  ${r.n.padStart(nWidth)}  (${r.detail})`);
    lines.push('');
  }

  const skipped = report.roots.flatMap((r) => r.skipped.map((s) => ({ ...s, root: r.root })));
  if (skipped.length > 0) {
    lines.push(style.bold('Skipped'));
    const shown = skipped.slice(0, 20);
    for (const s of shown) lines.push(`  ${displayPath(s.root, s.path, cwd)}  ${style.dim(`${s.reason}: ${s.detail}`)}`);
    if (skipped.length > shown.length) lines.push(`  …and ${skipped.length - shown.length} more`);
    lines.push('');
  }

  // A rule that failed (or ran out of time) leaves the results incomplete: said in the report, never a silent 0.
  const ruleErrors = report.roots.flatMap((r) => r.ruleErrors);
  if (ruleErrors.length > 0) {
    lines.push(style.bold('Incomplete'));
    const shown = ruleErrors.slice(0, 20);
    for (const e of shown) lines.push(`  ${style.dim(maskText(e))}`);
    if (ruleErrors.length > shown.length) lines.push(`  …and ${ruleErrors.length - shown.length} more`);
    lines.push('');
  }

  const analysed = report.roots.reduce((n, r) => n + r.analyzedFiles.length, 0);
  const scope = `${plural(analysed, 'source file')} analysed${skipped.length ? `, ${skipped.length} skipped` : ''}${ruleErrors.length ? `, ${plural(ruleErrors.length, 'rule error')}` : ''}`;
  if (sum.total === 0 && ruleErrors.length > 0) {
    lines.push(style.yellow(style.bold(`⚠ No problems found, but the analysis is incomplete (${scope})`)));
  } else if (sum.total === 0) {
    lines.push(style.green(style.bold(`✔ No problems found (${scope})`)));
  } else {
    const mark = sum.bySeverity.error ? style.red : sum.bySeverity.warning ? style.yellow : style.blue;
    lines.push(mark(style.bold(`✖ ${plural(sum.total, 'problem')} (${severityCounts(sum.bySeverity)}) in ${plural(sum.files, 'file')}`)) + ` · ${scope}`);
  }
  return lines.join('\n') + '\n';
}
