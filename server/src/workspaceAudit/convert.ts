/**
 * From the engine's `AuditResult` to what the editor needs: the wire shape for the checklist (findings grouped by
 * file, skipped files, which rules had anything to look at) and LSP diagnostics per file. No connection here.
 */
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver';
import { toDiagnostic } from '../diagnostics';
import { effectiveSeverity } from '../engine/runner';
import { languageOf } from '../engine/languages';
import type { Rule } from '../engine/types';
import type { AuditFinding as EngineFinding, AuditOptions, AuditResult } from '../engine/workspace';
import type { ResolvedSettings } from '../settings';
import { pathToUri } from '../workspace';
import type { AuditFile, AuditRuleInfo, FolderAudit } from '../shared/protocol';

/** The engine options a folder's settings ask for (the same mapping the per-document linter uses). */
export function auditOptions(settings: ResolvedSettings): AuditOptions {
  return { rules: settings.rules, nonProductionFiles: settings.testFiles, maxFileSize: settings.maxFileSize };
}

/** Version given to diagnostics of files that are not open: no document version matches, so no stale quick fix. */
export const CLOSED_FILE_VERSION = -1;

export interface ConvertedAudit {
  wire: FolderAudit;
  /** Diagnostics per file URI (only files with findings). */
  diagnostics: Map<string, Diagnostic[]>;
  /**
   * The subset only the audit can find (project-level rules, e.g. a missing SIGTERM handler reported on a `listen`
   * call): the per-document linter does not reproduce them, so they are added to its diagnostics while a file is open.
   */
  projectDiagnostics: Map<string, Diagnostic[]>;
}

/** Whether a finding comes from looking at the project rather than at the file alone. */
export function isProjectFinding(finding: Pick<EngineFinding, 'ruleId' | 'path'>, rules: readonly Rule[]): boolean {
  const family = languageOf(finding.path)?.family;
  const rule = rules.find((r) => r.id === finding.ruleId);
  return rule !== undefined && (family === undefined || !rule.languages.includes(family));
}

/** The rules' metadata for one folder, with whether each had anything to look at in the files analysed. */
export function ruleInfos(rules: readonly Rule[], settings: ResolvedSettings | undefined, analyzedFiles: readonly string[] = []): AuditRuleInfo[] {
  const families = new Set(analyzedFiles.map((f) => languageOf(f)?.family).filter((f) => f !== undefined));
  const options = settings ? auditOptions(settings) : {};
  return rules.map((rule) => ({
    id: rule.id,
    factor: rule.factor,
    description: rule.description,
    docsUrl: rule.docsUrl,
    severity: effectiveSeverity(rule, options, 'production') ?? 'off',
    applied: rule.project !== undefined || rule.languages.some((l) => families.has(l)),
    languages: [...rule.languages],
    project: rule.project !== undefined,
  }));
}

/**
 * Groups an audit's findings by file and drops everything under `twelveFactor.exclude` (the walk does not know the
 * editor's settings). Paths in the result are relative to `result.root`.
 */
export function convertAudit(folder: { uri: string; name: string }, result: AuditResult, settings: ResolvedSettings, rules: readonly Rule[], finishedAt = new Date()): ConvertedAudit {
  const uriOf = (rel: string) => pathToUri(path.join(result.root, rel));
  const byFile = new Map<string, EngineFinding[]>();
  for (const finding of result.findings) {
    if (settings.isExcluded(finding.path)) continue;
    let list = byFile.get(finding.path);
    if (!list) byFile.set(finding.path, (list = []));
    list.push(finding);
  }
  const files: AuditFile[] = [];
  const diagnostics = new Map<string, Diagnostic[]>();
  const projectDiagnostics = new Map<string, Diagnostic[]>();
  for (const [rel, findings] of byFile) {
    const uri = uriOf(rel);
    files.push({
      uri,
      path: rel,
      findings: findings.map((f) => ({
        ruleId: f.ruleId,
        factor: f.factor,
        severity: f.severity,
        message: f.message,
        range: { start: f.start, end: f.end },
        docsUrl: f.docsUrl,
        ...(f.fix ? { fix: f.fix.title } : {}),
      })),
    });
    const converted = findings.map((f) => toDiagnostic(f, CLOSED_FILE_VERSION));
    diagnostics.set(uri, converted);
    const project = converted.filter((_, i) => isProjectFinding(findings[i], rules));
    if (project.length) projectDiagnostics.set(uri, project);
  }
  const analyzed = result.analyzedFiles.filter((f) => !settings.isExcluded(f));
  return {
    wire: {
      folder: folder.uri,
      name: folder.name,
      files,
      skipped: result.skipped.filter((s) => !settings.isExcluded(s.path)).map((s) => ({ uri: uriOf(s.path), path: s.path, reason: s.reason, detail: s.detail })),
      rules: ruleInfos(rules, settings, analyzed),
      filesScanned: analyzed.length,
      finishedAt: finishedAt.toISOString(),
    },
    diagnostics,
    projectDiagnostics,
  };
}
