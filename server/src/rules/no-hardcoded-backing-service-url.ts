import { classifyBackingService, serviceLabel } from '../engine/backingServices';
import { defineRule } from '../engine/defineRule';
import { envFixFor } from '../engine/envFix';
import { envNameFor } from '../engine/envNames';
import type { RuleContext } from '../engine/types';

/**
 * Factor IV: a backing service (database, cache, queue, broker, mail or directory server) located by a URL or
 * connection string written in the code. Swapping the resource for another one must need a config change, not a
 * code change. Not reported: local hosts (localhost, 127.0.0.1, compose service names, example domains), locators
 * with template syntax in them, environment fallbacks, plain http(s) URLs, and locators with a real password (those
 * belong to no-credentials-in-url, which reports them as errors).
 */
/** Template syntax anywhere (`${DB_HOST}`, `{{ pw }}`, `<password>`, `$(PW)`, `%PW%`): a template or a docs sample. */
const TEMPLATE = /\$\{|\{\{|\$\(|<[^<>]+>|%[A-Za-z_][A-Za-z0-9_]*%/;

function check(context: RuleContext): void {
  for (const literal of context.facts('configLiterals')) {
    if (literal.envFallback || literal.template) continue; // part of the address comes from elsewhere
    const locator = classifyBackingService(literal.value);
    if (!locator || !locator.isBackingService || locator.password || locator.localOnly || TEMPLATE.test(literal.value)) continue;
    const envName = envNameFor(literal, { service: locator.service });
    context.report({
      messageId: 'hardcodedUrl',
      data: { service: serviceLabel(locator.service), masked: locator.masked, host: locator.hosts.join(', ') },
      range: literal.range,
      ...envFixFor(context, literal, envName),
    });
  }
}

export default defineRule({
  id: 'no-hardcoded-backing-service-url',
  factor: 'IV',
  defaultSeverity: 'warning',
  description: 'Backing services (databases, caches, queues, brokers) are attached through configuration, not addresses in the code.',
  messages: {
    hardcodedUrl: 'Hardcoded {{service}} address {{masked}}: attach the backing service through the environment so it can be swapped without a code change.',
  },
  uses: ['configLiterals'],
  check,
});
