/**
 * The checklist's logic without `vscode`: a factor's status from audit results, and the tree the view renders.
 * The view (view.ts) only maps these nodes to TreeItems; tests drive this module with tables.
 */
import type { AuditFinding, AuditRuleInfo, FolderAudit, Severity, WireRange } from '../../../server/src/shared/protocol';
import { FACTOR_INFO, factorTitle, type Factor, type FactorInfo } from '../../../server/src/shared/factors';

/**
 * - fail: an error finding;  warning: a warning or info finding;  pass: rules ran and found nothing;
 * - notApplicable: the factor has rules but none had anything to look at (disabled, or no file of their languages);
 * - manual: no automated rule covers the factor — a person verifies it;  notChecked: no audit has run yet.
 */
export type FactorStatus = 'pass' | 'warning' | 'fail' | 'notApplicable' | 'manual' | 'notChecked';

export const STATUS_LABEL: Record<FactorStatus, string> = {
  pass: 'Passed',
  warning: 'Warnings',
  fail: 'Failed',
  notApplicable: 'Not applicable',
  manual: 'Check by hand',
  notChecked: 'Not checked yet',
};

/** A finding with the file it is in, across workspace folders. */
export interface LocatedFinding extends AuditFinding {
  uri: string;
  /** Path shown to the user: folder-relative, prefixed with the folder name in a multi-root workspace. */
  displayPath: string;
}

export interface FactorSummary {
  info: FactorInfo;
  status: FactorStatus;
  /** Findings that decide the status (errors, warnings, infos). Hints (non-production files) are listed only. */
  counts: Record<'error' | 'warning' | 'info' | 'hint', number>;
  findings: LocatedFinding[];
  /** Rules for this factor that were in effect. */
  rules: AuditRuleInfo[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * Status from the rules that exist for the factor and what they found. `rulesKnown` is false while the rule list
 * has not arrived from the server: a factor without rules is then unknown, not "check by hand".
 */
export function deriveStatus(rules: readonly AuditRuleInfo[], findings: readonly Pick<AuditFinding, 'severity'>[], audited: boolean, rulesKnown = true): FactorStatus {
  if (rules.length === 0) return rulesKnown ? 'manual' : 'notChecked';
  if (!audited) return 'notChecked';
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning' || f.severity === 'info')) return 'warning';
  if (!rules.some((r) => r.applied && r.severity !== 'off')) return 'notApplicable';
  return 'pass';
}

export function locatedFindings(audits: readonly FolderAudit[]): LocatedFinding[] {
  const multiRoot = audits.length > 1;
  const out: LocatedFinding[] = [];
  for (const audit of audits) {
    for (const file of audit.files) {
      const displayPath = multiRoot ? `${audit.name}/${file.path}` : file.path;
      for (const finding of file.findings) out.push({ ...finding, uri: file.uri, displayPath });
    }
  }
  return out.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.displayPath.localeCompare(b.displayPath) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/**
 * Rule metadata merged over folders: a rule counts as applied and enabled when it is so in any folder.
 * `known` (the registry, from the server) fills in when no audit has run yet.
 */
export function mergedRules(audits: readonly FolderAudit[], known: readonly AuditRuleInfo[] = []): AuditRuleInfo[] {
  const byId = new Map<string, AuditRuleInfo>();
  for (const rule of [...known, ...audits.flatMap((a) => a.rules)]) {
    const seen = byId.get(rule.id);
    if (!seen) byId.set(rule.id, { ...rule });
    else {
      seen.applied ||= rule.applied;
      if (seen.severity === 'off') seen.severity = rule.severity;
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function emptyCounts(): FactorSummary['counts'] {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

/** One summary per factor, in order I … XII. `audits` empty means nothing has been audited yet. */
export function summarize(audits: readonly FolderAudit[], knownRules: readonly AuditRuleInfo[] = []): FactorSummary[] {
  const rules = mergedRules(audits, knownRules);
  const findings = locatedFindings(audits);
  const audited = audits.some((a) => !a.error);
  return FACTOR_INFO.map((info) => {
    const own = findings.filter((f) => f.factor === info.factor);
    const counts = emptyCounts();
    for (const f of own) counts[f.severity]++;
    const factorRules = rules.filter((r) => r.factor === info.factor);
    return { info, status: deriveStatus(factorRules, own, audited, rules.length > 0), counts, findings: own, rules: factorRules };
  });
}

/** Findings no factor owns (the engine's meta findings, such as an unknown rule id in a suppression comment). */
export function unassignedFindings(audits: readonly FolderAudit[]): LocatedFinding[] {
  return locatedFindings(audits).filter((f) => f.factor === null);
}

/** "1 file", "2 files", "3 fixes". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : /(s|x|sh|ch)$/.test(word) ? 'es' : 's'}`;
}

/** The short text beside a factor: its count, or why there is none. */
export function factorDescription(summary: FactorSummary): string {
  const { counts, status, rules } = summary;
  const parts: string[] = [];
  if (counts.error) parts.push(plural(counts.error, 'error'));
  if (counts.warning) parts.push(plural(counts.warning, 'warning'));
  if (counts.info) parts.push(plural(counts.info, 'info'));
  if (parts.length) return parts.join(', ');
  switch (status) {
    case 'pass':
      return `0 findings · ${plural(rules.filter((r) => r.applied && r.severity !== 'off').length, 'rule')}`;
    case 'notApplicable':
      return 'not applicable';
    case 'manual':
      return 'check by hand';
    case 'notChecked':
      return 'not audited yet';
    default:
      return counts.hint ? plural(counts.hint, 'hint') : '';
  }
}

// ---- the tree -------------------------------------------------------------------------------------------------

export interface FactorNode {
  kind: 'factor';
  id: string;
  factor: Factor;
  label: string;
  description: string;
  tooltip: string;
  status: FactorStatus;
  children: ChildNode[];
}

export interface FindingNode {
  kind: 'finding';
  id: string;
  label: string;
  description: string;
  tooltip: string;
  severity: Severity;
  uri: string;
  range: WireRange;
  ruleId: string;
  docsUrl: string;
}

export interface NoteNode {
  kind: 'manual' | 'rule';
  id: string;
  label: string;
  tooltip?: string;
  /** For rule notes: the rule's documentation. */
  docsUrl?: string;
}

/** Findings without a factor, shown after the twelve only when there are some. */
export interface OtherNode {
  kind: 'other';
  id: string;
  label: string;
  description: string;
  tooltip: string;
  children: FindingNode[];
}

export type ChildNode = FindingNode | NoteNode;
export type RootNode = FactorNode | OtherNode;
export type TreeNode = RootNode | ChildNode;

function findingNode(parentId: string, f: LocatedFinding, index: number): FindingNode {
  const line = f.range.start.line + 1;
  return {
    kind: 'finding',
    id: `${parentId}/finding/${index}`,
    label: f.message,
    description: `${f.displayPath}:${line}`,
    tooltip: `${f.message}\n${f.displayPath}:${line}:${f.range.start.character + 1} · ${f.ruleId} (${f.severity})`,
    severity: f.severity,
    uri: f.uri,
    range: f.range,
    ruleId: f.ruleId,
    docsUrl: f.docsUrl,
  };
}

function factorChildren(summary: FactorSummary): ChildNode[] {
  const id = `factor/${summary.info.factor}`;
  const children: ChildNode[] = summary.findings.map((f, i) => findingNode(id, f, i));
  if (summary.status === 'manual') {
    summary.info.manualChecks.forEach((text, i) => children.push({ kind: 'manual', id: `${id}/manual/${i}`, label: text, tooltip: 'No automated rule covers this factor: verify by hand.' }));
  } else if (summary.status === 'pass' || summary.status === 'notApplicable' || summary.status === 'notChecked') {
    for (const rule of summary.rules) {
      const state = rule.severity === 'off' ? ' (disabled)' : !rule.applied && summary.status !== 'notChecked' ? ' (no files it checks)' : '';
      children.push({ kind: 'rule', id: `${id}/rule/${rule.id}`, label: `${rule.id}${state}`, tooltip: rule.description, docsUrl: rule.docsUrl });
    }
  }
  return children;
}

export function buildTree(audits: readonly FolderAudit[], knownRules: readonly AuditRuleInfo[] = []): RootNode[] {
  const roots: RootNode[] = summarize(audits, knownRules).map((summary) => ({
    kind: 'factor',
    id: `factor/${summary.info.factor}`,
    factor: summary.info.factor,
    label: factorTitle(summary.info),
    description: factorDescription(summary),
    tooltip: `${summary.info.question}\n\n${STATUS_LABEL[summary.status]} — ${summary.info.summary}`,
    status: summary.status,
    children: factorChildren(summary),
  }));
  const other = unassignedFindings(audits);
  if (other.length) {
    roots.push({
      kind: 'other',
      id: 'other',
      label: 'Other findings',
      description: plural(other.length, 'finding'),
      tooltip: 'Findings not tied to a factor, such as suppression comments naming an unknown rule.',
      children: other.map((f, i) => findingNode('other', f, i)),
    });
  }
  return roots;
}
