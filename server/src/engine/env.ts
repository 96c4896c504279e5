/** Names of environment variables that mean something to several rules, whatever the language. */

/** Names that say which deploy the process runs in (`NODE_ENV`, `APP_ENV`, `FLASK_ENV`, `ENVIRONMENT`…). */
export function isEnvironmentNameVar(name: string): boolean {
  return /^(?:[A-Z0-9]+_)?(?:ENV|ENVIRONMENT|STAGE)$/.test(name) || name === 'FLASK_CONFIG' || name === 'APP_SETTINGS';
}

/** Names of debug switches (`DEBUG`, `FLASK_DEBUG`, `DJANGO_DEBUG`). */
export function isDebugVar(name: string): boolean {
  return /^(?:[A-Z0-9]+_)?DEBUG$/.test(name);
}
