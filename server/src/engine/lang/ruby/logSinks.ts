/**
 * Log sinks of a Ruby file (see LogSink in engine/facts.ts), as data:
 *
 * - `Logger.new(path)` / `ActiveSupport::Logger.new(path)` (also `config.logger = …` and inside
 *   `ActiveSupport::TaggedLogging.new(…)`) whose first argument is a file path written in the code: a string
 *   (`'log/app.log'`, `"#{Rails.root}/log/x.log"`), `Rails.root.join(…)`, `File.join(…)`, `File.expand_path(…)`, or
 *   `File.open(path, "a")` / `File.new(…)` of one. `STDOUT`, `$stdout`, `STDERR`, `/dev/stdout` and any other
 *   variable or constant stay quiet; a path that reads `ENV`, or a sink in a branch on `RAILS_LOG_TO_STDOUT`, was
 *   chosen by the operator.
 * - Puma's `stdout_redirect "log/puma.log", …` in its config file (`config/puma.rb`, `config/puma/*.rb`).
 * - `$stdout.reopen(f)` / `STDOUT.reopen(f)` (and `$stderr`, `STDERR`) where `f` is a file opened in this file with
 *   `File.new` / `File.open` of a path, or the path itself: the finding goes on the call that names the file.
 *
 * The fix (`Logger.new($stdout)`) is offered only for a `Logger.new` of a single path argument.
 */
import type { Node } from 'web-tree-sitter';
import type { LogSink } from '../../facts';
import { STD_STREAM_PATH } from '../pathVocabulary';
import { walkTree } from '../treesitter';
import { rbArguments, rbCalleeName, rbReadsEnv, rbStringValue } from './ast';
import { rbInNonProduction } from './environments';
import { isPumaConfig } from './servers';

const LOGGER_NEW = /^(?:::)?(?:ActiveSupport::)?Logger\.new$/;
const PATH_BUILDERS = /^(?:Rails\.root\.join|File\.join|File\.expand_path|Pathname\.new|Pathname\.join)$/;
const OPENS_FILE = /^(?:::)?File\.(?:new|open)$/;
const STREAM = /^(?:\$stdout|\$stderr|STDOUT|STDERR)$/;
/** `if ENV["RAILS_LOG_TO_STDOUT"].present?`: the operator picks stdout or the file. */
const STDOUT_SWITCH = /\b[A-Z_]*LOG_TO_(?:STDOUT|STDERR)\b/;
const BRANCHES = new Set(['if', 'elsif', 'unless', 'if_modifier', 'unless_modifier', 'conditional']);

function underStdoutSwitch(node: Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (BRANCHES.has(parent.type) && STDOUT_SWITCH.test(parent.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

const NOT_A_FILE = /^(?:\/dev\/null|NUL|stdout|stderr|STDOUT|STDERR|-)?$/;

/** A file path written in the code (a string, or a path builder with a string among its parts); not a stream. */
function isFilePath(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'string' || node.type === 'chained_string') {
    const value = rbStringValue(node, true);
    return value !== undefined && !NOT_A_FILE.test(value) && !STD_STREAM_PATH.test(value);
  }
  if (node.type === 'call') {
    const callee = rbCalleeName(node);
    if (/\.to_s$/.test(callee)) return isFilePath(node.childForFieldName('receiver') ?? undefined);
    if (PATH_BUILDERS.test(callee)) return rbArguments(node).some((a) => a.type === 'string' && isFilePath(a));
  }
  return false;
}

/** The path of a file opened with `File.new` / `File.open`, or undefined. */
function openedPath(node: Node | undefined): Node | undefined {
  if (node?.type !== 'call' || !OPENS_FILE.test(rbCalleeName(node))) return undefined;
  const path = rbArguments(node)[0];
  return isFilePath(path) ? path : undefined;
}

export function rbLogSinks(root: Node, path: string): LogSink[] {
  const file = path.replace(/\\/g, '/');
  const puma = isPumaConfig(file);
  const sinks: LogSink[] = [];
  const add = (node: Node, sink: string, pathNode: Node, toStdout?: LogSink['toStdout']) =>
    sinks.push({ sink, range: { start: node.startIndex, end: node.endIndex }, envChosen: rbReadsEnv(pathNode) || underStdoutSwitch(node), nonProduction: rbInNonProduction(node, file), ...(toStdout ? { toStdout } : {}) });
  /** Files opened and kept in a variable: `log = File.new("log/x.log", "a")`, by name, in source order. */
  const opened = new Map<string, { at: number; call: Node; path: Node }[]>();
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right') ?? undefined;
      const filePath = openedPath(right);
      if (left && /^(identifier|instance_variable|global_variable|constant)$/.test(left.type) && filePath && right) {
        opened.set(left.text, [...(opened.get(left.text) ?? []), { at: node.startIndex, call: right, path: filePath }]);
      }
    }
    return true;
  });
  const reported = new Set<number>();
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type !== 'call') return true;
    const callee = rbCalleeName(node);
    const method = node.childForFieldName('method')?.text ?? '';
    const receiver = node.childForFieldName('receiver');
    const args = rbArguments(node);
    if (LOGGER_NEW.test(callee) && args.length >= 1) {
      const target = openedPath(args[0]) ?? args[0];
      if (!isFilePath(target)) return true;
      const single = args.length === 1 && (args[0].type === 'string' || args[0].type === 'chained_string') && !rbReadsEnv(args[0]);
      const fix = single ? { kind: 'stdout' as const, edits: [{ start: args[0].startIndex, end: args[0].endIndex, newText: '$stdout' }] } : undefined;
      add(node, `${callee.replace(/^::/, '')}() with a file`, target, fix);
    } else if (puma && !receiver && method === 'stdout_redirect' && args.length >= 1) {
      const paths = args.slice(0, 2).filter((a) => isFilePath(a));
      if (paths.length > 0) add(node, "Puma's stdout_redirect", paths.every((p) => rbReadsEnv(p)) ? paths[0] : paths.find((p) => !rbReadsEnv(p))!);
    } else if (method === 'reopen' && receiver && STREAM.test(receiver.text) && args.length >= 1) {
      const argument = args[0];
      if (isFilePath(argument)) {
        add(node, `${receiver.text}.reopen() to a file`, argument);
      } else if (openedPath(argument)) {
        if (!reported.has(argument.startIndex)) add(argument, `${receiver.text}.reopen() to a file`, openedPath(argument)!);
        reported.add(argument.startIndex);
      } else if (/^(identifier|instance_variable|global_variable|constant)$/.test(argument.type)) {
        const bound = (opened.get(argument.text) ?? []).filter((o) => o.at < node.startIndex).pop();
        if (bound && !reported.has(bound.call.startIndex)) {
          reported.add(bound.call.startIndex);
          add(bound.call, `${receiver.text}.reopen() to a file`, bound.path);
        }
      }
    }
    return true;
  });
  return sinks.sort((a, b) => a.range.start - b.range.start);
}
