/**
 * Which config files are deploy-time application config, and what kind (docs/rules/no-hardcoded-secret.md,
 * "Config files"). Pure functions over the path (and, for Rails, a look at the text); no parser here.
 *
 * Analysed:
 * - YAML: Spring's `application*.yml|yaml` and `bootstrap*.yml|yaml`; docker-compose files (`docker-compose*.yml`,
 *   `compose*.yml`), judged by value alone; any YAML file inside a folder named `config`, `conf`, `configs` or
 *   `settings` (Rails `config/database.yml`, node-config `config/default.yml`, a Go app's `conf/app.yaml`); files named
 *   `config.*`, `settings.*`, `secrets.*`.
 * - .properties: every file except message bundles (`messages*.properties`, `*_fr.properties`) and build-tool files
 *   (`gradle.properties`, `gradle-wrapper.properties`, `maven-wrapper.properties`, `local.properties`,
 *   `sonar-project.properties`).
 * - JSON/JSONC: .NET's `appsettings*.json` and `hosting*.json`, and JSON files in a folder named `config` (node-config). Never
 *   `package.json`, lockfiles, `tsconfig*.json`, `launchSettings.json` or other tool config.
 * Never: files under `.github/`, Rails locale files (`config/locales/`), templates (`*.example.*`, `*.sample.*`,
 * `*.template.*`, `*.dist`).
 */

export type ConfigFormat = 'yaml' | 'properties' | 'json';

/**
 * The framework whose conventions the file follows: how an environment read is written in it (the fix) and which
 * values are environment reads already.
 * - `spring`: `${NAME}` / `${NAME:default}` placeholders, resolved from the environment by Spring.
 * - `rails`: ERB, `<%= ENV.fetch("NAME") %>`; top-level `development:`/`test:` groups are not production.
 * - `dotnet`: appsettings; environment variables override keys, but a value written here is a literal.
 * - `node-config`: `config/<env>.json|yml`; `custom-environment-variables.*` maps keys to variable names.
 * - `compose`: docker-compose; `${NAME}` interpolation.
 * - `generic`: no known environment-read idiom (a Go app's `config/prod.yml`): no fix is offered.
 */
export type ConfigFlavour = 'spring' | 'rails' | 'dotnet' | 'node-config' | 'compose' | 'generic';

export interface ConfigScope {
  flavour: ConfigFlavour;
  /** The file configures only development or tests (a `dev`/`test`/`local` profile): no literal is taken from it. */
  nonProduction: boolean;
  /** node-config's `custom-environment-variables.*`: its strings are variable names, never values. */
  envNames: boolean;
  /**
   * The deploy environment the file's name is for (`application-prod.yml` → `prod`, `appsettings.Staging.json` →
   * `staging`): a profile or environment file of one deploy, which is config grouped by environment (III).
   */
  deployEnvironment?: string;
}

const CONFIG_DIRS = new Set(['config', 'conf', 'configs', 'settings']);
/** Profile or environment names of files (and Rails groups) that never configure a deploy. */
export const NON_PRODUCTION_NAMES = new Set([
  'dev', 'develop', 'development', 'local', 'test', 'tests', 'testing', 'it', 'e2e', 'ci', 'unittest', 'mock', 'h2',
  'example', 'sample', 'template', 'dist', 'default-example',
]);
/** Profile or environment names of files that configure one deploy (Spring profiles, .NET environments). */
export const DEPLOY_NAMES = new Set(['prod', 'production', 'staging', 'stage', 'stg', 'uat', 'preprod', 'live']);
const TEMPLATE_FILE = /\.(example|sample|template|dist|tmpl|tpl)(\.|$)/i;
const NOT_APP_PROPERTIES = /^(gradle|gradle-wrapper|maven-wrapper|local|sonar-project|lombok)\.properties$|^(messages|validationmessages)([_-].*)?\.properties$|_[a-z]{2}(_[A-Z]{2})?\.properties$/i;
const NOT_APP_JSON = /^(package|package-lock|composer|tsconfig.*|jsconfig.*|launchsettings|.*\.schema|\.eslintrc|\.babelrc|\.prettierrc)\.json$/i;

function parts(path: string): { dirs: string[]; base: string } {
  const segments = path.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  const base = segments.pop() ?? '';
  return { dirs: segments.map((d) => d.toLowerCase()), base };
}

/** `appsettings.Development.json` → ['appsettings', 'development']; `application-prod.yml` → ['application', 'prod']. */
function nameSegments(base: string): string[] {
  const stem = base.replace(/\.(ya?ml|json|jsonc|properties)$/i, '');
  return stem.toLowerCase().split(/[.\-_]/).filter(Boolean);
}

function formatOf(base: string): ConfigFormat | undefined {
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  if (/\.properties$/i.test(base)) return 'properties';
  if (/\.jsonc?$/i.test(base)) return 'json';
  return undefined;
}

const isCompose = (base: string) => /^(docker-)?compose([.\-_][\w.-]*)?\.ya?ml$/i.test(base);
/** .NET's `appsettings*.json` and the `hosting*.json` a host builder may add (`Urls`). */
const isDotnetSettings = (base: string) => /^(appsettings|hosting)([.\-_][\w.-]*)?\.json$/i.test(base);
const isSpring = (base: string) => /^(application|bootstrap)([.\-_][\w.-]*)?\.(ya?ml|properties)$/i.test(base);

/** Is the file deploy-time application config that the config adapters analyse? (The module comment says which.) */
export function isAppConfigFile(path: string): boolean {
  const { dirs, base } = parts(path);
  const format = formatOf(base);
  if (!format || dirs.includes('.github') || TEMPLATE_FILE.test(base)) return false;
  const inConfigDir = dirs.some((d) => CONFIG_DIRS.has(d));
  switch (format) {
    case 'yaml':
      if (dirs.includes('locales')) return false;
      return isSpring(base) || isCompose(base) || inConfigDir || /^(config|settings|secrets)([.\-_][\w.-]*)?\.ya?ml$/i.test(base);
    case 'properties':
      return !NOT_APP_PROPERTIES.test(base);
    case 'json':
      if (NOT_APP_JSON.test(base)) return false;
      return isDotnetSettings(base) || dirs[dirs.length - 1] === 'config';
  }
}

/** What kind of config file this is (call only for files `isAppConfigFile` accepts). `text` tells Rails' ERB apart. */
export function configScope(path: string, text: string): ConfigScope {
  const { dirs, base } = parts(path);
  const segments = nameSegments(base);
  // `application-test.yml`, `appsettings.Development.json`, `config/local.yml`, `database.ci.yml`
  const nonProduction = segments.some((s) => NON_PRODUCTION_NAMES.has(s));
  const scope = (flavour: ConfigFlavour, envNames = false): ConfigScope => ({ flavour, nonProduction, envNames });
  if (isCompose(base)) return scope('compose');
  // The environment of a Spring profile file or a .NET environment file: the segment after the stem.
  const deployEnvironment = (): string | undefined => (nonProduction ? undefined : segments.slice(1).find((s) => DEPLOY_NAMES.has(s)));
  if (isSpring(base)) return { ...scope('spring'), deployEnvironment: deployEnvironment() };
  if (isDotnetSettings(base)) return { ...scope('dotnet'), deployEnvironment: deployEnvironment() };
  const format = formatOf(base);
  if (/^custom-environment-variables\./i.test(base)) return scope('node-config', true);
  if (format === 'yaml' && dirs[dirs.length - 1] === 'config' && (text.includes('<%') || /^(database|secrets|cable|storage|credentials|mongoid|sidekiq)\.yml$/i.test(base))) {
    return scope('rails');
  }
  if (dirs[dirs.length - 1] === 'config') return scope('node-config');
  return scope('generic');
}
