/** The status item's text, without `vscode` (tests drive it directly). */
import { DIAGNOSTIC_SOURCE, DISPLAY_NAME } from './config';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

/** Number of twelve-factor diagnostics in a list (pure, for tests). */
export function countFindings(diagnostics: readonly { source?: string }[]): number {
  return diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
}

export function statusText(state: ServerState, findings: number | undefined): string {
  if (state === 'starting') return `$(sync~spin) ${DISPLAY_NAME}`;
  if (state === 'stopped') return `$(debug-stop) ${DISPLAY_NAME}: stopped`;
  if (state === 'failed') return `$(error) ${DISPLAY_NAME}: failed`;
  if (findings === undefined || findings === 0) return `$(check) ${DISPLAY_NAME}`;
  return `$(warning) ${DISPLAY_NAME}: ${findings} ${findings === 1 ? 'finding' : 'findings'}`;
}

