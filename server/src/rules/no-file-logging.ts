import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { defineRule } from '../engine/defineRule';
import { dottedName, importsModule, inNonProductionBranch, lastSegment, moduleBindings, nodesOfKind, numberValue, propertyValue, rangeOf, requiredModule, resolveValue, stringValue, unwrapExpression } from '../engine/lang/js/ast';
import { pyAddImportEdit, pyCallName, pyCallsNamed, pyCapturedNodes, pyFromImports, pyInNonProductionBranch, pyKeywordArgument, pyLastSegment, pyMentions, pyPositionalArguments, pyReadsEnvironment, pyStringValue } from '../engine/lang/python/ast';
import type { Fix, JsRuleContext, TextEdit, TreeSitterRuleContext } from '../engine/types';

/**
 * XI Logs: a twelve-factor app writes its log stream, unbuffered, to stdout and never routes or stores it itself.
 * This rule finds loggers configured to write files. Fixes only where the replacement is unambiguous: a winston
 * File transport becomes (or yields to an existing) Console transport, `basicConfig(filename=…)` becomes
 * `stream=sys.stdout`.
 */

const STD_STREAM_PATH = /^\/dev\/(?:stdout|stderr|fd\/[12])$/;
const LOG4JS_FILE_APPENDERS = new Set(['file', 'dateFile', 'fileSync', 'multiFile']);

/** A value naming a file to write: a path string (not /dev/stdout), a template, or a path.join/resolve call. */
function isFileDestination(ast: ts.SourceFile, node: ts.Expression | undefined): boolean {
  if (!node) return false;
  const value = resolveValue(ast, node);
  const text = stringValue(value);
  if (text !== undefined) return text.length > 0 && !STD_STREAM_PATH.test(text);
  if (ts.isTemplateExpression(value)) return !STD_STREAM_PATH.test(value.head.text);
  if (ts.isCallExpression(value)) return /^(?:path\.)?(?:join|resolve)$/.test(dottedName(value.expression) ?? '');
  return false;
}

/** String pieces of a path expression (literals, template parts, path.join segments), one constant hop deep. */
function pathFragments(ast: ts.SourceFile, node: ts.Expression, depth = 0): string[] {
  const value = depth < 2 ? resolveValue(ast, node) : unwrapExpression(node);
  const text = stringValue(value);
  if (text !== undefined) return [text];
  if (ts.isTemplateExpression(value)) return [value.head.text, ...value.templateSpans.map((s) => s.literal.text)];
  if (ts.isCallExpression(value) || ts.isBinaryExpression(value)) {
    const parts = ts.isCallExpression(value) ? [...value.arguments] : [value.left, value.right];
    return parts.flatMap((p) => pathFragments(ast, p, depth + 1));
  }
  return [];
}

function looksLikeLogPath(ast: ts.SourceFile, node: ts.Expression | undefined): boolean {
  if (!node) return false;
  const fragments = pathFragments(ast, node);
  if (fragments.some((f) => STD_STREAM_PATH.test(f))) return false;
  return fragments.some((f) => /\.log(?:\.\d+)?$/i.test(f) || /(?:^|[/\\])logs?(?:[/\\]|$)/i.test(f));
}

/** `new X.transports.Console(…)` / `new transports.Console(…)`. */
function isConsoleTransport(node: ts.Expression): boolean {
  const expression = unwrapExpression(node);
  return ts.isNewExpression(expression) && /(?:^|\.)transports\.Console$/.test(dottedName(expression.expression) ?? '');
}

/** Removes one array element with its separator, line and all when it stands on its own line(s). */
function removeElement(ast: ts.SourceFile, array: ts.ArrayLiteralExpression, element: ts.Expression): TextEdit {
  const text = ast.text;
  const start = element.getStart(ast);
  const index = array.elements.indexOf(element);
  const next = array.elements[index + 1];
  let end = element.end;
  while (/[ \t]/.test(text[end] ?? '')) end++;
  if (text[end] === ',') end++;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const afterComma = /^[ \t]*(?:\r?\n)/.exec(text.slice(end));
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && afterComma) return { start: lineStart, end: end + afterComma[0].length, newText: '' };
  if (next) return { start, end: next.getStart(ast), newText: '' };
  const previous = array.elements[index - 1];
  return { start: previous ? previous.end : start, end: element.end, newText: '' };
}

function winstonFileFix(ast: ts.SourceFile, node: ts.NewExpression, namespace: ts.Expression): Fix {
  const parent = node.parent;
  if (ts.isArrayLiteralExpression(parent) && parent.elements.some((e) => e !== node && isConsoleTransport(e))) {
    return { title: 'Remove the file transport (a Console transport is already configured)', edits: [removeElement(ast, parent, node)] };
  }
  return { title: 'Log to the console instead of a file', edits: [{ ...rangeOf(node, ast), newText: `new ${namespace.getText(ast)}.Console()` }] };
}

function checkJs(context: JsRuleContext): void {
  const { ast } = context;
  const report = (node: ts.Node, what: string, fix?: Fix) => {
    if (!inNonProductionBranch(node)) context.report({ messageId: 'logFile', data: { what }, range: rangeOf(node, ast), fix });
  };
  const pino = moduleBindings(ast, ['pino']);
  const pinoObjects = new Set(pino.filter((b) => b.imported === '*' || b.imported === 'default' || b.imported === 'pino').map((b) => b.local));
  const pinoDestination = new Set(pino.filter((b) => b.imported === 'destination').map((b) => b.local));
  const dailyRotate = new Set(moduleBindings(ast, ['winston-daily-rotate-file']).map((b) => b.local));
  const rotators = new Set(moduleBindings(ast, ['rotating-file-stream', 'file-stream-rotator']).map((b) => b.local));
  const fsLocals = new Set(moduleBindings(ast, ['fs', 'fs/promises', 'fs-extra', 'graceful-fs']).map((b) => b.local));
  const usesBunyan = importsModule(ast, ['bunyan']);
  const usesLog4js = importsModule(ast, ['log4js']);

  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const constructor = unwrapExpression(node.expression);
      const name = dottedName(constructor) ?? '';
      if (ts.isPropertyAccessExpression(constructor) && /(?:^|\.)transports\.File$/.test(name)) {
        report(node, `winston's ${name} transport`, winstonFileFix(ast, node, constructor.expression));
      } else if (dailyRotate.has(name) || /(?:^|\.)transports\.DailyRotateFile$/.test(name)) {
        report(node, `winston's ${name} transport`);
      }
    } else if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      const name = dottedName(callee);
      const [first] = node.arguments;
      const isPinoDestination =
        (ts.isPropertyAccessExpression(callee) && callee.name.text === 'destination' && pinoObjects.has(dottedName(callee.expression) ?? '')) ||
        pinoDestination.has(name ?? '');
      if (isPinoDestination && first) {
        const options = resolveValue(ast, first);
        const destination = ts.isObjectLiteralExpression(options) ? propertyValue(options, 'dest') : first;
        if (isFileDestination(ast, destination)) report(node, `${name ?? 'pino.destination'}()`);
      }
      const method = name !== undefined ? lastSegment(name) : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      // rfs.createStream('access.log', { interval: '1d' }), FileStreamRotator.getStream({ filename })
      if (name !== undefined && /^(?:createStream|getStream)$/.test(method) && (rotators.has(name.split('.')[0]) || rotators.has(name))) report(node, `${name}()`);
      if (/^(?:appendFile|appendFileSync|createWriteStream)$/.test(method)) {
        const receiver = ts.isPropertyAccessExpression(callee) ? unwrapExpression(callee.expression) : undefined;
        const receiverName = receiver ? dottedName(receiver) ?? '' : '';
        const isFs =
          receiver === undefined
            ? fsLocals.has(name ?? '')
            : fsLocals.has(receiverName.split('.')[0]) || /^(?:fs|fsp|fsPromises|fse)(?:\.promises)?$/.test(receiverName) || requiredModule(receiver) === 'fs';
        if (isFs && looksLikeLogPath(ast, first)) report(node, `${name ?? method}()`);
      }
    } else if (ts.isObjectLiteralExpression(node)) {
      checkObjectLiteral(node);
    }
  };

  const checkObjectLiteral = (object: ts.ObjectLiteralExpression): void => {
    // pino transports: { target: 'pino/file', options: { destination: './app.log' } }, or pino-roll
    const target = stringValue(propertyValue(object, 'target'));
    if (target === 'pino/file' || target === 'pino-roll') {
      const options = propertyValue(object, 'options');
      const resolved = options && resolveValue(ast, options);
      const destination = resolved && ts.isObjectLiteralExpression(resolved) ? propertyValue(resolved, target === 'pino-roll' ? 'file' : 'destination') : undefined;
      if (target === 'pino-roll' || (destination !== undefined && numberValue(destination) === undefined && isFileDestination(ast, destination))) {
        report(propertyValue(object, 'target')!, `the ${target} transport`);
      }
    }
    // bunyan: streams: [{ path: '/var/log/app.log' }], { type: 'rotating-file', path }
    if (usesBunyan) {
      const path = propertyValue(object, 'path');
      const type = stringValue(propertyValue(object, 'type'));
      const parent = object.parent;
      const inStreams = ts.isArrayLiteralExpression(parent) && ts.isPropertyAssignment(parent.parent) && parent.parent.name.getText(ast) === 'streams';
      const inAddStream = ts.isCallExpression(parent) && (dottedName(parent.expression) ?? '').endsWith('addStream');
      if (path && (type === 'file' || type === 'rotating-file' || inStreams || inAddStream)) report(path, 'a bunyan stream with a path');
    }
    // log4js: appenders: { out: { type: 'file', filename: 'app.log' } }
    const appenders = propertyValue(object, 'appenders');
    if (appenders && ts.isObjectLiteralExpression(appenders) && (usesLog4js || propertyValue(object, 'categories') !== undefined)) {
      for (const appender of appenders.properties) {
        if (!ts.isPropertyAssignment(appender) || !ts.isObjectLiteralExpression(appender.initializer)) continue;
        const typeNode = propertyValue(appender.initializer, 'type');
        const type = stringValue(typeNode);
        if (typeNode && type !== undefined && LOG4JS_FILE_APPENDERS.has(type)) report(typeNode, `the log4js '${type}' appender`);
      }
    }
  };
  for (const node of nodesOfKind(ast, [ts.SyntaxKind.NewExpression, ts.SyntaxKind.CallExpression, ts.SyntaxKind.ObjectLiteralExpression])) visit(node);
}

const PY_FILE_HANDLERS = new Set([
  'FileHandler',
  'RotatingFileHandler',
  'TimedRotatingFileHandler',
  'WatchedFileHandler',
  'ConcurrentRotatingFileHandler',
  'ConcurrentTimedRotatingFileHandler',
]);
const PY_HANDLER_MODULES = ['logging', 'logging.handlers', 'concurrent_log_handler'];
/** Only calls of these names are looked at (unless an import alias renames a handler). */
const PY_CALL_NAMES = new Set(['basicConfig', 'add', ...PY_FILE_HANDLERS]);

/** Deletes a keyword argument together with one neighbouring comma. */
function removeArgument(argument: Node): TextEdit {
  const previous = argument.previousSibling;
  if (previous?.type === ',') return { start: previous.startIndex, end: argument.endIndex, newText: '' };
  const next = argument.nextSibling;
  const after = next?.type === ',' ? next.nextSibling : null;
  return { start: argument.startIndex, end: after && after.type !== ')' ? after.startIndex : next?.type === ',' ? next.endIndex : argument.endIndex, newText: '' };
}

function checkPython(context: TreeSitterRuleContext): void {
  const { root } = context;
  const fromImports = pyFromImports(root, PY_HANDLER_MODULES);
  const loguru = pyFromImports(root, ['loguru']);
  const report = (node: Node, what: string, fix?: Fix) => {
    if (!pyInNonProductionBranch(node)) context.report({ messageId: 'logFile', data: { what }, range: { start: node.startIndex, end: node.endIndex }, fix });
  };

  // Calls are filtered by name in the query; an import alias (`… import RotatingFileHandler as RFH`) needs them all.
  const aliased = [...fromImports].some(([local, imported]) => local !== imported);
  const calls = aliased ? pyCapturedNodes(context.query('(call function: [(identifier) (attribute)]) @call').matches(root), 'call') : pyCallsNamed(root, PY_CALL_NAMES);
  for (const call of calls) {
    const name = pyCallName(call);
    if (name === undefined) continue;
    const last = pyLastSegment(name);
    const qualified = name.includes('.') ? /^(?:logging|handlers|logging\.handlers|concurrent_log_handler)\./.test(name) : fromImports.has(name);
    const imported = fromImports.get(name) ?? last;
    if (PY_FILE_HANDLERS.has(imported) && qualified) {
      // FileHandler(os.environ['LOG_FILE']), or a local read from the environment: the operator chooses the file.
      const target = pyPositionalArguments(call)[0] ?? pyKeywordArgument(call, 'filename')?.childForFieldName('value') ?? undefined;
      if (target && pyMentions(target, pyReadsEnvironment)) continue;
      report(call.childForFieldName('function')!, `logging's ${imported}`);
    } else if (name === 'logging.basicConfig' || fromImports.get(name) === 'basicConfig') {
      const filename = pyKeywordArgument(call, 'filename');
      const value = filename?.childForFieldName('value');
      if (!filename || !value || value.type === 'none' || pyMentions(value, pyReadsEnvironment)) continue;
      const filemode = pyKeywordArgument(call, 'filemode');
      const importSys = pyAddImportEdit(root, context.file.text, 'sys');
      const edits: TextEdit[] = [{ start: filename.startIndex, end: filename.endIndex, newText: 'stream=sys.stdout' }];
      if (filemode) edits.push(removeArgument(filemode));
      if (importSys) edits.push(importSys);
      report(filename, 'logging.basicConfig(filename=…)', { title: 'Log to stdout instead of a file', edits });
    } else if (last === 'add' && loguru.get(name.split('.')[0]) === 'logger' && name.split('.').length === 2) {
      const sink = pyPositionalArguments(call)[0] ?? pyKeywordArgument(call, 'sink')?.childForFieldName('value') ?? undefined;
      const isPath =
        sink &&
        (sink.type === 'string' ||
          (sink.type === 'call' && /(?:^|\.)(?:Path|join)$/.test(pyCallName(sink) ?? '')) ||
          (sink.type === 'binary_operator' && sink.child(1)?.type === '/'));
      if (isPath && !STD_STREAM_PATH.test(pyStringValue(sink) ?? '')) report(sink, 'loguru logger.add() with a file sink');
    }
  }
  // dictConfig / Django LOGGING: {'class': 'logging.handlers.RotatingFileHandler', …}
  // Only a key whose text holds `class` can have the value class (pyStringValue keeps escapes raw).
  for (const match of context.query('(pair key: (string) @key value: (string) @value (#match? @key "class"))').matches(root)) {
    const key = match.captures.find((c) => c.name === 'key')?.node;
    const value = match.captures.find((c) => c.name === 'value')?.node;
    if (!key || !value || pyStringValue(key) !== 'class') continue;
    const handler = pyStringValue(value) ?? '';
    const module = handler.slice(0, handler.lastIndexOf('.'));
    if (PY_HANDLER_MODULES.includes(module) && PY_FILE_HANDLERS.has(pyLastSegment(handler))) report(value, `a logging config handler of class ${handler}`);
  }
}

export default defineRule({
  id: 'no-file-logging',
  factor: 'XI',
  defaultSeverity: 'warning',
  description: 'Logs are written to files instead of being streamed to stdout.',
  messages: {
    logFile: '{{what}} writes logs to a file; write the log stream to stdout and let the environment route and store it.',
  },
  checkers: { js: checkJs, python: checkPython },
});
