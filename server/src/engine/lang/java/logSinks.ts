/**
 * Log sinks of a Java file (see LogSink in engine/facts.ts), as data: file handlers and appenders built in code.
 *
 * - java.util.logging's `new FileHandler(…)`;
 * - log4j 1's `new FileAppender(…)` / `new RollingFileAppender(…)` / `new DailyRollingFileAppender(…)`, log4j 2's
 *   `FileAppender.newBuilder()` / `RollingFileAppender.newBuilder()` / `createAppender(…)`;
 * - logback's `new FileAppender<>()` / `new RollingFileAppender<>()`.
 *
 * A class counts only in a file that imports its package (or names it fully qualified), as `FileAppender` is a common
 * name. A file name read from the environment or a system property (`System.getenv("LOG_FILE")`) is the operator's
 * choice. No fix: the console appender to use instead depends on the logging setup.
 */
import type { Node } from 'web-tree-sitter';
import type { LogSink } from '../../facts';
import { walkTree } from '../treesitter';
import { javaArguments, javaCalleeName, javaImports, javaReadsEnv } from './ast';

interface JavaSinkClass {
  classes: RegExp;
  /** Import prefixes that bring the class (a wildcard import of the package counts). */
  packages: RegExp;
  library: string;
}

const SINK_CLASSES: readonly JavaSinkClass[] = [
  { classes: /^FileHandler$/, packages: /^java\.util\.logging\./, library: 'java.util.logging' },
  { classes: /^(?:FileAppender|RollingFileAppender|DailyRollingFileAppender|RandomAccessFileAppender|RollingRandomAccessFileAppender)$/, packages: /^org\.apache\.(?:log4j|logging\.log4j)\./, library: 'log4j' },
  { classes: /^(?:FileAppender|RollingFileAppender)$/, packages: /^ch\.qos\.logback\./, library: 'logback' },
];

/** `java.util.logging.FileHandler` → the class and its package when written fully qualified. */
function classOf(type: string, imports: readonly string[]): { name: string; library: string } | undefined {
  const simple = type.replace(/<.*$/, '').split('.').pop() ?? '';
  for (const sink of SINK_CLASSES) {
    if (!sink.classes.test(simple)) continue;
    const qualified = type.includes('.') && sink.packages.test(type);
    const imported = imports.some((i) => sink.packages.test(i) && (i.endsWith(`.${simple}`) || i.endsWith('.*')));
    if (qualified || imported) return { name: simple, library: sink.library };
  }
  return undefined;
}

export function javaLogSinks(root: Node): LogSink[] {
  const imports = javaImports(root);
  const sinks: LogSink[] = [];
  const add = (node: Node, sink: string, envChosen: boolean) => sinks.push({ sink, range: { start: node.startIndex, end: node.endIndex }, envChosen, nonProduction: false });
  walkTree(root, (node) => {
    if (node.type === 'line_comment' || node.type === 'block_comment') return false;
    if (node.type === 'object_creation_expression') {
      const found = classOf(javaCalleeName(node).slice('new '.length), imports);
      if (found) add(node, `${found.library}'s ${found.name}`, javaArguments(node).some(javaReadsEnv) || fileChosenByEnv(node));
    } else if (node.type === 'method_invocation') {
      // log4j 2: `FileAppender.newBuilder()…`, `RollingFileAppender.createAppender(…)`.
      const callee = javaCalleeName(node);
      const match = /^([\w.]+)\.(newBuilder|createAppender)$/.exec(callee);
      const found = match && classOf(match[1], imports);
      if (found && found.library === 'log4j') add(node, `${found.library}'s ${found.name}`, javaReadsEnv(outermostChain(node)));
    }
    return true;
  });
  return sinks;
}

/** The whole builder chain a call starts: `FileAppender.newBuilder().withFileName(…).build()`. */
function outermostChain(node: Node): Node {
  let current = node;
  while (current.parent && (current.parent.type === 'method_invocation' || current.parent.type === 'argument_list')) {
    if (current.parent.type === 'argument_list') break;
    current = current.parent;
  }
  return current;
}

/** logback: `appender.setFile(System.getenv("LOG_FILE"))` on the variable the appender is assigned to. */
function fileChosenByEnv(creation: Node): boolean {
  const declarator = creation.parent;
  const name = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name')?.text : declarator?.type === 'assignment_expression' ? declarator.childForFieldName('left')?.text : undefined;
  if (!name) return false;
  let scope: Node | null = declarator;
  while (scope && scope.type !== 'block' && scope.type !== 'class_body') scope = scope.parent;
  let chosen = false;
  if (scope) {
    walkTree(scope, (n) => {
      if (n.type === 'method_invocation' && javaCalleeName(n) === `${name}.setFile` && javaArguments(n).some(javaReadsEnv)) chosen = true;
      return !chosen;
    });
  }
  return chosen;
}
