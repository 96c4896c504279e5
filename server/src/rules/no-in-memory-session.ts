import { defineRule } from '../engine/defineRule';
import type { RuleContext } from '../engine/types';

/**
 * VI Processes: session state belongs in a backing service. express-session and @fastify/session default to a
 * MemoryStore when no `store` is given; the `memorystore` package is a MemoryStore too; Flask-Session's
 * `filesystem` type and Django's file session engine keep sessions on one machine's disk. Stores set up only outside
 * production are not reported. No code fix: choosing a store means choosing a backing service.
 */
function check(context: RuleContext): void {
  for (const session of context.facts('sessionStores')) {
    if (session.nonProduction) continue;
    const { site, store, name, range } = session;
    if (site === 'middleware' && store === 'memory') context.report({ messageId: 'missingStore', data: { library: name }, range });
    else if (site === 'constructor' && store === 'memory') context.report({ messageId: 'memoryStore', data: { name }, range });
    else if (site === 'constructor' && store === 'file') context.report({ messageId: 'fileStore', data: { name }, range });
    else if (site === 'setting' && store === 'file') context.report({ messageId: 'diskSession', data: { setting: name, value: session.value ?? '' }, range });
  }
}

export default defineRule({
  id: 'no-in-memory-session',
  factor: 'VI',
  defaultSeverity: 'warning',
  description: 'Sessions are kept in the process memory or on the local disk instead of a backing service.',
  messages: {
    missingStore:
      "{{library}} is set up without a 'store', so sessions live in this process's memory: they are lost on restart and not shared between processes. Use a store backed by a service such as Redis or a database.",
    memoryStore:
      "new {{name}}() keeps sessions in this process's memory: they are lost on restart and not shared between processes. Use a store backed by a service such as Redis or a database.",
    fileStore:
      "new {{name}}() (session-file-store) keeps sessions in files on this machine's disk: other processes cannot see them and they are lost with the container. Use a store backed by a service such as Redis or a database.",
    diskSession:
      "{{setting}} = {{value}} keeps sessions on this machine's disk: other processes cannot see them and they are lost with the container. Use a backing service such as Redis or a database.",
  },
  uses: ['sessionStores'],
  check,
});
