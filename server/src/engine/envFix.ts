/**
 * The "read it from the environment" fix, shared by every rule that moves a literal out of the code:
 *
 *   envFixFor(context, literal, 'DATABASE_URL')
 *   → { fix: { title: 'Read DATABASE_URL from the environment',
 *              edits: [{ …range, newText: 'process.env.DATABASE_URL' }],   // the file's adapter says how
 *              envExample: ['DATABASE_URL'] } }
 *
 * The replacement and any import it needs come from the file's language adapter (`context.envRead`): Python gets
 * `os.environ["DATABASE_URL"]` and `import os` where missing. The import edit is identical for every fix in a file,
 * so fix-all merges duplicates. Two different values never get the same name in one file (claimEnvName): the
 * second is named by what tells it apart (ANALYTICS_DATABASE_URL), or its fix is only a suggestion.
 */
import { claimEnvName } from './envNames';
import type { ConfigLiteral } from './facts';
import type { Fix, OffsetRange, ReportDescriptor, RuleContext } from './types';

/** The fix that replaces `range` (a literal) with a required environment read of `name`. */
export function envLookupFix(context: Pick<RuleContext, 'envRead'>, range: OffsetRange, name: string): Fix {
  const read = context.envRead({ name });
  return { title: `Read ${name} from the environment`, edits: [{ start: range.start, end: range.end, newText: read.text }, ...read.edits], envExample: [name] };
}

/** The fix (or, when the name is taken by another value, the suggestion) that moves `literal` to the environment. */
export function envFixFor(context: Pick<RuleContext, 'envRead' | 'memo' | 'readEnvNames'>, literal: Pick<ConfigLiteral, 'range' | 'value'> & Partial<Pick<ConfigLiteral, 'callee' | 'owners'>>, name: string | undefined): Pick<ReportDescriptor, 'fix' | 'suggestions'> {
  if (!name) return {};
  const claim = claimEnvName(context, name, literal);
  const fix = envLookupFix(context, literal.range, claim.name);
  return claim.preferred ? { fix } : { suggestions: [fix] };
}
