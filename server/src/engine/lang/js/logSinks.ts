/**
 * Log sinks of a JS/TS file (see LogSink in engine/facts.ts): winston File and DailyRotateFile transports, pino
 * destinations and file transports, rotating file streams, fs appends to a log path, bunyan streams with a path,
 * log4js file appenders. The fix data: a winston File transport becomes (or yields to an existing) Console transport.
 */
import ts = require('typescript');
import type { LogSink, StdoutSwitch } from '../../facts';
import type { TextEdit } from '../../types';
import { STD_STREAM_PATH } from '../pathVocabulary';
import { dottedName, importsModule, inNonProductionBranch, lastSegment, moduleBindings, nodesOfKind, numberValue, propertyValue, rangeOf, requiredModule, resolveValue, stringValue, unwrapExpression } from './ast';

/** Which loggers write files: the modules, and the log4js appender types that name a file. */
const PINO = ['pino'];
const WINSTON_DAILY_ROTATE = ['winston-daily-rotate-file'];
const ROTATING_STREAMS = ['rotating-file-stream', 'file-stream-rotator'];
const FS_MODULES = ['fs', 'fs/promises', 'fs-extra', 'graceful-fs'];
const BUNYAN = ['bunyan'];
const LOG4JS = ['log4js'];
const LOG4JS_FILE_APPENDERS = new Set(['file', 'dateFile', 'fileSync', 'multiFile']);
/** pino transport targets that write files, and the option naming the file. */
const PINO_FILE_TARGETS: Readonly<Record<string, string>> = { 'pino/file': 'destination', 'pino-roll': 'file' };

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

/** A winston File transport yields to a Console transport beside it, or becomes one. */
function winstonToStdout(ast: ts.SourceFile, node: ts.NewExpression, namespace: ts.Expression): StdoutSwitch {
  const parent = node.parent;
  if (ts.isArrayLiteralExpression(parent) && parent.elements.some((e) => e !== node && isConsoleTransport(e))) {
    return { kind: 'remove', edits: [removeElement(ast, parent, node)] };
  }
  return { kind: 'console', edits: [{ ...rangeOf(node, ast), newText: `new ${namespace.getText(ast)}.Console()` }] };
}

export function jsLogSinks(ast: ts.SourceFile): LogSink[] {
  const sinks: LogSink[] = [];
  // A file name read from the environment is not recognised here: winston's File transport is a sink whatever names
  // its file, and pino's destination must be a path written in the code.
  const add = (node: ts.Node, sink: string, toStdout?: StdoutSwitch) =>
    sinks.push({ sink, range: rangeOf(node, ast), envChosen: false, nonProduction: inNonProductionBranch(node), toStdout });
  const pino = moduleBindings(ast, PINO);
  const pinoObjects = new Set(pino.filter((b) => b.imported === '*' || b.imported === 'default' || b.imported === 'pino').map((b) => b.local));
  const pinoDestination = new Set(pino.filter((b) => b.imported === 'destination').map((b) => b.local));
  const dailyRotate = new Set(moduleBindings(ast, WINSTON_DAILY_ROTATE).map((b) => b.local));
  const rotators = new Set(moduleBindings(ast, ROTATING_STREAMS).map((b) => b.local));
  const fsLocals = new Set(moduleBindings(ast, FS_MODULES).map((b) => b.local));
  const usesBunyan = importsModule(ast, BUNYAN);
  const usesLog4js = importsModule(ast, LOG4JS);

  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const constructor = unwrapExpression(node.expression);
      const name = dottedName(constructor) ?? '';
      if (ts.isPropertyAccessExpression(constructor) && /(?:^|\.)transports\.File$/.test(name)) {
        add(node, `winston's ${name} transport`, winstonToStdout(ast, node, constructor.expression));
      } else if (dailyRotate.has(name) || /(?:^|\.)transports\.DailyRotateFile$/.test(name)) {
        add(node, `winston's ${name} transport`);
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
        if (isFileDestination(ast, destination)) add(node, `${name ?? 'pino.destination'}()`);
      }
      const method = name !== undefined ? lastSegment(name) : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      // rfs.createStream('access.log', { interval: '1d' }), FileStreamRotator.getStream({ filename })
      if (name !== undefined && /^(?:createStream|getStream)$/.test(method) && (rotators.has(name.split('.')[0]) || rotators.has(name))) add(node, `${name}()`);
      if (/^(?:appendFile|appendFileSync|createWriteStream)$/.test(method)) {
        const receiver = ts.isPropertyAccessExpression(callee) ? unwrapExpression(callee.expression) : undefined;
        const receiverName = receiver ? dottedName(receiver) ?? '' : '';
        const isFs =
          receiver === undefined
            ? fsLocals.has(name ?? '')
            : fsLocals.has(receiverName.split('.')[0]) || /^(?:fs|fsp|fsPromises|fse)(?:\.promises)?$/.test(receiverName) || requiredModule(receiver) === 'fs';
        if (isFs && looksLikeLogPath(ast, first)) add(node, `${name ?? method}()`);
      }
    } else if (ts.isObjectLiteralExpression(node)) {
      visitObjectLiteral(node);
    }
  };

  const visitObjectLiteral = (object: ts.ObjectLiteralExpression): void => {
    // pino transports: { target: 'pino/file', options: { destination: './app.log' } }, or pino-roll
    const target = stringValue(propertyValue(object, 'target'));
    if (target !== undefined && Object.hasOwn(PINO_FILE_TARGETS, target)) {
      const options = propertyValue(object, 'options');
      const resolved = options && resolveValue(ast, options);
      const destination = resolved && ts.isObjectLiteralExpression(resolved) ? propertyValue(resolved, PINO_FILE_TARGETS[target]) : undefined;
      if (target === 'pino-roll' || (destination !== undefined && numberValue(destination) === undefined && isFileDestination(ast, destination))) {
        add(propertyValue(object, 'target')!, `the ${target} transport`);
      }
    }
    // bunyan: streams: [{ path: '/var/log/app.log' }], { type: 'rotating-file', path }
    if (usesBunyan) {
      const path = propertyValue(object, 'path');
      const type = stringValue(propertyValue(object, 'type'));
      const parent = object.parent;
      const inStreams = ts.isArrayLiteralExpression(parent) && ts.isPropertyAssignment(parent.parent) && parent.parent.name.getText(ast) === 'streams';
      const inAddStream = ts.isCallExpression(parent) && (dottedName(parent.expression) ?? '').endsWith('addStream');
      if (path && (type === 'file' || type === 'rotating-file' || inStreams || inAddStream)) add(path, 'a bunyan stream with a path');
    }
    // log4js: appenders: { out: { type: 'file', filename: 'app.log' } }
    const appenders = propertyValue(object, 'appenders');
    if (appenders && ts.isObjectLiteralExpression(appenders) && (usesLog4js || propertyValue(object, 'categories') !== undefined)) {
      for (const appender of appenders.properties) {
        if (!ts.isPropertyAssignment(appender) || !ts.isObjectLiteralExpression(appender.initializer)) continue;
        const typeNode = propertyValue(appender.initializer, 'type');
        const type = stringValue(typeNode);
        if (typeNode && type !== undefined && LOG4JS_FILE_APPENDERS.has(type)) add(typeNode, `the log4js '${type}' appender`);
      }
    }
  };
  for (const node of nodesOfKind(ast, [ts.SyntaxKind.NewExpression, ts.SyntaxKind.CallExpression, ts.SyntaxKind.ObjectLiteralExpression])) visit(node);
  return sinks;
}
