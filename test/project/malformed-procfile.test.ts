import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../server/src/rules/malformed-procfile';
import { loadProject, memoryProject, runRule, where } from '../support/project';

describe('malformed-procfile', () => {
  it('reports duplicate process types and lines that are not name: command', async () => {
    const { root, files } = loadProject('procfile');
    const findings = await runRule(rule, root, files);
    assert.deepEqual(findings.map((f) => `${where(f)} ${f.message}`), [
      "broken/Procfile:3:1 malformed-procfile/duplicate Process type 'worker' is already declared on line 2; one of the two commands is silently dropped. Give each process type a unique name.",
      "broken/Procfile:4:1 malformed-procfile/malformed Procfile line 4 is not 'name: command' (a process type of letters, digits, - or _, a colon, then the command); the platform will not run it as written.",
      'broken/Procfile:5:1 malformed-procfile/malformed Procfile line 5 is not \'name: command\' (a process type of letters, digits, - or _, a colon, then the command); the platform will not run it as written.',
    ]);
    assert.ok(findings.every((f) => f.factor === 'VIII'));
  });

  const cases: { name: string; text: string; expected: string[] }[] = [
    { name: 'comments, blank lines, CRLF and indentation are fine', text: '# processes\r\n\r\nweb: node server.js\r\n  worker:   node worker.js  \r\n', expected: [] },
    { name: 'a command with colons is fine', text: 'web: gunicorn -b 0.0.0.0:$PORT app:app\n', expected: [] },
    { name: 'space in the name', text: 'web app: node server.js\n', expected: ['Procfile:1:1 malformed-procfile/malformed'] },
    { name: 'duplicate web', text: 'web: a\nweb: b\n', expected: ['Procfile:2:1 malformed-procfile/duplicate'] },
    { name: 'an empty file', text: '', expected: [] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const findings = await runRule(rule, '/project', memoryProject({ Procfile: c.text }));
      assert.deepEqual(findings.map(where), c.expected);
    });
  }
});
