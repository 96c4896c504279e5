/**
 * `twelve-factor <path…>`: audits folders (or single files) with the workspace audit and prints text, JSON or
 * SARIF. Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable input.
 */
import * as fs from 'fs';
import { parseArgs } from 'util';
import { SEVERITY_RANK, toolVersion, type AuditReport } from '../report/model';
import { formatJson } from '../report/json';
import { formatSarif } from '../report/sarif';
import { COLOR, formatText, PLAIN } from '../report/text';
import { SEVERITIES, type Severity, type SeveritySetting } from '../shared/severities';
import type { AuditOptions, AuditResult } from '../engine/workspace';
import { auditWorkspace, AuditInputError, errorDetail } from '../node/audit';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/runner';
import { RULES } from '../rules';

export const USAGE = `Usage: twelve-factor [options] <path…>

Audits folders or files (default: the current folder) against the Twelve-Factor App methodology.

Options:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of standard output
  --fail-on error|warning|never
                             exit with 1 when a finding is at or above this severity (default: error)
  --rule id=severity         override a rule's severity (error, warning, info, hint, off); repeatable
  --include-tests            also report findings in tests, examples and docs (as hints)
  --max-file-size BYTES      skip files larger than this (default: ${DEFAULT_MAX_FILE_SIZE})
  --no-color                 plain text output even on a terminal
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable input.
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];
/** Most severe first, as --help and its errors list them. */
const SEVERITY_SETTINGS: readonly SeveritySetting[] = [...SEVERITIES, 'off'];

/** Bad usage: printed as one line with a pointer to --help, exit code 2. */
class UsageError extends Error {}

export interface CliIo {
  stdout: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
  stderr: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

interface CliOptions {
  paths: string[];
  format: Format;
  output?: string;
  failOn: FailOn;
  rules: Record<string, SeveritySetting>;
  includeTests: boolean;
  maxFileSize: number;
  color: boolean;
  help: boolean;
  version: boolean;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`invalid value '${value}' for ${flag} (expected ${allowed.join(', ')})`);
  }
  return value as T;
}

function parseCommandLine(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        rule: { type: 'string', multiple: true },
        'include-tests': { type: 'boolean' },
        'max-file-size': { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    const quoted = /'([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) throw new UsageError(`unknown option '${quoted}'`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted) {
      // Node words it as "Option '-f, --format <value>' argument missing" (or "does not take an argument").
      const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
      throw new UsageError(/argument missing/.test(message) ? `option '${flag}' needs a value` : `option '${flag}' takes no value`);
    }
    throw new UsageError(message.split(/\.\s/)[0]);
  }
  const { values, positionals } = parsed;

  const rules: Record<string, SeveritySetting> = {};
  const known = new Set(RULES.map((r) => r.id));
  for (const spec of values.rule ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--rule expects id=severity, got '${spec}'`);
    const id = spec.slice(0, eq).trim();
    const severity = spec.slice(eq + 1).trim();
    if (!known.has(id)) throw new UsageError(`unknown rule '${id}' in --rule (known rules: ${[...known].join(', ')})`);
    rules[id] = oneOf('--rule', severity, SEVERITY_SETTINGS);
  }

  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (values['max-file-size'] !== undefined) {
    const raw = values['max-file-size'].trim();
    if (!/^\d+$/.test(raw) || Number(raw) <= 0 || !Number.isSafeInteger(Number(raw))) {
      throw new UsageError(`--max-file-size expects a positive number of bytes, got '${values['max-file-size']}'`);
    }
    maxFileSize = Number(raw);
  }
  if (values.output !== undefined && values.output.trim() === '') throw new UsageError('--output needs a file name');

  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: values.format === undefined ? 'text' : oneOf('--format', values.format, FORMATS),
    output: values.output,
    failOn: values['fail-on'] === undefined ? 'error' : oneOf('--fail-on', values['fail-on'], FAIL_ON),
    rules,
    includeTests: values['include-tests'] ?? false,
    maxFileSize,
    color: !(values['no-color'] ?? false),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function useColor(options: CliOptions, io: CliIo): boolean {
  if (!options.color || options.format !== 'text' || options.output !== undefined) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.stdout.isTTY === true;
}

/** On a terminal, long audits show `files done / total` on stderr; the line is erased when the audit ends. */
function progressReporter(io: CliIo): { update(done: number, total: number): void; clear(): void } {
  if (io.stderr.isTTY !== true || io.env.CI) return { update() {}, clear() {} };
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < 400 || now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      io.stderr.write(`\r\u001b[Ktwelve-factor: ${done}/${total} files`);
    },
    clear() {
      if (drawn) io.stderr.write('\r\u001b[K');
    },
  };
}

function render(report: AuditReport, options: CliOptions, io: CliIo): string {
  switch (options.format) {
    case 'json':
      return JSON.stringify(formatJson(report), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(formatSarif(report), null, 2) + '\n';
    default:
      return formatText(report, useColor(options, io) ? COLOR : PLAIN, io.cwd);
  }
}

function failed(report: AuditReport, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const threshold = SEVERITY_RANK[failOn as Severity];
  return report.roots.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold));
}

/** Runs the CLI; resolves to the exit code. Never throws: every failure becomes a one-line message. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    io.stderr.write(`twelve-factor: ${(error as Error).message}\nRun 'twelve-factor --help' for usage.\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const version = toolVersion();
  if (options.version) {
    io.stdout.write(`${version}\n`);
    return 0;
  }

  for (const p of options.paths) {
    try {
      fs.statSync(p);
    } catch (error) {
      io.stderr.write(`twelve-factor: cannot read '${p}': ${errorDetail(error)}\n`);
      return 2;
    }
  }

  const auditOptions: AuditOptions = {
    rules: options.rules,
    nonProductionFiles: options.includeTests ? 'hint' : 'ignore',
    maxFileSize: options.maxFileSize,
  };
  const progress = progressReporter(io);
  const roots: AuditResult[] = [];
  try {
    for (const p of options.paths) {
      roots.push(await auditWorkspace(p, auditOptions, { onProgress: ({ done, total }) => progress.update(done, total) }));
    }
  } catch (error) {
    progress.clear();
    const message = error instanceof AuditInputError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    io.stderr.write(`twelve-factor: ${message}\n`);
    if (io.env.TWELVE_FACTOR_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
  progress.clear();

  const report: AuditReport = { toolVersion: version, roots };
  for (const r of roots) for (const e of r.ruleErrors) io.stderr.write(`twelve-factor: warning: a rule failed on ${e}\n`);

  const out = render(report, options, io);
  if (options.output !== undefined) {
    try {
      fs.writeFileSync(options.output, out);
    } catch (error) {
      io.stderr.write(`twelve-factor: cannot write '${options.output}': ${errorDetail(error)}\n`);
      return 2;
    }
  } else {
    io.stdout.write(out);
  }
  return failed(report, options.failOn) ? 1 : 0;
}
