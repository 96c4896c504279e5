/**
 * Log sinks of a Python file (see LogSink in engine/facts.ts): logging's file handlers (called, or named as a handler
 * class in a dictConfig / Django `LOGGING` dict), `logging.basicConfig(filename=…)`, loguru's `logger.add(<path>)`.
 * The fix data: `basicConfig(filename=…)` becomes `stream=sys.stdout` (its `filemode` goes, `import sys` comes).
 */
import type { Node } from 'web-tree-sitter';
import type { LogSink, StdoutSwitch } from '../../facts';
import type { TextEdit } from '../../types';
import { STD_STREAM_PATH } from '../pathVocabulary';
import type { ParsedTree } from '../treesitterAdapter';
import type { AdapterInput } from '../types';
import { pyAddImportEdit, pyCallName, pyCallsNamed, pyCapturedNodes, pyFromImports, pyInNonProductionBranch, pyKeywordArgument, pyLastSegment, pyMentions, pyPositionalArguments, pyReadsEnvironment, pyStringValue } from './ast';

/** Which handlers write files, and the modules they come from. */
const FILE_HANDLERS = new Set([
  'FileHandler',
  'RotatingFileHandler',
  'TimedRotatingFileHandler',
  'WatchedFileHandler',
  'ConcurrentRotatingFileHandler',
  'ConcurrentTimedRotatingFileHandler',
]);
const HANDLER_MODULES = ['logging', 'logging.handlers', 'concurrent_log_handler'];
const QUALIFIED_HANDLER = /^(?:logging|handlers|logging\.handlers|concurrent_log_handler)\./;
/** Only calls of these names are looked at (unless an import alias renames a handler). */
const CALL_NAMES = new Set(['basicConfig', 'add', ...FILE_HANDLERS]);

/** Deletes a keyword argument together with one neighbouring comma. */
function removeArgument(argument: Node): TextEdit {
  const previous = argument.previousSibling;
  if (previous?.type === ',') return { start: previous.startIndex, end: argument.endIndex, newText: '' };
  const next = argument.nextSibling;
  const after = next?.type === ',' ? next.nextSibling : null;
  return { start: argument.startIndex, end: after && after.type !== ')' ? after.startIndex : next?.type === ',' ? next.endIndex : argument.endIndex, newText: '' };
}

/**
 * `basicConfig(filename=…, filemode=…)` → `basicConfig(stream=sys.stdout)`, with `import sys` where missing (the edit
 * computed once per file, not per call).
 */
function basicConfigToStdout(importSys: TextEdit | undefined, call: Node, filename: Node): StdoutSwitch {
  const filemode = pyKeywordArgument(call, 'filemode');
  const edits: TextEdit[] = [{ start: filename.startIndex, end: filename.endIndex, newText: 'stream=sys.stdout' }];
  if (filemode) edits.push(removeArgument(filemode));
  if (importSys) edits.push(importSys);
  return { kind: 'stdout', edits };
}

export function pyLogSinks({ parsed, file, memo }: AdapterInput<ParsedTree>): LogSink[] {
  const { root } = parsed;
  const sinks: LogSink[] = [];
  const add = (node: Node, sink: string, envChosen = false, toStdout?: StdoutSwitch) =>
    sinks.push({ sink, range: { start: node.startIndex, end: node.endIndex }, envChosen, nonProduction: pyInNonProductionBranch(node), toStdout });
  const fromImports = pyFromImports(root, HANDLER_MODULES);
  const loguru = pyFromImports(root, ['loguru']);

  // Calls are filtered by name in the query; an import alias (`… import RotatingFileHandler as RFH`) needs them all.
  const aliased = [...fromImports].some(([local, imported]) => local !== imported);
  const calls = aliased ? pyCapturedNodes(parsed.query('(call function: [(identifier) (attribute)]) @call').matches(root), 'call') : pyCallsNamed(root, CALL_NAMES);
  for (const call of calls) {
    const name = pyCallName(call);
    if (name === undefined) continue;
    const last = pyLastSegment(name);
    const qualified = name.includes('.') ? QUALIFIED_HANDLER.test(name) : fromImports.has(name);
    const imported = fromImports.get(name) ?? last;
    if (FILE_HANDLERS.has(imported) && qualified) {
      // FileHandler(os.environ['LOG_FILE']), or a local read from the environment: the operator chooses the file.
      const target = pyPositionalArguments(call)[0] ?? pyKeywordArgument(call, 'filename')?.childForFieldName('value') ?? undefined;
      add(call.childForFieldName('function')!, `logging's ${imported}`, !!target && pyMentions(target, pyReadsEnvironment));
    } else if (name === 'logging.basicConfig' || fromImports.get(name) === 'basicConfig') {
      const filename = pyKeywordArgument(call, 'filename');
      const value = filename?.childForFieldName('value');
      if (!filename || !value || value.type === 'none') continue;
      add(filename, 'logging.basicConfig(filename=…)', pyMentions(value, pyReadsEnvironment), basicConfigToStdout(memo('python.importSys', () => pyAddImportEdit(root, file.text, 'sys')), call, filename));
    } else if (last === 'add' && loguru.get(name.split('.')[0]) === 'logger' && name.split('.').length === 2) {
      const sink = pyPositionalArguments(call)[0] ?? pyKeywordArgument(call, 'sink')?.childForFieldName('value') ?? undefined;
      const isPath =
        sink &&
        (sink.type === 'string' ||
          (sink.type === 'call' && /(?:^|\.)(?:Path|join)$/.test(pyCallName(sink) ?? '')) ||
          (sink.type === 'binary_operator' && sink.child(1)?.type === '/'));
      if (isPath && !STD_STREAM_PATH.test(pyStringValue(sink) ?? '')) add(sink, 'loguru logger.add() with a file sink');
    }
  }
  // dictConfig / Django LOGGING: {'class': 'logging.handlers.RotatingFileHandler', …}
  // Only a key whose text holds `class` can have the value class (pyStringValue keeps escapes raw).
  for (const match of parsed.query('(pair key: (string) @key value: (string) @value (#match? @key "class"))').matches(root)) {
    const key = match.captures.find((c) => c.name === 'key')?.node;
    const value = match.captures.find((c) => c.name === 'value')?.node;
    if (!key || !value || pyStringValue(key) !== 'class') continue;
    const handler = pyStringValue(value) ?? '';
    const module = handler.slice(0, handler.lastIndexOf('.'));
    if (HANDLER_MODULES.includes(module) && FILE_HANDLERS.has(pyLastSegment(handler))) add(value, `a logging config handler of class ${handler}`);
  }
  return sinks;
}
