import { defineRule } from '../engine/defineRule';
import type { EnvBranch } from '../engine/facts';
import type { RuleContext } from '../engine/types';

/**
 * Factor X: a branch on the deploy (NODE_ENV, APP_ENV, FLASK_ENV, DEBUG…) that runs SQLite or an in-memory database
 * in one arm and another database in the other — the "tools gap" the factor warns about. Reported on the SQLite arm.
 */
function check(context: RuleContext): void {
  for (const branch of context.facts('envBranches')) judgeArms(context, branch);
}

/** Reports the SQLite arm when another arm uses a different database. */
function judgeArms(context: RuleContext, { check, arms }: EnvBranch): void {
  const otherArm = arms.findIndex((arm) => arm.databases.some((d) => d.kind === 'other'));
  if (otherArm === -1) return;
  arms.forEach(({ databases }, i) => {
    if (i === otherArm) return;
    if (databases.some((d) => d.kind === 'other')) return;
    const sqlite = databases.find((d) => d.kind !== 'other');
    if (!sqlite) return;
    context.report({
      messageId: 'divergentDatabase',
      data: { database: sqlite.kind === 'memory' ? 'an in-memory database' : 'SQLite', check },
      range: sqlite.range,
    });
  });
}

export default defineRule({
  id: 'no-dev-prod-divergence',
  factor: 'X',
  defaultSeverity: 'warning',
  description: 'A branch on the deploy environment that uses SQLite or an in-memory database in one arm and another database in the other.',
  messages: {
    divergentDatabase:
      'This branch on {{check}} uses {{database}} here and another database elsewhere, so development and production run different backing services; use the same database everywhere, configured by DATABASE_URL.',
  },
  uses: ['envBranches'],
  check,
});
