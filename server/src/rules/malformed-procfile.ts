import { defineRule } from '../engine/defineRule';
import { baseName, parseProcfile } from '../engine/projectUtil';
import type { ProjectRuleContext } from '../engine/types';

/**
 * Factor VIII: the Procfile declares the app's process types, one `name: command` per line. A line in another
 * shape is ignored or rejected by the platform, and a repeated name silently replaces the earlier process type, so
 * the process formation is not what the file seems to say.
 */

function check(context: ProjectRuleContext): void {
  for (const file of context.files) {
    if (baseName(file.path) !== 'Procfile') continue;
    const text = file.read();
    if (text === undefined) continue;
    const { entries, malformed } = parseProcfile(text);
    for (const line of malformed) {
      context.report({ path: file.path, messageId: 'malformed', data: { line: line.line + 1 }, range: { start: line.start, end: line.end } });
    }
    const first = new Map<string, number>();
    for (const entry of entries) {
      const earlier = first.get(entry.name);
      if (earlier === undefined) {
        first.set(entry.name, entry.line);
        continue;
      }
      context.report({
        path: file.path,
        messageId: 'duplicate',
        data: { name: entry.name, line: earlier + 1 },
        range: { start: entry.nameStart, end: entry.nameEnd },
      });
    }
  }
}

export default defineRule({
  id: 'malformed-procfile',
  factor: 'VIII',
  defaultSeverity: 'warning',
  description: 'A Procfile line that is not `name: command`, or a process type declared twice.',
  messages: {
    malformed: "Procfile line {{line}} is not 'name: command' (a process type of letters, digits, - or _, a colon, then the command); the platform will not run it as written.",
    duplicate: "Process type '{{name}}' is already declared on line {{line}}; one of the two commands is silently dropped. Give each process type a unique name.",
  },
  project: check,
});
