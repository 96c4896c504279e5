/**
 * Project-rule test helpers: load a fixture project from disk (test/fixtures/projects/<name>, dotfiles included)
 * or build one in memory, run the project rules on it, and render findings as short comparable strings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runProjectRulesDetailed, type ProjectFinding } from '../../server/src/engine/project';
import type { AnalyzeOptions } from '../../server/src/engine/runner';
import type { ProjectFile, Rule } from '../../server/src/engine/types';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'projects');

/** Every file under a fixture project, as the workspace walker would hand them over. */
export function loadProject(name: string): { root: string; files: ProjectFile[] } {
  const root = join(FIXTURES, name);
  const files: ProjectFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.push({ path: relative(root, full).split('\\').join('/'), read: () => readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return { root, files };
}

/** An in-memory project: path → text. */
export function memoryProject(texts: Record<string, string>): ProjectFile[] {
  return Object.entries(texts).map(([path, text]) => ({ path, read: () => text }));
}

/** `path:line:col ruleId/messageId` (1-based), the shape the tests compare. */
export function where(finding: ProjectFinding): string {
  return `${finding.path}:${finding.start.line + 1}:${finding.start.character + 1} ${finding.ruleId}/${finding.messageId}`;
}

/** Runs only `rule` (or every rule) and fails on any rule error. */
export async function runRule(rule: Rule | undefined, root: string, files: ProjectFile[], options: AnalyzeOptions = {}): Promise<ProjectFinding[]> {
  const result = await runProjectRulesDetailed(root, files, { ...options, ...(rule ? { ruleSet: [rule] } : {}) });
  if (result.ruleErrors.length > 0) throw new Error(`rule errors: ${result.ruleErrors.join('; ')}`);
  return result.findings;
}
