/**
 * Masking: no credential leaves the engine verbatim. Every message passes through `maskText`, and rules that know
 * the raw secret also hand it to the runner, which masks it wherever it appears.
 */
import type { Fix } from './types';

const STARS = '****';

/** Known token formats: the recognisable prefix stays, the rest goes. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\b((?:sk|rk|pk)_(?:live|test)_)[A-Za-z0-9]{8,}/g, // Stripe
  /\b((?:AKIA|ASIA))[A-Z0-9]{16}\b/g, // AWS access key ids
  /\b(gh[pousr]_)[A-Za-z0-9]{20,}/g, // GitHub
  /\b(github_pat_)[A-Za-z0-9_]{20,}/g,
  /\b(glpat-)[A-Za-z0-9_-]{20,}/g, // GitLab
  /\b(npm_)[A-Za-z0-9]{36}\b/g, // npm
  /\b(xox[abposr]-)[A-Za-z0-9-]{8,}/g, // Slack
  /\b(AIza)[A-Za-z0-9_-]{30,}/g, // Google API keys
  /\b(SG\.)[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, // SendGrid
  /\b(sk-)[A-Za-z0-9_-]{20,}/g, // OpenAI-style
  /\b(eyJ)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
];

/**
 * `scheme://userinfo@host`: the userinfo of a URL. The look-behind lets a scheme start only where no scheme
 * character precedes it, so a 128k-character name is scanned once, not once per character (that was quadratic).
 */
const URL_USERINFO = /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)([^\s/@'"`<>]*)(@)/gi;
/** `password=secret` in key=value DSNs (`sslpassword=` too) and `Password=secret;` in ADO.NET strings. */
const KV_PASSWORD = /\b((?:ssl)?(?:password|passwd|pwd)\s*=\s*)('[^']*'|"[^"]*"|[^\s;'"`]+)/gi;
/** A query or fragment parameter (`?token=…`, `&api_key=…`, `#access_token=…`, `;password=…`): name, then value. */
const URL_PARAM = /([?&#;])([A-Za-z0-9_.-]{1,64})=([^&#;\s'"`<>]*)/g;
/** Parameter names whose value is a credential. */
const SENSITIVE_PARAM = /(pass(word|wd)?|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|auth|credential|signature|sig|session|private[_.-]?key)$/i;

/** A user-only userinfo (`postgres://TOKEN@host`) that is a credential rather than a login name. */
function tokenLike(user: string): boolean {
  return user.length >= 16 || (user.length >= 8 && /[A-Za-z]/.test(user) && /[0-9]/.test(user) && !/^[a-z]+[0-9]{1,4}$/i.test(user));
}

/**
 * The one masking function: every message, fix title, report line and fingerprint input passes through it. It knows
 * URL userinfo (`user:password@` and user-only tokens), query and fragment credentials, key=value DSN passwords and
 * known token formats; `secrets` are values a rule knows to be secret, masked wherever they appear.
 */
export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(maskSecret(secret));
  }
  out = out.replace(URL_USERINFO, (_m, scheme: string, userinfo: string, at: string) => {
    const colon = userinfo.indexOf(':');
    if (colon === -1) return scheme + (tokenLike(userinfo) ? STARS : userinfo) + at;
    const pass = userinfo.slice(colon + 1);
    return scheme + userinfo.slice(0, colon + 1) + (pass === '' ? '' : STARS) + at;
  });
  out = out.replace(KV_PASSWORD, (_m, head: string) => head + STARS);
  out = out.replace(URL_PARAM, (m, sep: string, name: string, value: string) => (value !== '' && value !== STARS && SENSITIVE_PARAM.test(name) ? `${sep}${name}=${STARS}` : m));
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, (_m, prefix: string) => prefix + STARS);
  return out;
}

/**
 * The masked form of one secret value: URLs keep everything but the password, known tokens keep their prefix,
 * anything else becomes `****`.
 */
export function maskSecret(secret: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(secret) || /password\s*=|pwd\s*=/i.test(secret) || /[?&#;][A-Za-z0-9_.-]{1,64}=/.test(secret)) {
    const masked = maskText(secret);
    if (masked !== secret) return masked;
  }
  for (const pattern of TOKEN_PATTERNS) {
    pattern.lastIndex = 0;
    const match = pattern.exec(secret);
    pattern.lastIndex = 0;
    if (match && match.index === 0) return match[1] + STARS;
  }
  return STARS;
}

/** A fix as findings carry it (and Diagnostic.data with it): its title masked like the message. Edits are code. */
export function maskFix(fix: Fix, secrets: readonly string[] = []): Fix {
  const title = maskText(fix.title, secrets);
  return title === fix.title ? fix : { ...fix, title };
}
