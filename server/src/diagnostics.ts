/** Engine findings as LSP diagnostics. The message is already masked by the engine. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Factor, Finding, Fix, Severity } from './engine/types';

export const DIAGNOSTIC_SOURCE = 'twelve-factor';

/** Carried in `Diagnostic.data` so code actions can be built from the diagnostic alone. */
export interface DiagnosticData {
  ruleId: string;
  factor: Factor | null;
  docsUrl: string;
  /** Document version the finding (and its fix offsets) belong to. */
  version: number;
  fix?: Fix;
  suggestions?: Fix[];
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, factor: finding.factor, docsUrl: finding.docsUrl, version };
  if (finding.fix) data.fix = finding.fix;
  if (finding.suggestions?.length) data.suggestions = finding.suggestions;
  return {
    range: { start: finding.start, end: finding.end },
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: finding.docsUrl },
    message: finding.message,
    data,
  };
}

const isFix = (value: unknown): value is Fix => {
  if (typeof value !== 'object' || value === null) return false;
  const fix = value as Partial<Fix>;
  return (
    typeof fix.title === 'string' &&
    Array.isArray(fix.edits) &&
    fix.edits.every((e) => typeof e?.start === 'number' && typeof e.end === 'number' && typeof e.newText === 'string' && e.start <= e.end) &&
    (fix.envExample === undefined || (Array.isArray(fix.envExample) && fix.envExample.every((n) => typeof n === 'string')))
  );
};

/** Reads back `data` as it comes from a client; anything malformed is treated as absent. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  if (typeof data.ruleId !== 'string' || typeof data.version !== 'number' || typeof data.docsUrl !== 'string') return undefined;
  if (data.fix !== undefined && !isFix(data.fix)) return undefined;
  if (data.suggestions !== undefined && !(Array.isArray(data.suggestions) && data.suggestions.every(isFix))) return undefined;
  return data as DiagnosticData;
}
