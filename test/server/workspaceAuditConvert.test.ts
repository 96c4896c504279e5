/** From the engine's audit result to the checklist's wire shape and diagnostics (server/src/workspaceAudit/convert.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule } from '../../server/src/engine/defineRule';
import type { Finding } from '../../server/src/engine/types';
import type { AuditResult } from '../../server/src/engine/workspace';
import { resolveSettings } from '../../server/src/settings';
import { CLOSED_FILE_VERSION, convertAudit, isProjectFinding, ruleInfos } from '../../server/src/workspaceAudit/convert';

const fileRule = defineRule({ id: 'file-rule', factor: 'VII', defaultSeverity: 'warning', description: 'A file rule.', messages: { m: 'm' }, uses: ['configLiterals'], check: () => undefined });
const projectRule = defineRule({ id: 'project-rule', factor: 'IX', defaultSeverity: 'warning', description: 'A project rule.', messages: { m: 'm' }, project: () => undefined });
const goRule = defineRule({ id: 'go-rule', factor: 'XI', defaultSeverity: 'error', description: 'A Go rule.', messages: { m: 'm' }, checkers: { go: () => undefined } });
const rules = [fileRule, projectRule, goRule];
const known = new Set(rules.map((r) => r.id));

function finding(ruleId: string, path: string, line: number): AuditResult['findings'][number] {
  const base: Finding = {
    ruleId,
    factor: rules.find((r) => r.id === ruleId)!.factor,
    messageId: 'm',
    message: `${ruleId} at ${path}`,
    severity: 'warning',
    range: { start: 0, end: 1 },
    start: { line, character: 0 },
    end: { line, character: 1 },
    role: 'production',
    docsUrl: `https://example.invalid/${ruleId}`,
  };
  return { ...base, path, fingerprint: `${ruleId}:${path}:${line}` };
}

const result: AuditResult = {
  root: '/ws/app',
  findings: [finding('file-rule', 'src/server.js', 3), finding('project-rule', 'src/server.js', 3), finding('project-rule', 'Procfile', 0), finding('file-rule', 'legacy/old.js', 1)],
  analyzedFiles: ['legacy/old.js', 'src/server.js', 'worker.py'],
  skipped: [{ path: 'dist2/big.js', reason: 'too-large', detail: 'too large' }, { path: 'legacy/huge.js', reason: 'too-large', detail: 'too large' }],
  syntaxErrors: [],
  ruleErrors: [],
};

describe('workspace audit: converting results', () => {
  const { settings } = resolveSettings({ exclude: ['legacy/**'], rules: { 'go-rule': 'off' } }, known);
  const converted = convertAudit({ uri: 'file:///ws/app', name: 'app' }, result, settings, rules, new Date('2026-01-01T00:00:00Z'));

  it('groups findings by file and drops excluded files, findings and skips', () => {
    assert.deepEqual(converted.wire.files.map((f) => [f.path, f.uri, f.findings.map((x) => x.ruleId)]), [
      ['src/server.js', 'file:///ws/app/src/server.js', ['file-rule', 'project-rule']],
      ['Procfile', 'file:///ws/app/Procfile', ['project-rule']],
    ]);
    assert.deepEqual(converted.wire.skipped.map((s) => s.path), ['dist2/big.js']);
    assert.equal(converted.wire.filesScanned, 2);
    assert.equal(converted.wire.finishedAt, '2026-01-01T00:00:00.000Z');
  });

  it('makes diagnostics for every file, and keeps the project-level ones apart', () => {
    const server = converted.diagnostics.get('file:///ws/app/src/server.js')!;
    assert.deepEqual(server.map((d) => d.code), ['file-rule', 'project-rule']);
    assert.ok(server.every((d) => (d.data as { version: number }).version === CLOSED_FILE_VERSION));
    assert.deepEqual(converted.projectDiagnostics.get('file:///ws/app/src/server.js')!.map((d) => d.code), ['project-rule']);
    assert.deepEqual(converted.projectDiagnostics.get('file:///ws/app/Procfile')!.map((d) => d.code), ['project-rule']);
  });

  it('says which rules had something to look at, with the severity in effect', () => {
    const byId = new Map(converted.wire.rules.map((r) => [r.id, r]));
    assert.deepEqual([byId.get('file-rule')!.applied, byId.get('project-rule')!.applied, byId.get('go-rule')!.applied], [true, true, false]);
    assert.equal(byId.get('go-rule')!.severity, 'off');
    assert.equal(byId.get('project-rule')!.project, true);
    assert.deepEqual(ruleInfos(rules, undefined).map((r) => [r.id, r.severity, r.applied]), [['file-rule', 'warning', false], ['project-rule', 'warning', true], ['go-rule', 'error', false]]);
  });

  const cases: [string, string, boolean][] = [
    ['file-rule', 'src/a.js', false],
    ['file-rule', 'Procfile', true],
    ['project-rule', 'src/a.js', true],
    ['go-rule', 'src/a.js', true],
    ['go-rule', 'main.go', false],
  ];
  for (const [ruleId, path, expected] of cases) {
    it(`${ruleId} in ${path} is ${expected ? '' : 'not '}project-level`, () => assert.equal(isProjectFinding({ ruleId, path }, rules), expected));
  }
});
