/**
 * Masking: no credential leaves the engine verbatim. Every message passes through `maskText`, and rules that know
 * the raw secret also hand it to the runner, which masks it wherever it appears.
 */

const STARS = '****';

/** Known token formats: the recognisable prefix stays, the rest goes. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\b((?:sk|rk|pk)_(?:live|test)_)[A-Za-z0-9]{8,}/g, // Stripe
  /\b((?:AKIA|ASIA))[A-Z0-9]{16}\b/g, // AWS access key ids
  /\b(gh[pousr]_)[A-Za-z0-9]{20,}/g, // GitHub
  /\b(github_pat_)[A-Za-z0-9_]{20,}/g,
  /\b(xox[abposr]-)[A-Za-z0-9-]{8,}/g, // Slack
  /\b(AIza)[A-Za-z0-9_-]{30,}/g, // Google API keys
  /\b(SG\.)[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, // SendGrid
];

/** `scheme://user:password@host` → `scheme://user:****@host`. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]*:)([^\s@/'"`]+)(@)/gi;
/** `password=secret` in key=value DSNs and `Password=secret;` in ADO.NET strings. */
const KV_PASSWORD = /\b((?:password|passwd|pwd)\s*=\s*)('[^']*'|"[^"]*"|[^\s;'"`]+)/gi;

export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(maskSecret(secret));
  }
  out = out.replace(URL_PASSWORD, (_m, head: string, pass: string, at: string) => (pass === STARS ? head + pass + at : head + STARS + at));
  out = out.replace(KV_PASSWORD, (_m, head: string) => head + STARS);
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, (_m, prefix: string) => prefix + STARS);
  return out;
}

/**
 * The masked form of one secret value: URLs keep everything but the password, known tokens keep their prefix,
 * anything else becomes `****`.
 */
export function maskSecret(secret: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(secret) || /password\s*=|pwd\s*=/i.test(secret)) {
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
