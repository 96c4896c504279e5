/** Severities: how a finding is shown, and how users configure a rule (`off` disables it). */

/** Most severe first. */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type SeveritySetting = Severity | 'off';
/** The values of a rule's setting, in the order package.json's enums list them. */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];
