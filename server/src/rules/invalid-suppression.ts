import { defineRule } from '../engine/defineRule';

/**
 * Reported by the runner itself (it owns suppression comments): a `twelve-factor-disable…` comment naming a rule
 * that does not exist — usually a typo that silently suppresses nothing.
 */
export default defineRule({
  id: 'invalid-suppression',
  factor: null,
  defaultSeverity: 'warning',
  description: 'A suppression comment names a rule that does not exist.',
  messages: {
    unknownRule: "Unknown rule '{{id}}' in a twelve-factor suppression comment.",
  },
  check: {},
});
