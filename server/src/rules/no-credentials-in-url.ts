import { classifyBackingService, serviceLabel } from '../engine/backingServices';
import { defineRule } from '../engine/defineRule';
import { envFixFor } from '../engine/envFix';
import { envNameFor } from '../engine/envNames';
import type { RuleContext } from '../engine/types';

/**
 * Factor III: a connection URL or DSN written in the code with a real password in it — `postgres://app:pw@db/app`,
 * `host=db password=pw`, `Server=db;Password=pw`, `jdbc:…?password=pw`, `https://user:pw@…`. Placeholders
 * (`${DB_PASSWORD}`, `<password>`, `changeme`, user = password) and environment fallbacks
 * (`process.env.DATABASE_URL || '…'`) are not reported. The message shows the URL with the password masked.
 */
function check(context: RuleContext): void {
  for (const literal of context.facts('configLiterals')) {
    if (literal.envFallback) continue;
    const locator = classifyBackingService(literal.value);
    if (!locator?.password) continue;
    // A template's substitutions would be lost by replacing it whole: report, but offer no fix.
    const envName = literal.template ? undefined : envNameFor(literal, { service: locator.service });
    context.report({
      messageId: 'credentialsInUrl',
      data: { service: serviceLabel(locator.service), masked: locator.masked },
      range: literal.range,
      secrets: [locator.password, literal.value],
      ...envFixFor(context, literal, envName),
    });
  }
}

export default defineRule({
  id: 'no-credentials-in-url',
  factor: 'III',
  defaultSeverity: 'error',
  description: 'Connection URLs and DSNs with a password must come from the environment, not the code.',
  messages: {
    credentialsInUrl: '{{service}} connection string with a password in the code ({{masked}}): read it from the environment.',
  },
  uses: ['configLiterals'],
  check,
  tags: ['security', 'secrets'],
});
