import { defineRule } from '../engine/defineRule';
import { CODE_FACTS, type CodeFacts } from '../engine/facts';
import { ancestors, baseName, dirName, findFile, isInside, MANIFESTS, packageDirs, packageOf, parseDotenvKeys, projectFileRole } from '../engine/projectUtil';
import type { ProjectFile, ProjectRuleContext } from '../engine/types';

/**
 * Factor III: `.env.example` is the list of config a deploy must provide. It drifts two ways: the code reads a
 * variable the example does not list (a new deploy starts without it — reported on the read, with a fix that adds
 * the name), or the example lists a key nothing reads (stale config that deploys keep setting).
 *
 * An example file serves the code in its folder and below, unless a deeper folder has its own. No example file, no
 * finding. Unused keys are only reported when every read is visible: not when the code hands the whole environment
 * to a library (`cleanEnv(process.env, …)`, pydantic settings), and not when the folder holds code in languages
 * this check does not read. Variables set by the platform or read by well-known tools are left alone.
 */

const EXAMPLE_NAMES = new Set(['.env.example', '.env.sample', '.env.template', '.env.dist']);

/** Set by the platform or the runtime, not by whoever deploys: no need to list them. */
const PLATFORM_VARS = new Set([
  'NODE_ENV', 'PORT', 'HOME', 'PATH', 'PWD', 'USER', 'SHELL', 'TERM', 'TERM_PROGRAM', 'TZ', 'LANG', 'HOSTNAME', 'CI', 'TMPDIR',
  'INIT_CWD', 'FORCE_COLOR', 'NO_COLOR', 'DYNO', 'WEB_CONCURRENCY', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION', 'VERCEL',
  'NETLIFY', 'RENDER', 'GAE_ENV', 'GAE_SERVICE', 'SERVER_SOFTWARE', 'GOOGLE_CLOUD_PROJECT', 'FUNCTION_TARGET',
  'JEST_WORKER_ID', 'VITEST', 'WERKZEUG_RUN_MAIN', 'RUN_MAIN',
]);
const PLATFORM_PREFIX = /^(?:npm_|VERCEL_|RENDER_|FLY_|HEROKU_|RAILWAY_|AWS_LAMBDA_|KUBERNETES_|GITHUB_|RUNNER_|VITEST_)/;

/** Read implicitly by runtimes and libraries (libpq, AWS/Google SDKs, Sentry, OpenTelemetry, gunicorn, Prisma, Django…). */
const IMPLICIT_VARS = new Set([
  'NODE_ENV', 'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'PORT', 'HOST', 'DEBUG', 'TZ', 'LANG', 'LOG_LEVEL', 'DATABASE_URL',
  'PYTHONUNBUFFERED', 'PYTHONPATH', 'PYTHONDONTWRITEBYTECODE', 'DJANGO_SETTINGS_MODULE', 'FLASK_APP', 'FLASK_ENV', 'FLASK_DEBUG',
  'WEB_CONCURRENCY', 'GUNICORN_CMD_ARGS', 'SENTRY_DSN', 'SENTRY_ENVIRONMENT', 'SENTRY_RELEASE', 'GOOGLE_APPLICATION_CREDENTIALS',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'REDIS_URL', 'CI',
]);
const IMPLICIT_PREFIX = /^(?:PG[A-Z]+$|AWS_|OTEL_|DD_|NEW_RELIC_|NPM_CONFIG_|UV_|PIP_|POSTGRES_|MYSQL_|MONGO_INITDB_|COMPOSE_|DOCKER_|UVICORN_|FLASK_RUN_|NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_)/;

/** Code in languages this check does not read: their env reads are invisible. */
const UNREAD_LANGUAGES = /\.(?:rb|java|kt|kts|scala|cs|fs|php|rs|ex|exs|swift|clj|erl)$/i;
/** Non-code files that may name a variable (`${API_KEY}` in compose, `env("DATABASE_URL")` in a Prisma schema). */
const CONFIG_TEXT = /(?:^|\/)(?:Procfile|Dockerfile[^/]*|Makefile|[^/]*\.(?:ya?ml|toml|prisma|json|ini|cfg|conf|tf|hcl|properties|j2|jinja2?|sh|bash))$/i;

function check(context: ProjectRuleContext): void {
  const all = context.allFiles ?? context.files;
  const facts = context.fileFacts<CodeFacts>(CODE_FACTS);

  const examples = new Map<string, ProjectFile>();
  for (const file of all) {
    if (!EXAMPLE_NAMES.has(baseName(file.path))) continue;
    const dir = dirName(file.path);
    const current = examples.get(dir);
    // One example per folder: the first of .env.example, .env.sample, .env.template, .env.dist.
    if (!current || [...EXAMPLE_NAMES].indexOf(baseName(file.path)) < [...EXAMPLE_NAMES].indexOf(baseName(current.path))) examples.set(dir, file);
  }
  if (examples.size === 0) return;
  const hasRootManifest = MANIFESTS.some((name) => findFile(all, name));
  // Each package is judged on its own: an example in another package's folder (a Django app at the root, a Vite app
  // in web/) does not describe this package. An example in a folder that is no package (a monorepo root with a
  // docker-compose setup) serves every package below it that has none of its own.
  const dirs = packageDirs(all.map((f) => f.path));
  const packages = new Set(dirs.filter((dir) => dir !== '' || hasRootManifest));
  const exampleFor = (path: string): ProjectFile | undefined => {
    const pkg = packageOf(path, dirs);
    for (const dir of ancestors(dirName(path))) {
      const ownPackage = dir === pkg || isInside(dir, pkg);
      const example = examples.get(dir);
      if (example && (ownPackage || !packages.has(dir))) return example;
      if (!ownPackage && packages.has(dir)) return undefined;
    }
    return undefined;
  };
  const keyCache = new Map<string, ReturnType<typeof parseDotenvKeys>>();
  const keysOf = (example: ProjectFile) => {
    let keys = keyCache.get(example.path);
    if (!keys) {
      keys = parseDotenvKeys(example.read() ?? '');
      keyCache.set(example.path, keys);
    }
    return keys;
  };

  // Env wrappers defined anywhere in the project: their calls with a name are reads of that name.
  const wrappers = new Set([...facts.values()].flatMap((c) => c.envWrappers ?? []));
  const readsOf = (code: CodeFacts) =>
    wrappers.size === 0 ? code.envReads : [...code.envReads, ...(code.namedCalls ?? []).filter((c) => wrappers.has(c.callee))].sort((a, b) => a.start - b.start);

  // Reads missing from the example: one finding per variable per file, on its first read.
  for (const file of context.files) {
    const code = facts.get(file.path);
    if (!code || projectFileRole(file.path) !== 'production') continue;
    const example = exampleFor(file.path);
    if (!example || example.read() === undefined) continue;
    const documented = new Set(keysOf(example).map((k) => k.name));
    const reported = new Set<string>();
    for (const read of readsOf(code)) {
      if (documented.has(read.name) || reported.has(read.name) || PLATFORM_VARS.has(read.name) || PLATFORM_PREFIX.test(read.name)) continue;
      reported.add(read.name);
      context.report({
        path: file.path,
        messageId: 'missing',
        data: { name: read.name, example: example.path },
        range: { start: read.start, end: read.end },
        fix: { title: `Add ${read.name} to ${baseName(example.path)}`, edits: [], envExample: [read.name] },
      });
    }
  }

  // Keys nothing reads, for the examples that live in this package.
  for (const example of context.files) {
    if (examples.get(dirName(example.path)) !== example) continue;
    const dir = dirName(example.path);
    const served = all.filter((f) => isInside(f.path, dir) && exampleFor(f.path) === example);
    const code = served.flatMap((f) => facts.get(f.path) ?? []);
    if (code.length === 0 || code.some((c) => c.envDynamic)) continue;
    if (served.some((f) => UNREAD_LANGUAGES.test(f.path))) continue;
    const used = new Set<string>();
    for (const c of code) {
      for (const read of c.envReads) used.add(read.name);
      for (const mention of c.mentions) used.add(mention);
    }
    for (const f of served) {
      if (!CONFIG_TEXT.test(f.path) || EXAMPLE_NAMES.has(baseName(f.path))) continue;
      for (const word of (f.read() ?? '').match(/[A-Z][A-Z0-9_]+/g) ?? []) used.add(word);
    }
    for (const key of keysOf(example)) {
      if (key.commented || used.has(key.name) || IMPLICIT_VARS.has(key.name) || IMPLICIT_PREFIX.test(key.name)) continue;
      context.report({ path: example.path, messageId: 'unused', data: { name: key.name, example: example.path }, range: { start: key.start, end: key.end } });
    }
  }
}

export default defineRule({
  id: 'env-example-drift',
  factor: 'III',
  defaultSeverity: 'info',
  description: 'The .env.example file is out of step with the code: variables read but not listed, or listed but never read.',
  messages: {
    missing: '{{name}} is read here but not listed in {{example}}; add the name so every deploy knows to set it.',
    unused: '{{name}} is listed in {{example}} but no code reads it; remove it, or read it where it is needed.',
  },
  project: check,
});
