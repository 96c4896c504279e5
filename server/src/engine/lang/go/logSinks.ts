/**
 * Log sinks of a Go file (see LogSink in engine/facts.ts), as data:
 *
 * - a file opened in this file (`os.OpenFile`, `os.Create`, or a helper named like one: `file.MustOpen`) and handed
 *   to a logger: the standard library's `log.SetOutput(f)` / `log.New(f, …)`, logrus's `logger.Out = f` /
 *   `SetOutput(f)`, zerolog's `zerolog.New(f)`, gin's `gin.DefaultWriter = f`;
 * - zap's `OutputPaths` / `ErrorOutputPaths` naming a path (`"stdout"` and `"stderr"` are the log stream);
 * - lumberjack's `&lumberjack.Logger{Filename: …}`, a rotating file writer by definition.
 *
 * The finding goes on the call that opens the file (it names the file), once however many loggers write to it; the
 * message names the first logger. A writer that also goes to stdout (`io.MultiWriter(f, os.Stdout)`) is the log stream and stays quiet. The fix is
 * offered only for zap's paths, where `"stdout"` replaces the path and the code still compiles; swapping a writer
 * for `os.Stdout` could leave the opened file unused, which Go refuses to compile.
 */
import type { Node } from 'web-tree-sitter';
import type { LogSink } from '../../facts';
import { STD_STREAM_PATH } from '../pathVocabulary';
import { walkTree } from '../treesitter';
import { goArguments, goCalleeName, goDottedName, goImports, goStringValue, isGoEnvCall } from './ast';

/** Calls that open a file for writing: the os package's, and project helpers named like them. */
const OPENS_FILE = /^(?:os\.(?:OpenFile|Create)|\w+\.(?:MustOpen|MustOpenFile|OpenFile|OpenLogFile|CreateLogFile))$/;
/** Receivers of `SetOutput` / `Out` that are loggers: the log package, logrus and the usual logger names. */
const LOGGER_NAME = /^(?:log|logrus|logger|log\w*|\w*[lL]ogger|\w*[lL]og)$/;
const ZAP_PATH_KEYS = new Set(['OutputPaths', 'ErrorOutputPaths']);

/** The local names of the file's imports, by path. */
function localOf(root: Node, path: string): string | undefined {
  return goImports(root).get(path)?.local;
}

/** Reads the environment anywhere inside `node` (`os.Getenv("LOG_FILE")`). */
function readsEnv(node: Node): boolean {
  let found = false;
  walkTree(node, (n) => {
    if (found) return false;
    if (n.type === 'call_expression' && isGoEnvCall(n)) found = true;
    return !found;
  });
  return found;
}

/** `io.MultiWriter(f, os.Stdout)` and `os.Stdout` itself: the log stream reaches stdout. */
function writesStdout(node: Node): boolean {
  return /\bos\.(?:Stdout|Stderr)\b/.test(node.text);
}

interface OpenedFile {
  /** The call that opened it: where the finding goes, as it names the file. */
  call: Node;
  /** The path expression of that call. */
  path: Node | undefined;
}

const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/**
 * Names bound to a file opened for writing (`f, err := os.OpenFile(…)`, `F, err = file.MustOpen(…)`), by scope: the
 * enclosing function's range, or the whole file for package-level names.
 */
interface Scope {
  start: number;
  end: number;
  files: Map<string, OpenedFile>;
}

function openedFiles(root: Node): Scope[] {
  const scopes: Scope[] = [{ start: root.startIndex, end: root.endIndex, files: new Map() }];
  const visit = (node: Node, scope: Scope): void => {
    if (node.type === 'comment') return;
    if (FUNCTIONS.has(node.type)) {
      const inner = { start: node.startIndex, end: node.endIndex, files: new Map<string, OpenedFile>() };
      scopes.push(inner);
      scope = inner;
    }
    if (node.type === 'short_var_declaration' || node.type === 'assignment_statement' || node.type === 'var_spec') {
      const left = node.type === 'var_spec' ? node.childrenForFieldName('name') : (node.childForFieldName('left')?.namedChildren ?? []);
      const right = node.childForFieldName(node.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
      const value = right[0];
      const target = left[0];
      const name = target?.type === 'selector_expression' ? target.childForFieldName('field')?.text : target?.text;
      if (name && name !== '_') {
        // A plain assignment to a name no `:=` declared here binds the package-level (or an outer) variable.
        const binding = node.type === 'assignment_statement' && !scope.files.has(name) ? scopes[0] : scope;
        const opened = right.length === 1 && value?.type === 'call_expression' && OPENS_FILE.test(goCalleeName(value));
        if (opened) binding.files.set(name, { call: value, path: goArguments(value)[0] });
        else if (node.type !== 'assignment_statement') scope.files.delete(name);
      }
    }
    for (const child of node.namedChildren) if (child) visit(child, scope);
  };
  visit(root, scopes[0]);
  return scopes;
}

export function goLogSinks(root: Node): LogSink[] {
  const sinks: LogSink[] = [];
  const scopes = openedFiles(root);
  /** The innermost scope around `at` that binds `name` to an opened file. */
  const lookup = (name: string, at: number): OpenedFile | undefined => {
    let best: Scope | undefined;
    for (const scope of scopes) {
      if (scope.start <= at && at < scope.end && scope.files.has(name) && (!best || scope.start >= best.start)) best = scope;
    }
    return best?.files.get(name);
  };
  const add = (node: Node, sink: string, envChosen: boolean, toStdout?: LogSink['toStdout']) =>
    sinks.push({ sink, range: { start: node.startIndex, end: node.endIndex }, envChosen, nonProduction: false, ...(toStdout ? { toStdout } : {}) });
  /** The opened file a writer expression is: a name bound to one, or the opening call itself. */
  const fileOf = (writer: Node | undefined): OpenedFile | undefined => {
    if (!writer || writesStdout(writer)) return undefined;
    if (writer.type === 'call_expression' && OPENS_FILE.test(goCalleeName(writer))) return { call: writer, path: goArguments(writer)[0] };
    if (writer.type === 'call_expression' && goCalleeName(writer) === 'io.MultiWriter') {
      for (const argument of goArguments(writer)) {
        const found = fileOf(argument);
        if (found) return found;
      }
      return undefined;
    }
    const name = writer.type === 'selector_expression' ? writer.childForFieldName('field')?.text : writer.type === 'identifier' ? writer.text : undefined;
    return name === undefined ? undefined : lookup(name, writer.startIndex);
  };
  /** One finding per opened file, on the call that opens it (it names the file), however many loggers write it. */
  const reported = new Set<number>();
  const fileSink = (writer: Node | undefined, sink: string) => {
    const file = fileOf(writer);
    if (!file || reported.has(file.call.startIndex)) return;
    if (file.path && STD_STREAM_PATH.test(goStringValue(file.path) ?? '')) return;
    reported.add(file.call.startIndex);
    add(file.call, sink, !!file.path && readsEnv(file.path));
  };
  const lumberjack = localOf(root, 'gopkg.in/natefinch/lumberjack.v2') ?? localOf(root, 'github.com/natefinch/lumberjack');
  const zap = localOf(root, 'go.uber.org/zap');
  const zerolog = localOf(root, 'github.com/rs/zerolog');

  /** zap's `[]string{"stdout", "/var/log/app.log"}`: each path a sink; the fix names stdout, or drops the path beside it. */
  const zapPaths = (key: string, list: Node) => {
    if (list.type !== 'composite_literal') return;
    const items = (list.childForFieldName('body')?.namedChildren ?? []).filter((n): n is Node => n?.type === 'literal_element');
    const isStream = (path: string | undefined) => path !== undefined && (/^(?:stdout|stderr)$/.test(path) || STD_STREAM_PATH.test(path));
    const hasStream = items.some((item) => isStream(goStringValue(item.namedChildren[0])));
    items.forEach((item, index) => {
      const literal = item.namedChildren[0];
      const path = goStringValue(literal);
      if (!literal || path === undefined || isStream(path)) return;
      const stream = key === 'ErrorOutputPaths' ? 'stderr' : 'stdout';
      // Beside a stream already listed, the path goes with the comma that separates it from its neighbour.
      const next = items[index + 1];
      const previous = items[index - 1];
      const edits = !hasStream
        ? [{ start: literal.startIndex, end: literal.endIndex, newText: `"${stream}"` }]
        : next
          ? [{ start: item.startIndex, end: next.startIndex, newText: '' }]
          : [{ start: previous!.endIndex, end: item.endIndex, newText: '' }];
      add(literal, `zap's ${key}`, false, { kind: 'stdout', edits });
    });
  };

  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type === 'call_expression') {
      const name = goCalleeName(node);
      const args = goArguments(node);
      const [receiver, method] = [name.slice(0, name.lastIndexOf('.')), name.slice(name.lastIndexOf('.') + 1)];
      if (method === 'SetOutput' && args.length === 1 && LOGGER_NAME.test(receiver.split('.').pop() ?? '')) fileSink(args[0], `${name}() with a file`);
      else if (name === 'log.New' && args.length === 3) fileSink(args[0], 'log.New() with a file');
      else if (zerolog && name === `${zerolog}.New` && args.length === 1) fileSink(args[0], 'zerolog.New() with a file');
      return true;
    }
    if (node.type === 'assignment_statement') {
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      const right = node.childForFieldName('right')?.namedChildren ?? [];
      left.forEach((target, index) => {
        const dotted = goDottedName(target);
        if (!dotted || !right[index]) return;
        const field = dotted.slice(dotted.lastIndexOf('.') + 1);
        // logrus: `logger.Out = f`; gin: `gin.DefaultWriter = f`.
        // zap: `cfg.OutputPaths = []string{…}` on a config made elsewhere (`zap.NewProductionConfig()`).
        if (zap && ZAP_PATH_KEYS.has(field) && dotted.includes('.')) zapPaths(field, right[index]!);
        else if ((field === 'Out' && LOGGER_NAME.test(dotted.split('.').slice(-2, -1)[0] ?? '')) || dotted === 'gin.DefaultWriter' || dotted === 'gin.DefaultErrorWriter') {
          fileSink(right[index] ?? undefined, `${dotted} = a file`);
        }
      });
      return true;
    }
    if (node.type !== 'composite_literal') return true;
    const type = goDottedName(node.childForFieldName('type'));
    for (const element of node.childForFieldName('body')?.namedChildren ?? []) {
      if (element?.type !== 'keyed_element') continue;
      const key = element.namedChildren[0]?.text ?? '';
      const value = element.namedChildren[1]?.namedChildren[0] ?? undefined;
      if (!value) continue;
      if (lumberjack && type === `${lumberjack}.Logger` && key === 'Filename') {
        add(element, 'lumberjack.Logger', readsEnv(value));
      } else if (zap && type === `${zap}.Config` && ZAP_PATH_KEYS.has(key)) {
        zapPaths(key, value);
      }
    }
    return true;
  });
  return sinks;
}
