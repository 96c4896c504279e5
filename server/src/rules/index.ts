/**
 * The registry: every rule, sorted by id. A consistency test fails when a rule file is missing here, or lacks a
 * test, a docs page or its package.json setting.
 */
import type { Rule } from '../engine/types';
import envExampleDrift from './env-example-drift';
import envFileNotIgnored from './env-file-not-ignored';
import invalidSuppression from './invalid-suppression';
import malformedProcfile from './malformed-procfile';
import missingLockfile from './missing-lockfile';
import missingShutdownHandler from './missing-shutdown-handler';
import noCredentialsInUrl from './no-credentials-in-url';
import noDevProdDivergence from './no-dev-prod-divergence';
import noEnvGroupedConfig from './no-env-grouped-config';
import noFileLogging from './no-file-logging';
import noHardcodedBackingServiceUrl from './no-hardcoded-backing-service-url';
import noHardcodedPort from './no-hardcoded-port';
import noHardcodedSecret from './no-hardcoded-secret';
import noInMemorySession from './no-in-memory-session';
import noLocalFileUpload from './no-local-file-upload';
import procfileWebPort from './procfile-web-port';
import undeclaredDependency from './undeclared-dependency';

export const INVALID_SUPPRESSION_ID = 'invalid-suppression';

export const RULES: readonly Rule[] = [
  envExampleDrift,
  envFileNotIgnored,
  invalidSuppression,
  malformedProcfile,
  missingLockfile,
  missingShutdownHandler,
  noCredentialsInUrl,
  noDevProdDivergence,
  noEnvGroupedConfig,
  noFileLogging,
  noHardcodedBackingServiceUrl,
  noHardcodedPort,
  noHardcodedSecret,
  noInMemorySession,
  noLocalFileUpload,
  procfileWebPort,
  undeclaredDependency,
].sort((a, b) => a.id.localeCompare(b.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
