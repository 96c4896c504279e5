/**
 * The checklist's pure logic: status derivation, the tree model and the Markdown report, on hand-made audit results.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FACTOR_INFO, factorInfo } from '../../server/src/shared/factors';
import { buildTree, deriveStatus, factorDescription, plural, summarize, type FactorNode, type FactorStatus } from '../../client/src/checklist/model';
import { escapeMarkdown, locationLink, MANUAL_MARK, relativeHref, renderFactorPage, renderReport } from '../../client/src/checklist/report';
import type { AuditFinding, AuditRuleInfo, FolderAudit, Severity } from '../../server/src/shared/protocol';
import { FACTORS, type Factor } from '../../server/src/engine/types';

function rule(id: string, factor: Factor | null, extra: Partial<AuditRuleInfo> = {}): AuditRuleInfo {
  return { id, factor, description: `${id} description`, docsUrl: `https://example.invalid/${id}.md`, severity: 'warning', applied: true, languages: ['js'], project: false, ...extra };
}

function finding(ruleId: string, factor: Factor | null, severity: Severity, line = 0, message = `${ruleId} message`): AuditFinding {
  return { ruleId, factor, severity, message, range: { start: { line, character: 2 }, end: { line, character: 9 } }, docsUrl: `https://example.invalid/${ruleId}.md` };
}

function audit(name: string, files: { path: string; findings: AuditFinding[] }[], rules: AuditRuleInfo[], extra: Partial<FolderAudit> = {}): FolderAudit {
  return {
    folder: `file:///ws/${name}`,
    name,
    files: files.map((f) => ({ ...f, uri: `file:///ws/${name}/${f.path}` })),
    skipped: [],
    rules,
    filesScanned: files.length,
    finishedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('checklist: factor data', () => {
  it('has the twelve factors in the engine\'s order, each with a question and checks by hand', () => {
    assert.deepEqual(FACTOR_INFO.map((f) => f.factor), [...FACTORS]);
    assert.deepEqual(FACTOR_INFO.map((f) => f.number), FACTORS.map((_, i) => i + 1));
    for (const f of FACTOR_INFO) assert.ok(f.question.endsWith('?') && f.manualChecks.length > 0 && f.summary.endsWith('.'), f.name);
  });
  it('pluralises counts', () => {
    assert.deepEqual([plural(1, 'fix'), plural(2, 'fix'), plural(0, 'file'), plural(3, 'warning')], ['1 fix', '2 fixes', '0 files', '3 warnings']);
  });
});

describe('checklist: factor status', () => {
  const cases: { name: string; rules: AuditRuleInfo[]; severities: Severity[]; audited?: boolean; rulesKnown?: boolean; expected: FactorStatus }[] = [
    { name: 'an error fails the factor', rules: [rule('r', 'III')], severities: ['warning', 'error'], expected: 'fail' },
    { name: 'warnings only: warning', rules: [rule('r', 'III')], severities: ['warning'], expected: 'warning' },
    { name: 'info counts as a warning', rules: [rule('r', 'III')], severities: ['info'], expected: 'warning' },
    { name: 'hints (non-production files) do not change a pass', rules: [rule('r', 'III')], severities: ['hint'], expected: 'pass' },
    { name: 'rules ran, nothing found: pass', rules: [rule('r', 'III')], severities: [], expected: 'pass' },
    { name: 'no rule for the factor: manual', rules: [], severities: [], expected: 'manual' },
    { name: 'no rule, even before an audit: manual', rules: [], severities: [], audited: false, expected: 'manual' },
    { name: 'rule list not received yet: not checked rather than manual', rules: [], severities: [], audited: false, rulesKnown: false, expected: 'notChecked' },
    { name: 'rules exist but no audit yet: not checked', rules: [rule('r', 'III')], severities: [], audited: false, expected: 'notChecked' },
    { name: 'rule had no files of its languages: not applicable', rules: [rule('r', 'III', { applied: false })], severities: [], expected: 'notApplicable' },
    { name: 'rule disabled in settings: not applicable', rules: [rule('r', 'III', { severity: 'off' })], severities: [], expected: 'notApplicable' },
    { name: 'one of two rules applied: pass', rules: [rule('a', 'III', { applied: false }), rule('b', 'III')], severities: [], expected: 'pass' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(deriveStatus(c.rules, c.severities.map((severity) => ({ severity })), c.audited ?? true, c.rulesKnown ?? true), c.expected);
    });
  }
});

describe('checklist: summaries over workspace folders', () => {
  const rules = [rule('no-hardcoded-secret', 'III', { severity: 'error' }), rule('no-file-logging', 'XI'), rule('no-hardcoded-port', 'VII'), rule('lockfile-present', 'II', { project: true })];
  const api = audit('api', [
    { path: 'src/db.js', findings: [finding('no-hardcoded-secret', 'III', 'error', 4), finding('no-file-logging', 'XI', 'warning', 9)] },
    { path: 'src/log.js', findings: [finding('no-file-logging', 'XI', 'warning', 1)] },
  ], rules);
  const web = audit('web', [{ path: 'app.py', findings: [finding('no-file-logging', 'XI', 'warning', 3), finding('invalid-suppression', null, 'warning', 0)] }], rules.map((r) => ({ ...r, applied: r.id !== 'no-hardcoded-port' })));

  it('lists the twelve factors in order with statuses from all folders', () => {
    const summaries = summarize([api, web]);
    assert.deepEqual(
      summaries.map((s) => `${s.info.factor}:${s.status}`),
      ['I:manual', 'II:pass', 'III:fail', 'IV:manual', 'V:manual', 'VI:manual', 'VII:pass', 'VIII:manual', 'IX:manual', 'X:manual', 'XI:warning', 'XII:manual'],
    );
    const logs = summaries.find((s) => s.info.factor === 'XI')!;
    assert.deepEqual(logs.counts, { error: 0, warning: 3, info: 0, hint: 0 });
    assert.deepEqual(logs.findings.map((f) => f.displayPath), ['api/src/db.js', 'api/src/log.js', 'web/app.py']);
  });

  it('a single folder shows paths without the folder name', () => {
    const s = summarize([api]).find((x) => x.info.factor === 'III')!;
    assert.deepEqual(s.findings.map((f) => `${f.displayPath}:${f.range.start.line + 1}`), ['src/db.js:5']);
  });

  it('before any audit, known rules give "not checked" and factors without rules stay manual', () => {
    const statuses = summarize([], rules).map((s) => s.status);
    assert.equal(statuses[FACTOR_INFO.findIndex((f) => f.factor === 'III')], 'notChecked');
    assert.equal(statuses[0], 'manual');
    assert.equal(summarize([], []).every((s) => s.status === 'notChecked'), true, 'no rule list yet: nothing is known');
  });

  it('a folder that failed to audit does not make rules pass', () => {
    const broken = audit('gone', [], rules, { error: 'folder not found', filesScanned: 0 });
    assert.equal(summarize([broken]).find((s) => s.info.factor === 'III')!.status, 'notChecked');
  });

  it('describes counts and states in the description', () => {
    const byFactor = new Map(summarize([api, web]).map((s) => [s.info.factor, factorDescription(s)]));
    assert.equal(byFactor.get('III'), '1 error');
    assert.equal(byFactor.get('XI'), '3 warnings');
    assert.equal(byFactor.get('VII'), '0 findings · 1 rule');
    assert.equal(byFactor.get('I'), 'check by hand');
  });
});

describe('checklist: tree model', () => {
  const rules = [rule('no-hardcoded-secret', 'III', { severity: 'error' }), rule('no-file-logging', 'XI')];
  const one = audit('app', [{ path: 'src/db.js', findings: [finding('no-hardcoded-secret', 'III', 'error', 2, 'Secret in postgres://app:****@db')] }], rules);

  it('has twelve factor nodes, findings as children with their location, manual checks for uncovered factors', () => {
    const roots = buildTree([one]);
    assert.equal(roots.length, 12);
    const config = roots.find((r) => r.kind === 'factor' && r.factor === 'III') as FactorNode;
    assert.equal(config.label, 'III. Config');
    assert.equal(config.status, 'fail');
    assert.match(config.tooltip, /secret in the code/);
    assert.deepEqual(config.children.map((c) => [c.kind, c.label, 'description' in c ? c.description : '']), [['finding', 'Secret in postgres://app:****@db', 'src/db.js:3']]);
    const codebase = roots[0] as FactorNode;
    assert.equal(codebase.status, 'manual');
    assert.deepEqual(codebase.children.map((c) => c.kind), factorInfo('I').manualChecks.map(() => 'manual'));
    const logs = roots.find((r) => r.kind === 'factor' && r.factor === 'XI') as FactorNode;
    assert.deepEqual(logs.children.map((c) => `${c.kind}:${c.label}`), ['rule:no-file-logging']);
  });

  it('ids are unique, so VS Code keeps expansion state across refreshes', () => {
    const nodes = buildTree([one]).flatMap((r) => [r, ...r.children]);
    assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length);
  });

  it('adds "Other findings" only when findings without a factor exist', () => {
    const meta = audit('app', [{ path: 'a.js', findings: [finding('invalid-suppression', null, 'warning')] }], rules);
    const roots = buildTree([meta]);
    assert.equal(roots.length, 13);
    assert.equal(roots[12].kind, 'other');
    assert.equal(roots[12].children.length, 1);
  });
});

describe('checklist: Markdown report', () => {
  const rules = [rule('no-hardcoded-secret', 'III', { severity: 'error' }), rule('no-file-logging', 'XI', { applied: false })];
  const one = audit(
    'app',
    [{ path: 'src/my db.js', findings: [finding('no-hardcoded-secret', 'III', 'error', 6, 'Hardcoded password in postgres://app:****@db_host | see *docs*')] }],
    rules,
    { skipped: [{ uri: 'file:///ws/app/dist/bundle.min.js', path: 'dist/bundle.min.js', reason: 'minified', detail: 'a .min.js file' }] },
  );
  const md = renderReport([one], { location: 'file:///home/me/.config/Code/User/workspaceStorage/abc/ext/Twelve-Factor%20Report.md' });

  it('has a summary row per factor with status and counts', () => {
    assert.ok(md.includes('| [III. Config](#iii-config) | ❌ Failed | 1 error |'), md);
    for (const info of FACTOR_INFO) assert.ok(md.includes(`## ${info.factor}. ${info.name}`), info.name);
    assert.match(md, /\| \[XI\. Logs\]\(#xi-logs\) \| ➖ Not applicable \| — \|/);
  });

  it('links each finding to its line and escapes Markdown in messages', () => {
    assert.ok(md.includes(`[src/my db.js:7](<${'../'.repeat(8)}ws/app/src/my%20db.js#L7,3>)`), md);
    assert.ok(md.includes('postgres://app:\\*\\*\\*\\*@db\\_host \\| see \\*docs\\*'), md);
    assert.ok(md.includes('([no-hardcoded-secret](<https://example.invalid/no-hardcoded-secret.md>))'));
  });

  it('lists manual checks with a ballot box (the preview shows no task lists) and skipped files with their reason', () => {
    assert.ok(md.includes(`- ${MANUAL_MARK} ${escapeMarkdown(factorInfo('V').manualChecks[0])}`));
    assert.ok(!md.includes('[ ]'));
    assert.match(md, /\| dist\/bundle\.min\.js \| a \.min\.js file \|/);
  });

  it('names a finding\'s location in plain text when the report has no file to link from', () => {
    const plain = renderReport([one]);
    assert.ok(plain.includes('- **error** src/my db.js:7 — '), plain);
    assert.ok(!plain.includes('file:'));
  });

  it('says how to start when nothing was audited', () => {
    assert.match(renderReport([]), /Audit Workspace/);
  });
});

describe('checklist: links from the report file to the findings', () => {
  const REPORT = 'file:///home/me/.local/share/code-server/User/workspaceStorage/4f2/publisher.ext/Twelve-Factor%20Report.md';
  const cases: { name: string; from: string; target: string; href: string | undefined }[] = [
    // The report lives in the extension's storage, the findings in the workspace: up to the common folder, then down.
    { name: 'POSIX, common root', from: REPORT, target: 'file:///tmp/ws/src/db.js', href: `${'../'.repeat(9)}tmp/ws/src/db.js` },
    { name: 'POSIX, common prefix', from: 'file:///home/me/store/r.md', target: 'file:///home/me/app/a.js', href: '../app/a.js' },
    { name: 'same folder', from: 'file:///s/r.md', target: 'file:///s/a.js', href: 'a.js' },
    { name: 'below the report', from: 'file:///s/r.md', target: 'file:///s/x/y/a.js', href: 'x/y/a.js' },
    // Names are decoded from the URI and encoded again per segment: spaces, #, %, ?, : and non-ASCII survive.
    { name: 'space and unicode', from: 'file:///s/r.md', target: 'file:///w/my%20app/caf%C3%A9.js', href: '../w/my%20app/caf%C3%A9.js' },
    { name: '# and ? in a name', from: 'file:///s/r.md', target: 'file:///w/a%23b%3Fc.js', href: '../w/a%23b%3Fc.js' },
    { name: 'percent in a name', from: 'file:///s/r.md', target: 'file:///w/100%25.js', href: '../w/100%25.js' },
    { name: 'colon in a name (no scheme look-alike)', from: 'file:///s/r.md', target: 'file:///s/x:y.js', href: 'x%3Ay.js' },
    // Windows: the drive letter compares without case (VS Code writes c%3A, other tools C:).
    { name: 'Windows, same drive', from: 'file:///c%3A/Users/me/AppData/r.md', target: 'file:///C:/src/app/a.js', href: '../../../src/app/a.js' },
    { name: 'Windows, other drive', from: 'file:///c%3A/Users/me/r.md', target: 'file:///d%3A/src/a.js', href: undefined },
    { name: 'UNC share vs local', from: 'file:///c%3A/r.md', target: 'file://server/share/a.js', href: undefined },
    { name: 'same UNC share', from: 'file://server/share/store/r.md', target: 'file://SERVER/share/app/a.js', href: '../app/a.js' },
    // A remote window: storage and workspace on the same remote host link like files; across schemes or hosts they do not.
    { name: 'same remote host', from: 'vscode-remote://ssh-remote%2Bbox/home/me/.vscode-server/data/r.md', target: 'vscode-remote://ssh-remote+box/home/me/app/a.js', href: '../../app/a.js' },
    { name: 'other remote host', from: 'vscode-remote://ssh-remote%2Bbox/s/r.md', target: 'vscode-remote://ssh-remote%2Bother/s/a.js', href: undefined },
    { name: 'local storage, remote workspace', from: REPORT, target: 'vscode-remote://ssh-remote%2Bbox/home/a.js', href: undefined },
    { name: 'web storage', from: 'vscode-userdata:/User/r.md', target: 'file:///w/a.js', href: undefined },
    { name: 'malformed escape', from: 'file:///s/r.md', target: 'file:///w/%E0%A4%A.js', href: undefined },
    { name: 'not a URI', from: 'file:///s/r.md', target: '/w/a.js', href: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(relativeHref(c.from, c.target), c.href));
  }

  it('points at the finding\'s line and column, and falls back to plain text', () => {
    const f = { uri: 'file:///w/src/a b.js', displayPath: 'src/a b.js', range: { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } } };
    assert.equal(locationLink(f, 'file:///s/r.md'), '[src/a b.js:5](<../w/src/a%20b.js#L5,3>)');
    assert.equal(locationLink(f, 'file:///c%3A/r.md'), 'src/a b.js:5');
    assert.equal(locationLink({ ...f, displayPath: 'src/[x].js' }), 'src/\\[x\\].js:5');
  });
});

describe('checklist: factor documentation page', () => {
  const rules = [rule('no-file-logging', 'XI'), rule('no-hardcoded-port', 'VII'), rule('procfile-present', 'VIII', { project: true })];
  it('lists the factor\'s rules with links', () => {
    const page = renderFactorPage(factorInfo('XI'), rules);
    assert.match(page, /^# Factor XI: Logs/);
    assert.ok(page.includes('- [`no-file-logging`](<https://example.invalid/no-file-logging.md>) — no-file-logging description'));
    assert.ok(!page.includes('no-hardcoded-port'));
  });
  it('marks project-level rules, and says so when no rule exists', () => {
    assert.match(renderFactorPage(factorInfo('VIII'), rules), /procfile-present`\]\(<[^>]+>\) \(project-level\)/);
    assert.match(renderFactorPage(factorInfo('I'), rules), /No automated rule checks this factor/);
  });
});
