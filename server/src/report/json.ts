/**
 * The JSON format: a stable, documented shape for scripts (see docs/cli.md). Positions are 1-based; `endColumn` is
 * exclusive. Messages and fix titles are masked; no source text is included.
 */
import { maskText } from '../engine/mask';
import type { Factor, FileRole, Severity } from '../engine/types';
import type { AuditSkipReason } from '../engine/workspace';
import { allFindings, TOOL_NAME, totals, type AuditReport } from './model';

export interface JsonReport {
  /** Bumped on any incompatible change of this shape. */
  formatVersion: 1;
  tool: { name: string; version: string };
  roots: {
    /** Absolute folder the paths of this root are relative to. */
    path: string;
    analyzedFiles: number;
    skipped: { path: string; reason: AuditSkipReason; detail: string }[];
    syntaxErrors: string[];
    ruleErrors: string[];
  }[];
  findings: {
    /** Index into `roots`. */
    root: number;
    /** Relative to the root, forward slashes. */
    path: string;
    ruleId: string;
    factor: Factor | null;
    severity: Severity;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    role: FileRole;
    docsUrl: string;
    fingerprint: string;
    /** Title of the automatic fix, when the rule offers one. */
    fix: string | null;
  }[];
  summary: {
    total: number;
    files: number;
    bySeverity: Record<Severity, number>;
    byFactor: Record<string, number>;
    byRule: Record<string, number>;
  };
}

export function formatJson(report: AuditReport): JsonReport {
  const findings = allFindings(report);
  const sum = totals(findings);
  return {
    formatVersion: 1,
    tool: { name: TOOL_NAME, version: report.toolVersion },
    roots: report.roots.map((r) => ({
      path: r.root,
      analyzedFiles: r.analyzedFiles.length,
      skipped: r.skipped,
      syntaxErrors: r.syntaxErrors,
      ruleErrors: r.ruleErrors.map((e) => maskText(e)),
    })),
    findings: findings.map((f) => ({
      root: f.rootIndex,
      path: f.path,
      ruleId: f.ruleId,
      factor: f.factor,
      severity: f.severity,
      message: maskText(f.message),
      line: f.start.line + 1,
      column: f.start.character + 1,
      endLine: f.end.line + 1,
      endColumn: f.end.character + 1,
      role: f.role,
      docsUrl: f.docsUrl,
      fingerprint: f.fingerprint,
      fix: f.fix ? maskText(f.fix.title) : null,
    })),
    summary: {
      total: sum.total,
      files: sum.files,
      bySeverity: sum.bySeverity,
      byFactor: Object.fromEntries([...sum.byFactor].map(([k, c]) => [k, c.error + c.warning + c.info + c.hint])),
      byRule: Object.fromEntries([...sum.byRule].sort((a, b) => a[0].localeCompare(b[0]))),
    },
  };
}
