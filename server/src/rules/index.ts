/**
 * The registry: every rule, sorted by id. A consistency test fails when a rule file is missing here, or lacks a
 * test, a docs page or its package.json setting.
 */
import type { Rule } from '../engine/types';
import invalidSuppression from './invalid-suppression';
import noCredentialsInUrl from './no-credentials-in-url';
import noDevProdDivergence from './no-dev-prod-divergence';
import noEnvGroupedConfig from './no-env-grouped-config';
import noFileLogging from './no-file-logging';
import noHardcodedBackingServiceUrl from './no-hardcoded-backing-service-url';
import noHardcodedPort from './no-hardcoded-port';
import noHardcodedSecret from './no-hardcoded-secret';
import noInMemorySession from './no-in-memory-session';

export const INVALID_SUPPRESSION_ID = 'invalid-suppression';

export const RULES: readonly Rule[] = [
  invalidSuppression,
  noCredentialsInUrl,
  noDevProdDivergence,
  noEnvGroupedConfig,
  noFileLogging,
  noHardcodedBackingServiceUrl,
  noHardcodedPort,
  noHardcodedSecret,
  noInMemorySession,
].sort((a, b) => a.id.localeCompare(b.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
