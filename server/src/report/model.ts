/**
 * The report model every output format shares (text, JSON, SARIF; the CLI and the language server alike): the
 * audited roots with their results, the tool's identity, the factor names and the severity arithmetic used for
 * summaries and exit codes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DOCS_BASE } from '../shared/docs';
import { FACTOR_INFO } from '../shared/factors';
import type { AuditFinding, AuditResult } from '../engine/workspace';
import { FACTORS, type Factor, type Rule, type Severity } from '../engine/types';
import { RULES } from '../rules';

export const TOOL_NAME = 'twelve-factor';

/** The project's home page, derived from where the rule docs live. */
export const INFORMATION_URI = DOCS_BASE.replace(/\/blob\/.*$/, '');

export const FACTOR_NAMES: Readonly<Record<Factor, string>> = Object.fromEntries(FACTOR_INFO.map((f) => [f.factor, f.name])) as Record<Factor, string>;

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 4, warning: 3, info: 2, hint: 1 };

/** One audit run of the CLI: a result per path given on the command line. */
export interface AuditReport {
  toolVersion: string;
  roots: AuditResult[];
}

export interface RootedFinding extends AuditFinding {
  /** Index of the root in `AuditReport.roots`. */
  rootIndex: number;
}

export function allFindings(report: AuditReport): RootedFinding[] {
  return report.roots.flatMap((result, rootIndex) => result.findings.map((f) => ({ ...f, rootIndex })));
}

export interface Totals {
  bySeverity: Record<Severity, number>;
  byFactor: Map<Factor | 'meta', Record<Severity, number>>;
  byRule: Map<string, number>;
  total: number;
  files: number;
}

const zero = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0, hint: 0 });

export function totals(findings: readonly RootedFinding[]): Totals {
  const bySeverity = zero();
  const byFactor = new Map<Factor | 'meta', Record<Severity, number>>();
  const byRule = new Map<string, number>();
  const files = new Set<string>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    const key = f.factor ?? 'meta';
    const counts = byFactor.get(key) ?? zero();
    counts[f.severity]++;
    byFactor.set(key, counts);
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    files.add(`${f.rootIndex}\u0000${f.path}`);
  }
  const order = (k: Factor | 'meta') => (k === 'meta' ? FACTORS.length : FACTORS.indexOf(k));
  const sortedByFactor = new Map([...byFactor].sort((a, b) => order(a[0]) - order(b[0])));
  return { bySeverity, byFactor: sortedByFactor, byRule, total: findings.length, files: files.size };
}

/** The rules a report describes: the registry, plus any rule id a finding carries that the registry lacks. */
export function reportRules(findings: readonly RootedFinding[]): { rules: Rule[]; index: Map<string, number> } {
  const rules: Rule[] = [...RULES];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, rules.length);
    rules.push({
      id: f.ruleId,
      factor: f.factor,
      defaultSeverity: f.severity,
      description: f.ruleId,
      messages: {},
      languages: [],
      docsUrl: f.docsUrl,
    });
  }
  return { rules, index };
}

/** The package version, found by walking up from the bundle (server/out) or the sources (server/src/report). */
export function toolVersion(): string {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'twelve-factor-linter' && pkg.version) return pkg.version;
    } catch {
      // not here; keep climbing
    }
  }
  return '0.0.0';
}

/** A path as the user should see it: relative to the current directory when inside it, else absolute. */
export function displayPath(root: string, relPath: string, cwd = process.cwd()): string {
  const abs = path.join(root, relPath);
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}
