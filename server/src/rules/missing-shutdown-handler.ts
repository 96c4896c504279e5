import { defineRule } from '../engine/defineRule';
import { CODE_FACTS, type CodeFacts } from '../engine/facts';
import { ancestors, findFile, joinPath, parseProcfile, programOf, projectFileRole } from '../engine/projectUtil';
import type { ProjectRuleContext } from '../engine/types';

/**
 * Factor IX: a package that starts a server (`app.listen`, Flask's `app.run`, `serve_forever`) and handles neither
 * SIGTERM nor SIGINT anywhere in its production code. On a deploy or scale-down the platform sends SIGTERM; without
 * a handler the process dies mid-request instead of draining.
 *
 * Servers that handle the signals themselves are not reported: uvicorn.run, aiohttp's run_app, and Python apps whose
 * Procfile runs them under gunicorn, uvicorn, hypercorn, daphne or granian (the `app.run` is then the dev entry).
 */

const SELF_HANDLING_SERVERS = /^(?:gunicorn|uvicorn|hypercorn|daphne|granian|waitress-serve|uwsgi)$/;

function check(context: ProjectRuleContext): void {
  const facts = context.fileFacts<CodeFacts>(CODE_FACTS);
  const all = context.allFiles ?? context.files;
  const dir = context.packageDir ?? '';
  const production = context.files
    .filter((f) => projectFileRole(f.path) === 'production')
    .flatMap((f) => {
      const code = facts.get(f.path);
      return code ? [{ path: f.path, code }] : [];
    });
  if (production.some((f) => f.code.handlesSignals)) return;

  // The nearest Procfile above the package decides how its Python app runs in production.
  const procfileDir = ancestors(dir).find((up) => findFile(all, joinPath(up, 'Procfile')));
  const procfile = procfileDir === undefined ? undefined : findFile(all, joinPath(procfileDir, 'Procfile'))?.read();
  const managedPython = procfile !== undefined && parseProcfile(procfile).entries.some((e) => SELF_HANDLING_SERVERS.test(programOf(e.command) ?? ''));

  for (const { path, code } of production) {
    if (code.family === 'python' && managedPython) continue;
    for (const server of code.servers) {
      context.report({ path, messageId: 'noHandler', data: { call: server.call }, range: { start: server.start, end: server.end } });
    }
  }
}

export default defineRule({
  id: 'missing-shutdown-handler',
  factor: 'IX',
  defaultSeverity: 'warning',
  description: 'A server is started but nothing handles SIGTERM or SIGINT to shut it down gracefully.',
  messages: {
    noHandler:
      '{{call}} starts a server, but nothing in this package handles SIGTERM or SIGINT: on a deploy or scale-down in-flight requests are cut off. Stop accepting work and close the server on SIGTERM.',
  },
  project: check,
});
