import { defineRule } from '../engine/defineRule';

/**
 * A `twelve-factor-disable…` comment naming a rule that does not exist — usually a typo that silently suppresses
 * nothing. Judged over the suppression facts the runner finds in every language; never itself suppressible.
 */
export default defineRule({
  id: 'invalid-suppression',
  factor: null,
  defaultSeverity: 'warning',
  description: 'A suppression comment names a rule that does not exist.',
  messages: {
    unknownRule: "Unknown rule '{{id}}' in a twelve-factor suppression comment.",
  },
  uses: ['suppressions'],
  suppressible: false,
  check(context) {
    for (const directive of context.facts('suppressions')) {
      for (const { id, range } of directive.ruleIds) {
        if (!context.knownRuleIds.has(id)) context.report({ messageId: 'unknownRule', data: { id }, range });
      }
    }
  },
});
