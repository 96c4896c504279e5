/**
 * The `twelveFactor.*` settings: validation (pure) and a per-resource cache fed by `workspace/configuration`.
 * Nothing is kept in globals: every document asks the store, the store asks the client once per URI, and
 * `didChangeConfiguration` empties it.
 */
import picomatch from 'picomatch';
import { DEFAULT_MAX_FILE_SIZE } from './engine/runner';
import { SEVERITY_SETTINGS, type SeveritySetting } from './shared/severities';

export const SETTINGS_SECTION = 'twelveFactor';
const TEST_FILE_MODES = ['ignore', 'hint'] as const;
const TRACE_LEVELS = ['off', 'messages', 'verbose'];

export interface Settings {
  enable: boolean;
  /** Rule id → severity override; only valid entries survive validation. */
  rules: Record<string, SeveritySetting>;
  /** Globs (picomatch) matched against the workspace-relative path; a match skips the file. */
  exclude: string[];
  /** Findings in tests, examples and docs: dropped or shown as hints (engine `nonProductionFiles`). */
  testFiles: (typeof TEST_FILE_MODES)[number];
  /** Characters above which a document is skipped. */
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  rules: {},
  exclude: [],
  testFiles: 'ignore',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
});

export interface ResolvedSettings extends Settings {
  /** True when the workspace-relative path matches one of `exclude`. */
  isExcluded(relativePath: string): boolean;
}

export interface SettingsResult {
  settings: ResolvedSettings;
  /** One human sentence per invalid value; the default replaced it. */
  problems: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * Turns whatever the client sent for the `twelveFactor` section into settings. Invalid values are replaced by their
 * defaults, one problem sentence each; unknown keys are ignored (the client may send more than we read).
 */
export function resolveSettings(raw: unknown, knownRuleIds: ReadonlySet<string>): SettingsResult {
  const problems: string[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {}, exclude: [] };
  if (raw === undefined || raw === null) return { settings: withMatcher(settings, problems), problems };
  if (!isRecord(raw)) {
    problems.push(`${SETTINGS_SECTION} should be an object, got ${show(raw)}`);
    return { settings: withMatcher(settings, problems), problems };
  }

  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else problems.push(`${SETTINGS_SECTION}.enable should be true or false, got ${show(raw.enable)}`);
  }

  if (raw.rules !== undefined && raw.rules !== null) {
    if (!isRecord(raw.rules)) {
      problems.push(`${SETTINGS_SECTION}.rules should map rule ids to ${SEVERITY_SETTINGS.join(' | ')}, got ${show(raw.rules)}`);
    } else {
      for (const [id, value] of Object.entries(raw.rules)) {
        if (!knownRuleIds.has(id)) {
          problems.push(`${SETTINGS_SECTION}.rules names an unknown rule '${id}'`);
        } else if (typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value)) {
          settings.rules[id] = value as SeveritySetting;
        } else {
          problems.push(`${SETTINGS_SECTION}.rules.${id} should be one of ${SEVERITY_SETTINGS.join(', ')}, got ${show(value)}`);
        }
      }
    }
  }

  if (raw.exclude !== undefined && raw.exclude !== null) {
    if (!Array.isArray(raw.exclude)) {
      problems.push(`${SETTINGS_SECTION}.exclude should be a list of glob patterns, got ${show(raw.exclude)}`);
    } else {
      for (const pattern of raw.exclude) {
        if (typeof pattern === 'string' && pattern.trim() !== '') settings.exclude.push(pattern.trim());
        else problems.push(`${SETTINGS_SECTION}.exclude entries should be non-empty glob strings, got ${show(pattern)}`);
      }
    }
  }

  if (raw.testFiles !== undefined) {
    if (typeof raw.testFiles === 'string' && (TEST_FILE_MODES as readonly string[]).includes(raw.testFiles)) {
      settings.testFiles = raw.testFiles as Settings['testFiles'];
    } else {
      problems.push(`${SETTINGS_SECTION}.testFiles should be one of ${TEST_FILE_MODES.join(', ')}, got ${show(raw.testFiles)}`);
    }
  }

  if (raw.maxFileSize !== undefined) {
    const value = raw.maxFileSize;
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) settings.maxFileSize = value;
    else problems.push(`${SETTINGS_SECTION}.maxFileSize should be a positive whole number of characters, got ${show(value)}`);
  }

  const trace = isRecord(raw.trace) ? raw.trace.server : undefined;
  if (trace !== undefined && !(typeof trace === 'string' && TRACE_LEVELS.includes(trace))) {
    problems.push(`${SETTINGS_SECTION}.trace.server should be one of ${TRACE_LEVELS.join(', ')}, got ${show(trace)}`);
  }

  return { settings: withMatcher(settings, problems), problems };
}

function withMatcher(settings: Settings, problems: string[]): ResolvedSettings {
  const matchers: ((path: string) => boolean)[] = [];
  const valid: string[] = [];
  for (const pattern of settings.exclude) {
    try {
      matchers.push(picomatch(pattern, { dot: true, basename: !pattern.includes('/') }));
      valid.push(pattern);
    } catch (error) {
      problems.push(`${SETTINGS_SECTION}.exclude pattern ${show(pattern)} is not a valid glob (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return {
    ...settings,
    exclude: valid,
    isExcluded: (relativePath) => {
      const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
      return matchers.some((match) => match(path));
    },
  };
}

/**
 * Settings per resource. `fetch` asks the client (workspace/configuration with a scopeUri); `report` receives one
 * message per distinct set of problems until the next `clear()`, so a bad value is explained once, not per keystroke.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ResolvedSettings>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly fetch: (uri: string) => Promise<unknown>,
    private readonly knownRuleIds: ReadonlySet<string>,
    private readonly report: (message: string) => void,
  ) {}

  get(uri: string): Promise<ResolvedSettings> {
    let pending = this.cache.get(uri);
    if (!pending) {
      pending = this.load(uri);
      this.cache.set(uri, pending);
    }
    return pending;
  }

  /** Forgets everything (configuration changed) and allows the problems to be reported again. */
  clear(): void {
    this.cache.clear();
    this.reported.clear();
  }

  /** Forgets one resource (its document closed). */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async load(uri: string): Promise<ResolvedSettings> {
    let raw: unknown;
    try {
      raw = await this.fetch(uri);
    } catch (error) {
      this.cache.delete(uri);
      this.once(`Could not read the ${SETTINGS_SECTION} settings (${error instanceof Error ? error.message : String(error)}); using the defaults.`);
      return resolveSettings(undefined, this.knownRuleIds).settings;
    }
    const { settings, problems } = resolveSettings(raw, this.knownRuleIds);
    if (problems.length > 0) {
      this.once(`Invalid Twelve-Factor settings: ${problems.join('; ')}. The defaults apply to these values.`);
    }
    return settings;
  }

  private once(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.report(message);
  }
}
