import { defineRule } from '../engine/defineRule';
import { CODE_FACTS, type CodeFacts } from '../engine/facts';
import { ancestors, baseName, dirName, findFile, isInside, joinPath, parsePackageJson, parseProcfile, programOf, projectFileRole } from '../engine/projectUtil';
import type { ProjectRuleContext } from '../engine/types';

/**
 * Factor VII: the Procfile's `web` process must bind the port the platform hands it in $PORT. Reported when the
 * command pins a port (`--port 8000`, `-b 0.0.0.0:8000`, `PORT=3000 node …`), or runs a server that does not read
 * PORT by itself (uvicorn, hypercorn, daphne, flask run) without `$PORT`, or runs the app (`node server.js`,
 * `python app.py`) whose code never reads PORT. gunicorn, `next start` and puma read PORT themselves.
 * A chain (`flask db upgrade; gunicorn app:app`, `cd web && node server.js`) is judged on its last command: the
 * earlier ones are release steps that exit, the last one is the process the platform keeps running.
 */

const PORT_REFERENCE = /\$\{?PORT\b|%PORT%/;
/** Servers that bind their own default port unless told `$PORT`. */
const NEEDS_EXPLICIT_PORT: Record<string, string> = {
  uvicorn: '--port $PORT',
  hypercorn: '-b 0.0.0.0:$PORT',
  daphne: '-p $PORT',
  granian: '--port $PORT',
  'waitress-serve': '--port=$PORT',
  flask: '--port $PORT',
  'http.server': '$PORT',
};
/** Servers that read PORT from the environment when no port is given. */
const READS_PORT_ITSELF = new Set(['gunicorn', 'next', 'puma', 'rails', 'react-scripts', 'nuxt', 'remix-serve']);
/** Runtimes that run the app's own code, which then has to read PORT. */
const RUNTIMES = new Set(['node', 'nodemon', 'ts-node', 'tsx', 'bun', 'deno', 'python', 'python3', 'pypy', 'pypy3']);
const SCRIPT_RUNNERS = new Set(['npm', 'yarn', 'pnpm', 'bun']);

type Verdict = { kind: 'ok' } | { kind: 'fixedPort'; port: string; hint: string } | { kind: 'noPort'; program: string; hint: string };

function hintFor(program: string): string {
  return NEEDS_EXPLICIT_PORT[program] ?? (program === 'gunicorn' ? '-b 0.0.0.0:$PORT' : RUNTIMES.has(program) ? 'listen on process.env.PORT / os.environ["PORT"]' : '--port $PORT');
}

/** The last command of a `;` / `&&` / `||` chain: the one left running. */
function lastCommand(chain: string): string {
  const commands = chain.split(/;|&&|\|\|/).map((c) => c.trim()).filter(Boolean);
  return commands[commands.length - 1] ?? chain;
}

function fixedPort(command: string): string | undefined {
  const patterns = [
    /^(?:\s*[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*?\s*PORT=(\d{2,5})\b/, // PORT=3000 node server.js
    /(?:^|\s)(?:--port|-p|--http-port)[=\s]+(\d{2,5})\b/,
    /(?:^|\s)(?:-b|--bind)[=\s]+(?:[\w.[\]:-]*:)?(\d{2,5})\b/,
    /\brunserver\s+(?:[\w.[\]-]*:)?(\d{2,5})\b/, // Django's development server
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(command);
    if (match) return match[1];
  }
  return undefined;
}

function check(context: ProjectRuleContext): void {
  const all = context.allFiles ?? context.files;
  const facts = context.fileFacts<CodeFacts>(CODE_FACTS);

  for (const file of context.files) {
    if (baseName(file.path) !== 'Procfile') continue;
    const text = file.read();
    if (text === undefined) continue;
    const dir = dirName(file.path);

    const codeReadsPort = (): boolean | undefined => {
      let any = false;
      for (const [path, code] of facts) {
        // A test that reads PORT does not make the app bind it.
        if (!isInside(path, dir) || projectFileRole(path) !== 'production') continue;
        any = true;
        if (code.envDynamic || code.envReads.some((r) => r.name === 'PORT') || code.mentions.includes('PORT')) return true;
      }
      return any ? false : undefined;
    };
    const scriptOf = (name: string): string | undefined => {
      for (const up of ancestors(dir)) {
        const pkg = parsePackageJson(findFile(all, joinPath(up, 'package.json'))?.read());
        if (pkg) return pkg.scripts[name];
      }
      return undefined;
    };

    const judge = (chain: string, depth: number): Verdict => {
      if (PORT_REFERENCE.test(chain)) return { kind: 'ok' };
      const command = lastCommand(chain);
      const program = programOf(command);
      if (!program) return { kind: 'ok' };
      const port = fixedPort(command);
      if (port) return { kind: 'fixedPort', port, hint: hintFor(program) };
      if (SCRIPT_RUNNERS.has(program) && depth === 0) {
        const words = command.trim().split(/\s+/);
        const at = words.findIndex((w) => w.split('/').pop() === program);
        const rest = words.slice(at + 1).filter((w) => w !== 'run' && w !== '--silent' && w !== '-s');
        const script = rest[0] ? scriptOf(rest[0]) : undefined;
        return script === undefined ? { kind: 'ok' } : judge(script, depth + 1);
      }
      if (program in NEEDS_EXPLICIT_PORT) return { kind: 'noPort', program, hint: NEEDS_EXPLICIT_PORT[program] };
      if (READS_PORT_ITSELF.has(program)) return { kind: 'ok' };
      if (RUNTIMES.has(program) && codeReadsPort() === false) return { kind: 'noPort', program, hint: hintFor(program) };
      return { kind: 'ok' };
    };

    for (const entry of parseProcfile(text).entries) {
      if (entry.name !== 'web') continue;
      const verdict = judge(entry.command, 0);
      if (verdict.kind === 'ok') continue;
      context.report({
        path: file.path,
        messageId: verdict.kind,
        data: verdict.kind === 'fixedPort' ? { port: verdict.port, hint: verdict.hint } : { program: verdict.program, hint: verdict.hint },
        range: { start: entry.commandStart, end: entry.end },
      });
    }
  }
}

export default defineRule({
  id: 'procfile-web-port',
  factor: 'VII',
  defaultSeverity: 'warning',
  description: "The Procfile's web process does not bind the port the platform assigns in $PORT.",
  messages: {
    fixedPort: 'The web process binds the fixed port {{port}}; the platform assigns the port in $PORT. Bind that instead ({{hint}}).',
    noPort: 'The web process never binds $PORT: {{program}} is not given the port and nothing reads PORT from the environment ({{hint}}).',
  },
  project: check,
});
