/**
 * The Markdown the "Show Report" and "Show Factor Documentation" commands open in the Markdown preview.
 * Pure functions of audit results; messages are already masked by the engine.
 */
import type { AuditRuleInfo, FolderAudit } from '../../../server/src/workspaceAudit/protocol';
import { factorTitle, type FactorInfo } from '../../../server/src/engine/factors';
import { STATUS_LABEL, summarize, unassignedFindings, type FactorStatus, type LocatedFinding } from './model';

const STATUS_MARK: Record<FactorStatus, string> = {
  pass: '✅',
  warning: '⚠️',
  fail: '❌',
  notApplicable: '➖',
  manual: '📝',
  notChecked: '⏳',
};

/** Escapes text for a Markdown paragraph or table cell (no HTML, no emphasis, no pipes breaking a table). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A link to the finding's line; VS Code's Markdown preview opens `file:` links with `#L<line>` at that line. */
export function locationLink(f: Pick<LocatedFinding, 'uri' | 'displayPath' | 'range'>): string {
  const line = f.range.start.line + 1;
  return `[${escapeMarkdown(`${f.displayPath}:${line}`)}](<${f.uri}#L${line}>)`;
}

function findingLine(f: LocatedFinding): string {
  return `- **${f.severity}** ${locationLink(f)} — ${escapeMarkdown(f.message)} ([${f.ruleId}](<${f.docsUrl}>))`;
}

function countText(counts: Record<'error' | 'warning' | 'info' | 'hint', number>): string {
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}${counts[k] === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : '—';
}

export interface ReportOptions {
  /** Shown under the title, e.g. the time of the audit. */
  generatedAt?: string;
}

export function renderReport(audits: readonly FolderAudit[], options: ReportOptions = {}): string {
  const lines: string[] = ['# Twelve-Factor report', ''];
  if (audits.length === 0) {
    lines.push('No audit has run yet. Run **Twelve-Factor: Audit Workspace** to fill this report.', '');
    return lines.join('\n');
  }
  const folders = audits.map((a) => `${escapeMarkdown(a.name)} (${a.filesScanned} files)`).join(', ');
  lines.push(`Audited: ${folders}${options.generatedAt ? ` · ${escapeMarkdown(options.generatedAt)}` : ''}`, '');
  for (const audit of audits) {
    if (audit.error) lines.push(`> **${escapeMarkdown(audit.name)}** could not be audited: ${escapeMarkdown(audit.error)}`, '');
  }

  const summaries = summarize(audits);
  lines.push('| Factor | Status | Findings |', '| --- | --- | --- |');
  for (const s of summaries) {
    lines.push(`| [${escapeMarkdown(factorTitle(s.info))}](#${anchor(s.info)}) | ${STATUS_MARK[s.status]} ${STATUS_LABEL[s.status]} | ${countText(s.counts)} |`);
  }
  lines.push('');

  for (const s of summaries) {
    lines.push(`## ${factorTitle(s.info)}`, '', `${STATUS_MARK[s.status]} **${STATUS_LABEL[s.status]}** — ${escapeMarkdown(s.info.question)}`, '');
    if (s.findings.length) {
      for (const f of s.findings) lines.push(findingLine(f));
      lines.push('');
    } else if (s.status === 'manual') {
      lines.push('No automated rule covers this factor. Verify by hand:', '');
      for (const check of s.info.manualChecks) lines.push(`- [ ] ${escapeMarkdown(check)}`);
      lines.push('');
    } else {
      const active = s.rules.filter((r) => r.severity !== 'off');
      const ran = active.filter((r) => r.applied);
      lines.push(
        s.status === 'notApplicable'
          ? `No file in the workspace is checked by ${active.length ? active.map((r) => `\`${r.id}\``).join(', ') : 'an enabled rule'}.`
          : `No findings from ${ran.map((r) => `\`${r.id}\``).join(', ')}.`,
        '',
      );
    }
  }

  const other = unassignedFindings(audits);
  if (other.length) {
    lines.push('## Other findings', '');
    for (const f of other) lines.push(findingLine(f));
    lines.push('');
  }

  const skipped = audits.flatMap((a) => a.skipped.map((s) => ({ ...s, folder: a.name })));
  if (skipped.length) {
    lines.push('## Skipped files', '', '| File | Why |', '| --- | --- |');
    const multiRoot = audits.length > 1;
    for (const s of skipped) lines.push(`| ${escapeMarkdown(multiRoot ? `${s.folder}/${s.path}` : s.path)} | ${escapeMarkdown(s.detail || s.reason)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The heading anchor the Markdown preview generates for `## III. Config` (lower case, dashes, punctuation dropped). */
function anchor(info: FactorInfo): string {
  return factorTitle(info)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** The page "Show Factor Documentation" opens: what the factor asks, what to check, and our rules for it. */
export function renderFactorPage(info: FactorInfo, rules: readonly Pick<AuditRuleInfo, 'id' | 'factor' | 'description' | 'docsUrl' | 'project'>[]): string {
  const own = rules.filter((r) => r.factor === info.factor);
  const lines = [
    `# Factor ${info.factor}: ${info.name}`,
    '',
    escapeMarkdown(info.summary),
    '',
    `**Review question:** ${escapeMarkdown(info.question)}`,
    '',
    '## Rules for this factor',
    '',
  ];
  if (own.length) {
    for (const r of own) lines.push(`- [\`${r.id}\`](<${r.docsUrl}>)${r.project ? ' (project-level)' : ''} — ${escapeMarkdown(r.description)}`);
  } else {
    lines.push('No automated rule checks this factor; the checklist lists it as *check by hand*.');
  }
  lines.push('', '## What to verify by hand', '');
  for (const check of info.manualChecks) lines.push(`- [ ] ${escapeMarkdown(check)}`);
  lines.push('');
  return lines.join('\n');
}
