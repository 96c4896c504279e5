import { defineRule } from '../engine/defineRule';

/**
 * VII Port binding: the platform tells a process which port to bind (PORT); a literal port in the listen call
 * breaks that contract. Judged over the listen sites each language's adapter finds (only calls on likely servers:
 * see docs/rules/no-hardcoded-port.md). The fix keeps the literal as the default of a PORT read.
 */
export default defineRule({
  id: 'no-hardcoded-port',
  factor: 'VII',
  defaultSeverity: 'warning',
  description: 'A server listens on a port written in the code instead of the port the environment provides.',
  messages: {
    hardcodedPort: 'Port {{port}} is hardcoded in {{call}}; bind to the port the environment provides in PORT.',
    hardcodedPortConstant: "Port {{port}} is hardcoded in '{{name}}', which {{call}} binds; bind to the port the environment provides in PORT.",
  },
  uses: ['listenSites'],
  check(context) {
    const reported = new Set<number>();
    for (const site of context.facts('listenSites')) {
      const { port } = site;
      if (site.nonProduction || reported.has(port.range.start)) continue;
      reported.add(port.range.start);
      const read = context.envRead({
        name: 'PORT',
        fallback: { text: port.text, value: String(port.value) },
        number: port.host === undefined,
        prefix: port.host === undefined ? undefined : `${port.host}:`,
        dialect: site.dialect,
      });
      context.report({
        messageId: port.constant ? 'hardcodedPortConstant' : 'hardcodedPort',
        data: { port: port.value, call: site.call, name: port.constant ?? '' },
        range: port.range,
        fix: {
          title: `Read the port from PORT (default ${port.value})`,
          edits: [{ start: port.range.start, end: port.range.end, newText: read.text }, ...read.edits],
          envExample: ['PORT'],
        },
      });
    }
  },
});
