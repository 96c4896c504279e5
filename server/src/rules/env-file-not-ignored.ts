import ignore from 'ignore';
import { defineRule } from '../engine/defineRule';
import { ancestors, baseName, dirName, findFile, joinPath } from '../engine/projectUtil';
import type { ProjectFile, ProjectRuleContext } from '../engine/types';

/**
 * Factor III: a `.env` file (`.env`, `.env.local`, `.env.production`…) that no .gitignore covers. It holds a
 * deploy's real config and often its credentials; committed, it puts them in every clone and in the history.
 * Templates meant to be committed (`.env.example`, `.env.sample`, `.env.prod-sample`, `.env.production.example`…)
 * are not reported.
 */

/** Words that make a `.env.*` file a template when any part of its suffix (split on `.`, `-`, `_`) is one. */
const TEMPLATE_WORDS = new Set(['example', 'examples', 'sample', 'samples', 'template', 'tmpl', 'tpl', 'dist', 'defaults', 'schema']);

export function isDotenvFile(name: string): boolean {
  const match = /^\.env(?:\.([\w.-]+))?$/.exec(name);
  if (!match) return false;
  return !(match[1] ?? '').toLowerCase().split(/[._-]/).some((word) => TEMPLATE_WORDS.has(word));
}

/** Whether the .gitignore files from the root down to the file's folder ignore it (later, deeper files win). */
export function isGitIgnored(files: readonly ProjectFile[], path: string): boolean {
  let ignored = false;
  for (const dir of ancestors(dirName(path)).reverse()) {
    const text = findFile(files, joinPath(dir, '.gitignore'))?.read();
    if (text === undefined) continue;
    const relative = dir ? path.slice(dir.length + 1) : path;
    const result = ignore().add(text).test(relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function check(context: ProjectRuleContext): void {
  const all = context.allFiles ?? context.files;
  for (const file of context.files) {
    const name = baseName(file.path);
    if (!isDotenvFile(name)) continue;
    if (isGitIgnored(all, file.path)) continue;
    context.report({ path: file.path, messageId: 'notIgnored', data: { file: file.path } });
  }
}

export default defineRule({
  id: 'env-file-not-ignored',
  factor: 'III',
  defaultSeverity: 'error',
  description: 'A .env file that no .gitignore covers, so its config and credentials can be committed.',
  messages: {
    notIgnored:
      '{{file}} is not covered by .gitignore, so its values (often credentials) can be committed with the code; add it to .gitignore and commit a .env.example with the names only.',
  },
  project: check,
});
