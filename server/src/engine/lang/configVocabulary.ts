/**
 * What every adapter's config-literal extractor shares: callees whose string arguments are never config values, and
 * the names that mark a schema default or bind a value to an environment variable.
 */

/** Callees whose string arguments are patterns, messages, paths or keys — never config values. */
export const IGNORED_METHODS = new Set([
  'replace', 'replaceAll', 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'split', 'match', 'matchAll',
  'search', 'test', 'exec', 'concat', 'padStart', 'padEnd', 'localeCompare', 'startswith', 'endswith', 'find', 'rfind',
  'index', 'rindex', 'count', 'strip', 'lstrip', 'rstrip', 'removeprefix', 'removesuffix', 'partition', 'rpartition',
  'querySelector', 'querySelectorAll', 'getElementById', 'getAttribute', 'log', 'info', 'warn', 'warning', 'error',
  'debug', 'trace', 'fatal', 'critical', 'exception', 'print', 'assert', 'require', 'import', 'RegExp', 'compile',
  'sub', 'fullmatch', 't', '$t', '__', '_', 'gettext', 'ngettext', 'translate', 'i18n', 'describe', 'it', 'expect',
  'input', 'getpass', 'prompt', 'alert', 'confirm', 'join', 'resolve', 'dirname', 'basename', 'extname', 'hasattr',
  'getattr', 'setattr', 'isinstance', 'has', 'delete', 'remove', 'emit', 'on', 'once',
]);


/** Keywords that bind a value to an environment variable (click, typer, pydantic `Field`). */
export const ENV_KEYWORD = /^(env|envvar|env_var|validation_alias)$/;
/** Property / keyword names whose value is a schema default (convict, envalid, zod-like builders). */
export const DEFAULT_NAMES = new Set(['default', 'devDefault', 'defaultValue', 'fallback']);

export function calleeIgnored(callee: string | undefined): boolean {
  if (callee === undefined) return false;
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  if (/^(console|logger|log|logging|re|path|os\.path|i18n|i18next)(\.|$)/.test(callee)) return true;
  return IGNORED_METHODS.has(last) || /(Error|Exception|Warning)$/.test(last);
}
