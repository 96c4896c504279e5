/**
 * Log sinks of a C# file (see LogSink in engine/facts.ts):
 *
 * - Serilog's `.WriteTo.File(path, …)` and `.WriteTo.RollingFile(path, …)` (also inside `.WriteTo.Async(a => a.File(…))`),
 *   underlined on the `File` / `RollingFile` member;
 * - NLog's `new FileTarget(…) { FileName = "…" }` in a file that uses NLog.
 *
 * Only a path written in the code counts: a literal, or one built from literals and the app's own folders
 * (`Path.Combine(AppContext.BaseDirectory, "logs", "app.log")`). A path read from configuration or the environment
 * (`configuration["Logging:File"]`, `Environment.GetEnvironmentVariable("LOG_FILE")`, NLog's `${environment:…}`) is
 * the operator's choice; a path from anything else (a variable, a parameter) is not judged. A sink set up only in
 * development (`if (env.IsDevelopment())`) is not production's. No fix: `.WriteTo.Console()` may already be there.
 */
import type { Node } from 'web-tree-sitter';
import type { LogSink } from '../../facts';
import { STD_STREAM_PATH } from '../pathVocabulary';
import { walkTree } from '../treesitter';
import { csArguments, csDottedName, csReadsEnv, csStringValue, isCsString } from './ast';
import { csNonProduction } from './envBranches';

const FILE_SINK = /^(?:File|RollingFile)$/;
/** The app's own folders: a path under them is a file on this machine. */
const LOCAL_BASE = /^(?:(?:System\.)?AppContext\.BaseDirectory|(?:System\.)?AppDomain\.CurrentDomain\.BaseDirectory|(?:System\.)?Environment\.CurrentDirectory|\w+\.ContentRootPath|\w+\.Environment\.ContentRootPath)$/;

/** `a` in `.WriteTo.Async(a => a.File(…))`: lambda parameters of a WriteTo wrapper. */
function wrapperParameter(name: string, call: Node): boolean {
  for (let node = call.parent; node; node = node.parent) {
    if (node.type !== 'lambda_expression') continue;
    const params = node.childForFieldName('parameters');
    if (params?.text.replace(/[()\s]/g, '') !== name) continue;
    const invocation = node.parent?.parent?.parent;
    const fn = invocation?.type === 'invocation_expression' ? invocation.childForFieldName('function') : undefined;
    return fn?.type === 'member_access_expression' && /(?:^|\.)WriteTo$/.test(csDottedName(fn.childForFieldName('expression')) ?? (fn.childForFieldName('expression')?.text ?? ''));
  }
  return false;
}

/** Whether a receiver ends in `.WriteTo` (`new LoggerConfiguration().WriteTo`, `config.WriteTo`). */
function isWriteTo(receiver: Node | null): boolean {
  return receiver?.type === 'member_access_expression' && receiver.childForFieldName('name')?.text === 'WriteTo';
}

/**
 * How a path is written: `literal` (text and the app's own folders only), `env` (read from configuration or the
 * environment), `unknown` (anything else).
 */
export function csPathOrigin(path: Node): 'literal' | 'env' | 'unknown' {
  if (csReadsEnv(path)) return 'env';
  if (isCsString(path)) return STD_STREAM_PATH.test(csStringValue(path) ?? '') ? 'unknown' : 'literal';
  if (path.type === 'interpolated_string_expression') {
    const holes = path.namedChildren.filter((c) => c?.type === 'interpolation');
    return holes.every((h) => h!.namedChildren.some((c) => c !== null && LOCAL_BASE.test(csDottedName(c) ?? ''))) ? 'literal' : 'unknown';
  }
  if (LOCAL_BASE.test(csDottedName(path) ?? '')) return 'literal';
  if (path.type === 'invocation_expression' && /^(?:System\.IO\.)?Path\.Combine$|^(?:System\.IO\.)?Directory\.GetCurrentDirectory$/.test(csDottedName(path.childForFieldName('function')) ?? '')) {
    const parts = csArguments(path).map((a) => csPathOrigin(a.value));
    return parts.every((p) => p === 'literal') ? 'literal' : 'unknown';
  }
  if (path.type === 'binary_expression' && path.childForFieldName('operator')?.text === '+') {
    const left = path.childForFieldName('left');
    const right = path.childForFieldName('right');
    return left && right && csPathOrigin(left) === 'literal' && csPathOrigin(right) === 'literal' ? 'literal' : 'unknown';
  }
  if (path.type === 'parenthesized_expression' && path.namedChildren[0]) return csPathOrigin(path.namedChildren[0]);
  return 'unknown';
}

function usesNLog(root: Node): boolean {
  return root.namedChildren.some((n) => n?.type === 'using_directive' && /\bNLog\b/.test(n.text)) || /\bNLog\.Targets\.FileTarget\b/.test(root.text);
}

export function csLogSinks(root: Node): LogSink[] {
  const sinks: LogSink[] = [];
  const nlog = usesNLog(root);
  const add = (node: Node, sink: string, origin: 'literal' | 'env' | 'unknown') => {
    if (origin === 'unknown') return;
    sinks.push({ sink, range: { start: node.startIndex, end: node.endIndex }, envChosen: origin === 'env', nonProduction: csNonProduction(node) });
  };
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type === 'invocation_expression') {
      const fn = node.childForFieldName('function');
      const name = fn?.type === 'member_access_expression' ? fn.childForFieldName('name') : null;
      if (!fn || !name || !FILE_SINK.test(name.text)) return true;
      const receiver = fn.childForFieldName('expression');
      const serilog = isWriteTo(receiver) || (receiver?.type === 'identifier' && wrapperParameter(receiver.text, node));
      if (!serilog) return true;
      const args = csArguments(node);
      // `path:` by name, else the first argument that is not a formatter (`new JsonFormatter()`).
      const path = args.find((a) => a.name === 'path')?.value ?? args.find((a) => !a.name && a.value.type !== 'object_creation_expression')?.value;
      if (path) add(name, `Serilog's WriteTo.${name.text} sink`, csPathOrigin(path));
    } else if (nlog && node.type === 'object_creation_expression' && /^(?:NLog\.Targets\.)?FileTarget$/.test(csDottedName(node.childForFieldName('type')) ?? '')) {
      const initializer = node.childForFieldName('initializer');
      for (const assignment of initializer?.namedChildren ?? []) {
        if (assignment?.type !== 'assignment_expression' || assignment.childForFieldName('left')?.text !== 'FileName') continue;
        const value = assignment.childForFieldName('right');
        if (!value) continue;
        const origin = /\$\{environment:/i.test(value.text) ? 'env' : csPathOrigin(value);
        add(node.childForFieldName('type') ?? node, "NLog's FileTarget", origin);
      }
    }
    return true;
  });
  return sinks;
}
