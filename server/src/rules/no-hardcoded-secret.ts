import { classifyBackingService } from '../engine/backingServices';
import type { ConfigLiteral } from '../engine/facts';
import { defineRule } from '../engine/defineRule';
import { envFixFor } from '../engine/envFix';
import { envNameFor, nameWords, qualifiedEnvName, toEnvName } from '../engine/envNames';
import { maskSecret } from '../engine/mask';
import { isExplicitPlaceholder, isPlaceholder } from '../engine/placeholders';
import type { RuleContext } from '../engine/types';

/**
 * Factor III: credentials written into the code. Three ways to know a literal is a secret:
 * 1. its format: live Stripe keys, AWS access key ids, GitHub and Slack tokens, SendGrid keys, PEM private keys —
 *    anywhere in a config literal;
 * 2. the API it feeds: express-session / cookie-session `secret`/`keys`, `cookieParser(secret)`,
 *    `jwt.sign/verify(…, key)`, `jwt.encode/decode` in Python, `new Sequelize(db, user, password)`, `smtp.login(user, pw)`;
 * 3. its name: a variable, property, dict key or keyword whose last word is password/passwd/pwd/pass/passphrase,
 *    secret, token, or key after api/secret/private/access/signing/… (`SECRET_KEY`, `client_secret`, `apiKey`).
 * Names that only mention a secret (`passwordField`, `tokenType`, `secretName`, `PASSWORD_MIN_LENGTH`, `token_url`)
 * end in another word and are not secrets. Values that are not secrets are skipped: placeholders, empty or short
 * strings, labels and prose ('Password', 'Enter your password'), key names ('access_token'), env variable names,
 * URLs and file paths, a password equal to its user, and environment fallbacks.
 */

interface TokenFormat {
  pattern: RegExp;
  kind: string;
  envName: string;
}

const TOKEN_FORMATS: readonly TokenFormat[] = [
  { pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}/, kind: 'Stripe secret key', envName: 'STRIPE_SECRET_KEY' },
  { pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/, kind: 'AWS access key id', envName: 'AWS_ACCESS_KEY_ID' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}/, kind: 'GitHub token', envName: 'GITHUB_TOKEN' },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/, kind: 'GitHub token', envName: 'GITHUB_TOKEN' },
  { pattern: /\bxox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{6,}/, kind: 'Slack token', envName: 'SLACK_TOKEN' },
  { pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, kind: 'SendGrid API key', envName: 'SENDGRID_API_KEY' },
  // The header with key material after it (optional `Proc-Type:`-style headers first): a header alone is a marker
  // that parsers compare against, not a key.
  { pattern: /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----\s*(?:[A-Za-z-]+:[^\n]*\n\s*)*[A-Za-z0-9+/]{16}/, kind: 'private key', envName: 'PRIVATE_KEY' },
];

/** Published example values (AWS documentation keys and the like). */
const DOCUMENTED_EXAMPLES = /EXAMPLE|AKIAIOSFODNN7|wJalrXUtnFEMI/;

type SecretKind = 'password' | 'secret' | 'token' | 'API key' | 'key';

/** `…Key` names that hold a secret. Left out on purpose: session/cookie/storage keys (names of cookies and slots),
 * client/app/license keys (often public by design: Adyen client keys, grid licence keys, Firebase app config). */
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'private', 'access', 'signing', 'sign', 'encryption', 'encrypt', 'master', 'auth', 'hmac', 'jwt',
  'account', 'subscription', 'webhook', 'or', 'crypto',
]);
const NOT_SECRET_TOKENS = new Set(['page', 'next', 'csrf', 'xsrf', 'cancel', 'cancellation', 'continuation', 'sync', 'resume', 'injection', 'pagination', 'cursor']);
const PASS_OWNERS = new Set(['db', 'database', 'smtp', 'mail', 'email', 'user', 'auth', 'admin', 'root', 'redis', 'ftp', 'login', 'account', 'app', 'bind', 'proxy', 'basic']);
/** A name with one of these words is about a secret, not one: `placeholderPassword`, `testToken`, `minPasswordLength`. */
const NOT_SECRET_WORDS = new Set(['placeholder', 'label', 'hint', 'example', 'sample', 'dummy', 'fake', 'mock', 'test', 'regex', 'pattern', 'min', 'max', 'length', 'public', 'publishable']);

/** What a name says it holds: `dbPassword` → password, `SECRET_KEY` → key, `passwordField` → nothing. */
export function secretKindOfName(name: string): SecretKind | undefined {
  // A key written as a phrase is prose, not a slot for a credential: a validation-error key
  // (`{ errors: { 'email or password': ['is invalid'] } }`), a form label, an i18n key.
  if (/\s/.test(name.trim())) return undefined;
  const words = nameWords(name);
  if (words.length === 0 || words.some((w) => NOT_SECRET_WORDS.has(w))) return undefined;
  const last = words[words.length - 1];
  const previous = words[words.length - 2];
  if (['password', 'passwd', 'pwd', 'passphrase'].includes(last)) return 'password';
  if (last === 'pass' && (previous === undefined || PASS_OWNERS.has(previous))) return 'password'; // not lodash's `allPass`
  if (last === 'secret') return 'secret';
  if (last === 'token') return previous !== undefined && NOT_SECRET_TOKENS.has(previous) ? undefined : 'token';
  if (last === 'apikey' || (last === 'key' && previous === 'api')) return 'API key';
  if (last === 'key' && previous !== undefined && KEY_QUALIFIERS.has(previous)) return 'key';
  return undefined;
}

/** The API the value feeds decides it is a secret, whatever its name. */
/**
 * A literal an API uses as a secret. `signing` keys (session, cookie, JWT, SECRET_KEY) are in use whatever they say,
 * so only explicit stand-ins excuse them; a password argument such as Sequelize's third is often the docs'
 * `'password'` placeholder.
 */
function apiSecret(literal: ConfigLiteral, family: string): { what: string; base: string; signing?: boolean } | undefined {
  const callee = literal.callee ?? '';
  // Flask's `app.secret_key` / `SECRET_KEY` and Django's `SECRET_KEY` sign sessions and tokens: whatever is written
  // there is the key in use. (JS code uses SECRET_KEY-named constants for other things, such as storage keys.)
  if (family === 'python' && literal.kind !== 'argument' && /^secret_key$/i.test(literal.name)) return { what: 'key', base: 'SECRET_KEY', signing: true };
  if (literal.kind === 'property' && /^(secret|secrets|keys)$/.test(literal.name) && /session/i.test(callee)) return { what: 'session secret', base: 'SESSION_SECRET', signing: true };
  if (literal.kind === 'argument') {
    if (literal.argumentIndex === 1 && /(^|\.)(jwt|jsonwebtoken|jose|JWT)\.(sign|verify|encode|decode)$/.test(callee)) return { what: 'JWT signing key', base: 'JWT_SECRET', signing: true };
    if (literal.argumentIndex === 0 && /(^|\.)cookieParser$/.test(callee)) return { what: 'cookie secret', base: 'COOKIE_SECRET', signing: true };
    if (literal.argumentIndex === 2 && /(^|\.)Sequelize$/.test(callee)) return { what: 'database password', base: 'DB_PASSWORD' };
    if (literal.argumentIndex === 1 && /\.login$|(^|\.)HTTP(Basic|Digest)Auth$/.test(callee)) return { what: 'password', base: qualifiedEnvName('PASSWORD', literal) };
  }
  return undefined;
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const SECRET_SEGMENTS = new Set(['password', 'passwd', 'pwd', 'pass', 'secret', 'token', 'key', 'apikey', 'api', 'auth', 'bearer', 'jwt', 'session', 'credential', 'credentials']);

/** Regular-expression syntax: `\w`, `(?:`, `[^`, `.*?`. */
const REGEX_SYNTAX = /\\[wdsbWDSB]|\(\?[:=!<P]|\[\^|\.[*+]\?/;
/** A quantified character class (`[a-z0-9]+`); its body excludes `[` too, so each bracket starts one linear scan. */
const QUANTIFIED_CLASS = /\[([^[\]]*)\][*+?{]/g;

/**
 * True for a regular expression. The class-with-range test was one pattern, `\[[^\]]*\w-\w[^\]]*\][*+?{]`,
 * cubic on lines of `[a-a\` (seconds on 12 KB); it is now a linear scan for classes, then a test of each body.
 */
function looksLikeRegex(value: string): boolean {
  if (REGEX_SYNTAX.test(value)) return true;
  for (const match of value.matchAll(QUANTIFIED_CLASS)) if (/\w-\w/.test(match[1])) return true;
  return false;
}

/** Values that cannot be a real secret, whatever the context. */
function notASecret(value: string, minLength: number): boolean {
  const trimmed = value.trim();
  if (trimmed.length < minLength) return true;
  if (/[^\x20-\x7e]/.test(trimmed)) return true; // i18n labels; generated secrets are ASCII
  if (looksLikeRegex(trimmed)) return true; // a regular expression (lexer tables: 'token': [(r'[^\W\d]\w*', …)])
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || /^(\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(trimmed) || /\.(pem|key|crt|cer|p12|pfx|json|txt|env|ya?ml)$/i.test(trimmed)) return true;
  return false;
}

/** Values that are labels, messages, key names or variable names — what a secret-sounding name often holds. */
function looksLikeLabel(value: string, literal: ConfigLiteral): boolean {
  const trimmed = value.trim();
  if (/\s/.test(trimmed) && (trimmed.split(/\s+/).length >= 3 || /^[A-Z]/.test(trimmed) || /[.!?:]$/.test(trimmed))) return true;
  if (/^[A-Z][a-z]+$/.test(trimmed)) return true; // 'Password', 'Secret' as a label
  if (/^([a-z]+|[A-Z]+)$/.test(trimmed) && trimmed.length < 16) return true; // 'required', 'bearer', 'hidden': a word, not a secret
  if (/^AIza[0-9A-Za-z_-]{35}$/.test(trimmed)) return true; // Google browser API keys (Firebase config) are public by design
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(trimmed)) return true; // an env variable's name
  if (squash(trimmed) === squash(literal.name)) return true;
  if (/^[a-z]+([.:/][a-z]+)+$/i.test(trimmed)) return true; // a dotted storage key: 'msal.cache.encryption'
  if (/^[A-Za-z_.:/-]+$/.test(trimmed) && trimmed.split(/[^A-Za-z]+/).flatMap(nameWords).some((w) => SECRET_SEGMENTS.has(w))) return true; // 'access_token', 'x-api-key'
  const user = Object.entries(literal.siblings).find(([k]) => k !== literal.name && /^(user|username|user_?name|login|uid)$/i.test(k))?.[1];
  return user !== undefined && user === trimmed;
}

function check(context: RuleContext): void {
  for (const literal of context.facts('configLiterals')) {
    if (literal.envFallback) continue;
    const value = literal.value;
    const format = TOKEN_FORMATS.find((f) => f.pattern.test(value));
    if (format) {
      if (DOCUMENTED_EXAMPLES.test(value) || classifyBackingService(value)?.password) continue;
      const match = format.pattern.exec(value)![0];
      // Only a literal that is the token and nothing else can be swapped for the variable without changing meaning.
      const whole = value.trim() === match;
      const envName = !whole ? undefined : literal.kind === 'argument' ? format.envName : envNameFor(literal, { base: format.envName });
      context.report({
        messageId: 'knownFormat',
        data: { kind: format.kind, masked: format.kind === 'private key' ? 'PEM block' : maskSecret(match) },
        range: literal.range,
        secrets: [value, match],
        ...envFixFor(context, literal, envName),
      });
      continue;
    }
    const api = apiSecret(literal, context.file.family);
    if (api) {
      // The API decides, so labels do not matter here ('keyboard cat' is a key), and neither do weak words: a
      // `jwt.sign(payload, 'secret')` signs with 'secret' at run time. Only explicit stand-ins (`changeme`,
      // `${JWT_SECRET}`, `your-secret-here`) stay silent.
      if ((api.signing ? isExplicitPlaceholder(value) : isPlaceholder(value)) || notASecret(value, 4)) continue;
      const envName = literal.kind === 'argument' ? api.base : envNameFor(literal, { base: api.base });
      report(context, literal, api.what, envName ?? api.base);
      continue;
    }
    if (literal.kind === 'argument' || notASecret(value, 4) || isPlaceholder(value)) continue;
    if (nameWords(literal.name).pop() === 'authorization' && /^(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{16,}$/i.test(value.trim())) {
      report(context, literal, 'credential', undefined); // the scheme prefix stays in the value: no automatic fix
      continue;
    }
    const kind = secretKindOfName(literal.name);
    if (!kind || looksLikeLabel(value, literal)) continue;
    const base = qualifiedEnvName(toEnvName(kind === 'API key' ? 'api_key' : kind === 'key' ? 'secret_key' : kind), literal);
    report(context, literal, kind, envNameFor(literal, { base }));
  }
}

function report(context: RuleContext, literal: ConfigLiteral, what: string, envName: string | undefined): void {
  context.report({
    messageId: 'hardcodedSecret',
    data: { what, name: literal.kind === 'argument' ? literal.callee ?? literal.name : literal.name },
    range: literal.range,
    secrets: [literal.value],
    ...envFixFor(context, literal, envName),
  });
}

export default defineRule({
  id: 'no-hardcoded-secret',
  factor: 'III',
  defaultSeverity: 'error',
  description: 'Passwords, API keys, tokens and signing secrets must come from the environment, not the code.',
  messages: {
    hardcodedSecret: "Hardcoded {{what}} in '{{name}}': read it from the environment (or a secret store) instead.",
    knownFormat: 'Hardcoded {{kind}} ({{masked}}): revoke it, then read it from the environment.',
  },
  uses: ['configLiterals'],
  check,
  tags: ['security', 'secrets'],
});
