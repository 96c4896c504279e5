/**
 * Is a value a stand-in rather than a real credential? Shared by the URL, DSN and secret rules so that they agree on
 * what "a real password" is. Pure functions over one string value; no code is analysed here.
 */

/** Template and substitution syntaxes: the value is filled in at deploy time, so nothing real is in the code. */
const TEMPLATE_SYNTAX: readonly RegExp[] = [
  // The bodies exclude the opening bracket too, so a run of `${${${…` or `{{{{…` is scanned once, not once per start.
  /\$\{[^{}]*\}/, // ${VAR}, JS/shell/compose interpolation
  /\{\{[^{}]*\}\}/, // {{ var }}, Jinja/Helm/Mustache
  /\$\([^()]*\)/, // $(VAR), make/Kubernetes
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%, Windows
  /%\([A-Za-z_][A-Za-z0-9_]*\)[sd]/, // %(password)s, Python %-formatting
  /^%[sd]$/,
  /^\{[A-Za-z_0-9]*\}$/, // {password} / {0} / {} for str.format
  /^<[^<>]+>$/, // <password>
  /^\[+[^[\]]+\]+$/, // [password], and the nested optional parts of redis-py's `redis://[[username]:[password]]@host`
  /^__[A-Z0-9_]+__$/, // __PASSWORD__ token-replacement
  /^@@[A-Za-z0-9_]+@@$/,
  /^#\{[^}]*\}$/, // #{var}, Ruby / Octopus
  /^<%=?.*%>$/, // ERB / EJS
];

/** Whole values that only say "a password goes here". Compared after lower-casing and dropping separators. */
const DUMMY_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'apikey', 'key', 'changeme', 'changeit', 'redacted',
  'hidden', 'removed', 'masked', 'placeholder', 'dummy', 'example', 'sample', 'test', 'testing', 'foo', 'bar',
  'foobar', 'baz', 'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined', 'empty', 'default', 'value',
  'string', 'notset', 'unset', 'replaceme', 'fillme', 'secretkey', 'mysecret', 'supersecret', 'topsecret',
  'mypassword', 'yourpassword', 'mysecretpassword', 'secretpassword', 'pw', 'xyz', 'abc', 'asdf', 'yoursecret',
  'yourtoken', 'yourkey', 'yourapikey', 'mytoken', 'mykey', 'myapikey',
]);

/** Words that, inside a longer value, mark it as a stand-in ("your_api_key_here", "insert-token", "sk_live_xxx"). */
const DUMMY_FRAGMENT = /(^|[^a-z])(your|my|insert|enter|replace|put|fill|add)[-_ ]?(own[-_ ]?)?(real[-_ ]?)?(secret|password|passwd|pass|pwd|token|api[-_ ]?key|key|value|credentials?)|(here|goes[-_ ]?here)$|change[-_ ]?me|change[-_ ]?it|redacted|placeholder|dummy|x{4,}|\*{3,}|\.{3,}|_{4,}|#{4,}|\?{3,}|example|sample|not[-_ ]?a[-_ ]?real|fake/i;

/** True for template syntax: `${DB_PASSWORD}`, `{{ .Values.pw }}`, `$(PW)`, `$PW`, `%PW%`, `<password>`, … */
export function isTemplatePlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return TEMPLATE_SYNTAX.some((pattern) => pattern.test(trimmed));
}

/** Values that announce themselves as "fill this in": template syntax, masked runs, `changeme`, `your-key-here`. */
const EXPLICIT_WORDS = new Set(['changeme', 'changeit', 'redacted', 'placeholder', 'replaceme', 'fillme', 'todo', 'tbd', 'fixme', 'hidden', 'removed', 'masked']);

/**
 * True for values that say they are stand-ins — empty, template syntax, a masked run (`****`, `xxxx`), `changeme`,
 * `REDACTED`, `your-api-key-here` — but not for weak real values such as `secret`, which do work at run time.
 */
export function isExplicitPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (isTemplatePlaceholder(trimmed)) return true;
  if (/^(.)\1{2,}$/.test(trimmed)) return true; // "xxxx", "****", "000"
  if (EXPLICIT_WORDS.has(trimmed.toLowerCase().replace(/[-_ .]/g, ''))) return true;
  return DUMMY_FRAGMENT.test(trimmed);
}

/**
 * True when the value is not a real secret: an explicit placeholder, or a word that only names what belongs there
 * (`password`, `secret`, `test`, `example`).
 */
export function isPlaceholder(value: string): boolean {
  return isExplicitPlaceholder(value) || DUMMY_WORDS.has(value.trim().toLowerCase().replace(/[-_ .]/g, ''));
}
