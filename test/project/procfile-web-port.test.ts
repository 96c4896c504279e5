import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../server/src/rules/procfile-web-port';
import { loadProject, memoryProject, runRule, where } from '../support/project';

describe('procfile-web-port', () => {
  it('reports web processes that do not bind $PORT, on the command', async () => {
    const { root, files } = loadProject('procfile');
    const findings = await runRule(rule, root, files);
    assert.deepEqual(findings.map((f) => `${where(f)} ${f.message}`), [
      'fixed/Procfile:1:6 procfile-web-port/fixedPort The web process binds the fixed port 8000; the platform assigns the port in $PORT. Bind that instead (-b 0.0.0.0:$PORT).',
      'node-no-port/Procfile:1:6 procfile-web-port/noPort The web process never binds $PORT: node is not given the port and nothing reads PORT from the environment (listen on process.env.PORT / os.environ["PORT"]).',
      // followed through `npm start` to the package.json script
      'npm-script/Procfile:1:6 procfile-web-port/fixedPort The web process binds the fixed port 3000; the platform assigns the port in $PORT. Bind that instead (--port $PORT).',
      'uvicorn/Procfile:1:6 procfile-web-port/noPort The web process never binds $PORT: uvicorn is not given the port and nothing reads PORT from the environment (--port $PORT).',
    ]);
    assert.ok(findings.every((f) => f.factor === 'VII' && f.severity === 'warning'));
  });

  const cases: { name: string; files: Record<string, string>; expected: string[] }[] = [
    { name: 'gunicorn without -b reads PORT itself', files: { Procfile: 'web: gunicorn app:app\n' }, expected: [] },
    // microblog: release steps chained before the server; the last command is the web process.
    { name: 'gunicorn after release steps chained with ;', files: { Procfile: 'web: flask db upgrade; flask translate compile; gunicorn microblog:app\n' }, expected: [] },
    { name: 'uvicorn after cd && is still judged', files: { Procfile: 'web: cd api && uvicorn main:app\n' }, expected: ['Procfile:1:6 procfile-web-port/noPort'] },
    { name: 'node app whose code reads PORT', files: { Procfile: 'web: node dist/main.js\n', 'src/main.ts': 'app.listen(Number(process.env.PORT));' }, expected: [] },
    { name: 'python app whose code reads PORT', files: { Procfile: 'web: python app.py\n', 'app.py': 'import os\napp.run(port=int(os.getenv("PORT", "5000")))\n' }, expected: [] },
    { name: 'PORT=3000 pinned in the command', files: { Procfile: 'web: PORT=3000 node server.js\n', 'server.js': 'app.listen(process.env.PORT);' }, expected: ['Procfile:1:6 procfile-web-port/fixedPort'] },
    { name: 'bundle exec puma reads PORT', files: { Procfile: 'web: bundle exec puma -C config/puma.rb\n' }, expected: [] },
    { name: 'an unknown script is not guessed at', files: { Procfile: 'web: bin/start-web\n' }, expected: [] },
    { name: 'only the web process must bind', files: { Procfile: 'worker: uvicorn other:app\n' }, expected: [] },
    { name: 'a test reading PORT does not count', files: { Procfile: 'web: node server.js\n', 'server.js': 'app.listen(8080);', 'test/server.test.js': 'process.env.PORT;' }, expected: ['Procfile:1:6 procfile-web-port/noPort'] },
    { name: 'Django runserver on a fixed port', files: { Procfile: 'web: python manage.py runserver 0.0.0.0:8000\n' }, expected: ['Procfile:1:6 procfile-web-port/fixedPort'] },
    { name: 'suppressed', files: { Procfile: '# twelve-factor-disable-next-line procfile-web-port -- fronted by a sidecar on 8080\nweb: uvicorn main:app --port 8080\n' }, expected: [] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const findings = await runRule(rule, '/project', memoryProject(c.files));
      assert.deepEqual(findings.map(where), c.expected);
    });
  }
});
