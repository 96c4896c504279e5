import { defineRule } from '../engine/defineRule';

/**
 * Factor III: config grouped into named environments (`{ development: {...}, production: {...} }`,
 * `DevelopmentConfig`/`ProductionConfig` classes) instead of one value per environment variable. Such groups grow
 * with every deploy and put each deploy's config in the code. Judged over the groups each adapter finds (only
 * groups holding config: backing-service keys, credentials, addresses — a logger level per environment is not).
 */
export default defineRule({
  id: 'no-env-grouped-config',
  factor: 'III',
  defaultSeverity: 'warning',
  description: 'Config grouped by environment name (development, staging, production) instead of read from environment variables.',
  messages: {
    grouped: 'Config is grouped by environment name ({{envs}}); read each value from its own environment variable instead.',
    groupedIndexed:
      'Config is grouped by environment name ({{envs}}) and picked by {{variable}}; read each value from its own environment variable instead.',
    indexedByEnv: 'Config is picked by {{variable}} from a set grouped by environment name; read each value from its own environment variable instead.',
    classes: 'Config classes per environment ({{classes}}); read each value from its own environment variable instead.',
  },
  uses: ['envGroupedConfig'],
  check(context) {
    for (const group of context.facts('envGroupedConfig')) {
      const data = { envs: group.names.join(', '), variable: group.variable ?? '', classes: group.names.join(', ') };
      const messageId = group.form === 'classes' ? 'classes' : group.form === 'lookup' ? 'indexedByEnv' : group.variable ? 'groupedIndexed' : 'grouped';
      context.report({ messageId, data, range: group.range });
    }
  },
});
