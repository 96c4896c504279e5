/** Where every rule's documentation lives; a rule's link is derived from its id and never typed by hand. */
export const DOCS_BASE = 'https://github.com/twelve-factor-linter/twelve-factor-linter/blob/main/docs/rules';

export function docsUrlFor(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
