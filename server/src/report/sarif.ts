/**
 * SARIF 2.1.0: one run of the `twelve-factor` driver. Every rule of the registry is described (so ruleIndex is
 * stable across runs), results point at files relative to the audited root through `uriBaseId`, regions are
 * 1-based with an exclusive end column in UTF-16 code units, and partialFingerprints carry the audit's stable
 * fingerprint (a hash that never covers the raw secret). Messages are the engine's masked messages.
 */
import { pathToFileURL } from 'url';
import { maskText } from '../engine/mask';
import type { Rule, Severity, SeveritySetting } from '../engine/types';
import { allFindings, FACTOR_NAMES, INFORMATION_URI, reportRules, TOOL_NAME, type AuditReport } from './model';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The key under which results carry the audit's fingerprint. */
export const FINGERPRINT_KEY = 'twelveFactor/v1';

type SarifLevel = 'none' | 'note' | 'warning' | 'error';

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface Notification {
  level: SarifLevel;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: ArtifactLocation } }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: Record<string, unknown> };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: 'utf16CodeUnits';
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: Notification[] }[];
    results: Record<string, unknown>[];
  }[];
}

export function sarifLevel(severity: Severity | SeveritySetting): SarifLevel {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'off':
      return 'none';
    default:
      return 'note';
  }
}

/** `no-hardcoded-secret` → `NoHardcodedSecret`: SARIF's readable rule name. */
export function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}

/** A relative path as a URI reference: each segment percent-encoded, forward slashes kept. */
export function relativeUri(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

/** The uriBaseId of the n-th audited root. */
export function baseId(rootIndex: number): string {
  return rootIndex === 0 ? '%SRCROOT%' : `%SRCROOT${rootIndex + 1}%`;
}

function describeRule(rule: Rule): Record<string, unknown> {
  const factor = rule.factor ? `Factor ${rule.factor} (${FACTOR_NAMES[rule.factor]})` : 'Tool meta rule';
  const tags = ['twelve-factor', ...(rule.factor ? [`factor-${rule.factor}`] : []), ...(rule.tags ?? [])];
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${factor}: ${rule.description} See ${rule.docsUrl}` },
    helpUri: rule.docsUrl,
    defaultConfiguration: { enabled: rule.defaultSeverity !== 'off', level: sarifLevel(rule.defaultSeverity) },
    properties: { ...(rule.factor ? { factor: rule.factor } : {}), tags: [...new Set(tags)] },
  };
}

export function formatSarif(report: AuditReport): SarifLog {
  const findings = allFindings(report);
  const { rules, index } = reportRules(findings);

  const originalUriBaseIds: Record<string, { uri: string }> = {};
  report.roots.forEach((result, i) => {
    const href = pathToFileURL(result.root).href;
    originalUriBaseIds[baseId(i)] = { uri: href.endsWith('/') ? href : `${href}/` };
  });

  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: sarifLevel(f.severity),
    message: { text: maskText(f.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(f.path), uriBaseId: baseId(f.rootIndex) },
          region: {
            startLine: f.start.line + 1,
            startColumn: f.start.character + 1,
            endLine: f.end.line + 1,
            endColumn: f.end.character + 1,
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { ...(f.factor ? { factor: f.factor } : {}), role: f.role },
  }));

  const notifications: Notification[] = [];
  report.roots.forEach((result, i) => {
    for (const s of result.skipped) {
      notifications.push({
        level: 'note',
        message: { text: `Skipped ${s.path}: ${s.reason} (${s.detail}).` },
        locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(s.path), uriBaseId: baseId(i) } } }],
      });
    }
    for (const e of result.ruleErrors) notifications.push({ level: 'error', message: { text: `A rule failed: ${maskText(e)}` } });
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map(describeRule),
          },
        },
        originalUriBaseIds,
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}
