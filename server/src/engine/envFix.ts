/**
 * The "read it from the environment" fix, shared by every rule that moves a literal out of the code:
 *
 *   envLookupFix(context, literal.range, 'DATABASE_URL')
 *   → { title: 'Read DATABASE_URL from the environment',
 *       edits: [{ …range, newText: 'process.env.DATABASE_URL' }],   // the file's adapter says how
 *       envExample: ['DATABASE_URL'] }
 *
 * The replacement and any import it needs come from the file's language adapter (`context.envRead`): Python gets
 * `os.environ["DATABASE_URL"]` and `import os` where missing. The import edit is identical for every fix in a file,
 * so fix-all merges duplicates.
 */
import type { Fix, OffsetRange, RuleContext } from './types';

/** The fix that replaces `range` (a literal) with a required environment read of `name`. */
export function envLookupFix(context: Pick<RuleContext, 'envRead'>, range: OffsetRange, name: string): Fix {
  const read = context.envRead({ name, at: range });
  return { title: `Read ${name} from the environment`, edits: [{ start: range.start, end: range.end, newText: read.text }, ...read.edits], envExample: [name] };
}
