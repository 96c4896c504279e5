/**
 * The facts model: what language adapters (engine/lang/*) extract from a file and rules judge. Nothing here knows a
 * parser; every range is a half-open range of UTF-16 offsets into the file's text.
 */
import type { SuppressionDirective } from './suppressions';
import type { OffsetRange, TextEdit } from './types';

export const CODE_FACTS = 'code';

export interface ImportFact extends OffsetRange {
  /** The module specifier as written (`express`, `node:fs`, `./db`, `@/lib/x`). */
  specifier: string;
  /** `import type`, `export type … from`, imports in .d.ts files: satisfied by an `@types/` package. */
  typeOnly: boolean;
  /** A `require()` inside a `try` block (an optional dependency), or through a local `createRequire`. */
  optional: boolean;
}

export interface EnvReadFact extends OffsetRange {
  name: string;
}

export interface ServerStartFact extends OffsetRange {
  /** What starts it, for messages: `app.listen`, `app.run`, `serve_forever`. */
  call: string;
}

export interface CodeFacts {
  family: 'js' | 'python' | 'go' | 'java';
  imports: ImportFact[];
  envReads: EnvReadFact[];
  /** The environment is read with a computed name or handed over whole (`cleanEnv(process.env)`, pydantic settings). */
  envDynamic: boolean;
  /** Upper-case names that appear as string literals or property keys (`cleanEnv(env, { API_KEY: str() })`). */
  mentions: string[];
  /**
   * Functions defined here that read the variable their parameter names (`getOsEnv(key) { return process.env[key] }`),
   * and calls whose first argument is an upper-case name (`getOsEnv('LOG_LEVEL')`): joined across the project, a call
   * of a wrapper is a read of that name. JS only so far.
   */
  envWrappers?: string[];
  namedCalls?: (EnvReadFact & { callee: string })[];
  servers: ServerStartFact[];
  /** Installs a SIGTERM/SIGINT handler, or uses a library or server that does. */
  handlesSignals: boolean;
  directives: SuppressionDirective[];
}


/**
 * Where the literal sits. `argument` and `return` (a value a function returns: `return '…'`, an arrow function's body)
 * have no name of their own, so rules judge them by their value alone.
 */
export type ConfigContextKind = 'variable' | 'property' | 'key' | 'keyword' | 'argument' | 'default' | 'return';

export interface ConfigLiteral {
  /** The literal's value (escapes decoded). */
  value: string;
  /** The literal including its quotes: replacing this range replaces the value. */
  range: OffsetRange;
  kind: ConfigContextKind;
  /** Variable, property, dict key, keyword or parameter name; for a positional argument, the callee. */
  name: string;
  /** The call the value feeds: the callee of an argument, or of the call an enclosing object/dict is passed to. */
  callee?: string;
  /** Index among a call's arguments (positional arguments only). */
  argumentIndex?: number;
  /** Enclosing names, outermost first: `DATABASES = {'default': {'PASSWORD': …}}` → ['DATABASES', 'default']. */
  owners: string[];
  /**
   * String values of the entries of the same object, dict or keyword list, by name — shared by every literal of that
   * container, so it includes the literal's own entry: skip `name` when reading it.
   */
  siblings: Readonly<Record<string, string>>;
  /** The value is only a default for when the environment (or a config source) provides none. */
  envFallback: boolean;
  /**
   * A template literal or f-string with substitutions, rendered with `${…}` in their place
   * (`postgres://app:pw@${host}/app`). Rules may judge its fixed parts but must not offer to replace it whole.
   */
  template?: boolean;
}

/**
 * A place where a server starts listening (VII Port binding): `app.listen(3000)`, `uvicorn.run(app, port=8000)`,
 * gunicorn's `bind = "0.0.0.0:8000"`. Only sites whose port is written in the code (a literal, or a same-file
 * constant holding one) are facts; a port read from the environment or a config object is not.
 */
export interface ListenSite {
  /** The call as a message shows it: `app.listen()`, `uvicorn.run()`, "gunicorn's bind setting". */
  call: string;
  port: {
    value: number;
    /** The literal (or the constant's initializer): replacing it replaces the port. */
    range: OffsetRange;
    /** The literal's source text (`3000`, `'3000'`), kept as the default of the fix. */
    text: string;
    /** The constant the call binds through, when the literal is its initializer. */
    constant?: string;
    /** Set when the literal is a whole `host:port` address (`'0.0.0.0:50051'`): the host part. */
    host?: string;
  };
  /** The site is inside a branch that runs only outside production (`if (NODE_ENV !== 'production')`). */
  nonProduction: boolean;
  /** An adapter's own hint for the env read of the fix (e.g. `deno`). */
  dialect?: string;
}

/** What keeps a session's data: this process's memory, files on this machine's disk, a backing service, or not known. */
export type SessionStoreKind = 'memory' | 'file' | 'service' | 'unknown';

/**
 * Where sessions are set up and what stores them (VI Processes): a session middleware (`session({…})`,
 * `fastify.register(fastifySession, {…})`), a store made in code (`new MemoryStore()`), or a setting that names the
 * store (`SESSION_TYPE = 'filesystem'`, Django's `SESSION_ENGINE`). Which libraries default to memory and which
 * stores are memory or files is the adapter's framework table.
 */
export interface SessionStore {
  /**
   * `middleware`: a session middleware is set up; its store is `memory` when none is passed (the library's default)
   * and `unknown` when one is passed or the options are built elsewhere. `constructor`: a store object is made.
   * `setting`: a configuration setting chooses the store.
   */
  site: 'middleware' | 'constructor' | 'setting';
  store: SessionStoreKind;
  /** Where a finding goes: the middleware (its callee or plugin), the `new` expression, the setting's value. */
  range: OffsetRange;
  /**
   * For messages: the session library (`express-session`, `@fastify/session`) of a middleware, the class as written
   * (`MemoryStore`, `session.MemoryStore`) of a constructor, the setting's name (`SESSION_TYPE`) of a setting.
   */
  name: string;
  /** A setting's value as a message shows it: `'filesystem'`, `FileSystemCache(…)`. */
  value?: string;
  /** Set up inside a branch that runs only outside production (`if (NODE_ENV !== 'production')`, `if DEBUG:`). */
  nonProduction: boolean;
}

/**
 * What a branch arm uses as its database: `sqlite` (a SQLite driver, URL, Django backend or `.sqlite` file, a SQLite
 * connection opened in code), `memory` (`:memory:`, MongoMemoryServer), `other` (another database's URL, driver or
 * backend, a DATABASE_URL-like environment read, dj-database-url).
 */
export interface DatabaseUse {
  kind: 'sqlite' | 'memory' | 'other';
  /** The literal, call or read that says so. */
  range: OffsetRange;
}

export interface EnvBranchArm {
  range: OffsetRange;
  /** The databases the arm names or opens, in document order (nested branches included). */
  databases: DatabaseUse[];
}

/**
 * A branch on the deploy environment (X Dev/prod parity) whose arms cover every path: an if/else-if chain ending in
 * an else, a conditional expression, a switch. `if` without an `else` is not a fact: what runs otherwise is no arm.
 */
export interface EnvBranch {
  /**
   * What the condition checks, as a message names it: the variable or flag (`NODE_ENV`, `DEBUG`, `isProduction`), or
   * `the environment` for a comparison with a deploy name (`env === 'production'`).
   */
  check: string;
  /** The first condition of an if chain, a conditional expression's condition, a switch's discriminant. */
  condition: OffsetRange;
  /** The arm that runs in production, when the condition says so (`NODE_ENV === 'production'`, `if DEBUG:` … else). */
  productionArm?: number;
  /** The arms in order: then, each else-if, else; a switch's clauses. */
  arms: EnvBranchArm[];
}

/**
 * A logger configured to write a file (XI Logs): a winston File transport, `pino.destination('app.log')`, a bunyan
 * stream with a path, a log4js file appender, logging's `FileHandler`, `basicConfig(filename=…)`, loguru's
 * `logger.add('app.log')`. Which loggers and options write files is each adapter's own table.
 */
export interface LogSink {
  /** What writes the file, as a message shows it: "winston's transports.File transport", "logging's FileHandler". */
  sink: string;
  /** Where to underline: the constructor call, the option or the handler class naming the file. */
  range: OffsetRange;
  /** The file's name is read from the environment (`FileHandler(os.environ['LOG_FILE'])`): the operator chose it. */
  envChosen: boolean;
  /** The sink is inside a branch that runs only outside production (`if (NODE_ENV !== 'production')`). */
  nonProduction: boolean;
  /** How to send the same log stream to stdout, where the change is unambiguous. */
  toStdout?: StdoutSwitch;
}

/**
 * The edits that send a log sink's stream to stdout, by what they do: `console` replaces the sink with the logger's
 * console sink (a winston Console transport), `stdout` points the logger's own stream at stdout
 * (`basicConfig(stream=sys.stdout)`, with any import it needs), `remove` deletes the sink because a console sink is
 * already configured beside it.
 */
export interface StdoutSwitch {
  kind: 'console' | 'stdout' | 'remove';
  edits: TextEdit[];
}

/**
 * A place where uploaded files are stored on the local disk (VI Processes): multer's `dest` or disk storage,
 * formidable's `uploadDir`, an uploaded file written with `fs` or moved with `.mv()`, Flask's `file.save(…)`, Django's
 * `FileSystemStorage`, an upload handler's `open(…, 'wb')`. Which libraries store uploads is each adapter's own table.
 */
export interface UploadTarget {
  /** What stores the file, as a message shows it: "multer's dest option", "Django's FileSystemStorage". */
  target: string;
  /** Where to underline: the option, the call or the setting. */
  range: OffsetRange;
  /** The destination is under the temporary directory (`os.tmpdir()`, `/tmp`, `tempfile`): scratch space. */
  scratch: boolean;
  /** The site is inside a branch that runs only outside production. */
  nonProduction: boolean;
}

/** Facts by kind: what adapters extract and rules ask for. */
export interface FactKinds {
  /** Suppression comments (`twelve-factor-disable…`), found by the runner in every language through its comments. */
  suppressions: SuppressionDirective[];
  configLiterals: ConfigLiteral[];
  listenSites: ListenSite[];
  envGroupedConfig: EnvGroupedConfig[];
  sessionStores: SessionStore[];
  envBranches: EnvBranch[];
  logSinks: LogSink[];
  uploadTargets: UploadTarget[];
}

export type FactKind = keyof FactKinds;

/** Fact kinds the runner supplies for every language itself (from the adapter's comment lookup). */
export const RUNNER_FACT_KINDS: readonly FactKind[] = ['suppressions'];

/**
 * Config grouped by environment (III): a mapping keyed by environment names that holds config (`mapping`), config
 * classes per environment (`classes`), or a config set defined elsewhere and picked by an environment-name variable
 * (`lookup`). Adapters emit only groups that hold config (backing-service keys, credentials, addresses).
 */
export interface EnvGroupedConfig {
  form: 'mapping' | 'classes' | 'lookup';
  /** The first environment key, the first class name, or the lookup expression. */
  range: OffsetRange;
  /** The environment keys or class names, in order. */
  names: string[];
  /** The environment variable that picks the group (`NODE_ENV`), when the code shows it. */
  variable?: string;
}
