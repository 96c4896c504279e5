/**
 * Facts about one code file that project-level rules need: imports, environment reads, server starts and signal
 * handling. Each file is parsed once (TypeScript compiler API or tree-sitter) and walked once; the project rules
 * read the results through `ProjectRuleContext.fileFacts(CODE_FACTS)`.
 */
import ts = require('typescript');
import type { Node as TsNode } from 'web-tree-sitter';
import { isJsEnvObject, isPyEnviron, jsConstInitializer, jsEnvRead, jsPropertyName, pyEnvRead, pyStringValue, walkTree } from './env';
import type { SuppressionDirective } from './suppressions';
import type { OffsetRange } from './types';

export const CODE_FACTS = 'code';

export interface ImportFact extends OffsetRange {
  /** The module specifier as written (`express`, `node:fs`, `./db`, `@/lib/x`). */
  specifier: string;
  /** `import type`, `export type … from`, imports in .d.ts files: satisfied by an `@types/` package. */
  typeOnly: boolean;
  /** A `require()` inside a `try` block (an optional dependency), or through a local `createRequire`. */
  optional: boolean;
}

export interface EnvReadFact extends OffsetRange {
  name: string;
}

export interface ServerStartFact extends OffsetRange {
  /** What starts it, for messages: `app.listen`, `app.run`, `serve_forever`. */
  call: string;
}

export interface CodeFacts {
  family: 'js' | 'python' | 'go';
  imports: ImportFact[];
  envReads: EnvReadFact[];
  /** The environment is read with a computed name or handed over whole (`cleanEnv(process.env)`, pydantic settings). */
  envDynamic: boolean;
  /** Upper-case names that appear as string literals or property keys (`cleanEnv(env, { API_KEY: str() })`). */
  mentions: string[];
  servers: ServerStartFact[];
  /** Installs a SIGTERM/SIGINT handler, or uses a library or server that does. */
  handlesSignals: boolean;
  directives: SuppressionDirective[];
}

const UPPER_NAME = /^[A-Z][A-Z0-9_]{1,}$/;
const SIGNALS = new Set(['SIGTERM', 'SIGINT']);
/** Packages whose job is graceful shutdown on SIGTERM/SIGINT. */
const SHUTDOWN_PACKAGES = new Set(['@godaddy/terminus', 'close-with-grace', 'http-graceful-shutdown', 'lightship', 'death', 'node-graceful-shutdown']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Names that say "server or app": `app`, `server`, `httpServer`, `expressApp`, `this.app`, `fastify`… */
const SERVER_NAME = /(?:^|[a-z_])(?:app|server|srv|api|application)$|^(?:fastify|koa|polka|express|hapi|restify|nest)$/i;

/**
 * Whether `x` in `x.listen(…)` is likely an HTTP/TCP server: something a call made (`http.createServer(app)`,
 * `express()`), a server-like name, or a const holding a call. Event emitters and queues with a `listen` method
 * (`queue.listen(5)`, `pubsub.listen()`) are not servers.
 */
function isLikelyServer(expression: ts.Expression, depth = 0): boolean {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) node = node.expression;
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return true;
  const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
  if (name === undefined) return false;
  if (SERVER_NAME.test(name)) return true;
  if (ts.isIdentifier(node) && depth === 0) {
    const init = jsConstInitializer(ts, node);
    return !!init && isLikelyServer(init, depth + 1);
  }
  return false;
}

/** `a.b.c` for member chains; `http.createServer(…)` for calls: never literal arguments (they may hold secrets). */
function describeReceiver(expression: ts.Expression): string {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) node = node.expression;
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node)) return `${describeReceiver(node.expression)}.${node.name.text}`;
  if (ts.isCallExpression(node)) return `${describeReceiver(node.expression)}(…)`;
  if (ts.isNewExpression(node)) return `new ${describeReceiver(node.expression)}(…)`;
  return 'server';
}

/** Walks a parsed JS/TS file once. `directives` are left empty for the caller (it owns comment lookup). */
export function extractJsFacts(ast: ts.SourceFile, path: string): CodeFacts {
  const declarationFile = /\.d\.[cm]?ts$/.test(path);
  const facts: CodeFacts = { family: 'js', imports: [], envReads: [], envDynamic: false, mentions: [], servers: [], handlesSignals: false, directives: [] };
  const mentions = new Set<string>();
  const requires: ImportFact[] = [];
  let requireShadowed = false;
  const addImport = (literal: ts.StringLiteralLike, typeOnly: boolean, optional = false) => {
    facts.imports.push({ specifier: literal.text, start: literal.getStart(ast), end: literal.end, typeOnly: typeOnly || declarationFile, optional });
  };
  const visit = (node: ts.Node, inTry: boolean): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allTypes = !!clause && !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      addImport(node.moduleSpecifier, !!clause?.isTypeOnly || allTypes);
      if (SHUTDOWN_PACKAGES.has(node.moduleSpecifier.text)) facts.handlesSignals = true;
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      addImport(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression)) {
      addImport(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      addImport(node.argument.literal, true);
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      // `declare module 'x' { … }` declares, it does not import: skip the name, visit the body.
      if (node.body) visit(node.body, inTry);
      return;
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const first = node.arguments[0];
      const isRequire = (ts.isIdentifier(callee) && callee.text === 'require') || (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require' && callee.name.text === 'resolve');
      if ((isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) && first && ts.isStringLiteralLike(first)) {
        addImport(first, false, inTry);
        if (isRequire) requires.push(facts.imports[facts.imports.length - 1]);
        if (SHUTDOWN_PACKAGES.has(first.text)) facts.handlesSignals = true;
      }
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        if (method === 'listen' && isLikelyServer(callee.expression)) {
          facts.servers.push({ call: `${describeReceiver(callee.expression)}.listen`, start: callee.getStart(ast), end: callee.end });
        }
        if (method === 'serve' && ts.isIdentifier(callee.expression) && ['Bun', 'Deno'].includes(callee.expression.text)) {
          facts.servers.push({ call: `${callee.expression.text}.serve`, start: callee.getStart(ast), end: callee.end });
        }
        if (method === 'enableShutdownHooks') facts.handlesSignals = true;
        if (LISTENER_METHODS.has(method) && first && ts.isStringLiteralLike(first) && SIGNALS.has(first.text)) facts.handlesSignals = true;
      }
    } else if (ts.isStringLiteralLike(node)) {
      if (UPPER_NAME.test(node.text)) mentions.add(node.text);
      // `['SIGINT', 'SIGTERM'].forEach((s) => process.on(s, stop))`, `{ signals: ['SIGTERM'] }`
      if (SIGNALS.has(node.text) && (ts.isArrayLiteralExpression(node.parent) || ts.isPropertyAssignment(node.parent))) facts.handlesSignals = true;
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'require') {
      // `const require = createRequire(elsewhere)` loads from another package's node_modules.
      requireShadowed = true;
    } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isBindingElement(node)) {
      const name = jsPropertyName(ts, ts.isBindingElement(node) ? (node.propertyName ?? node.name) : node.name);
      if (name && UPPER_NAME.test(name)) mentions.add(name);
    }

    const read = jsEnvRead(ts, node);
    if (read) {
      if (read.name === null) facts.envDynamic = true;
      else facts.envReads.push({ name: read.name, start: node.getStart(ast), end: node.end });
      return;
    }
    if (isJsEnvObject(ts, node)) {
      // `const { A, B } = process.env` reads A and B; any other use hands the whole environment over.
      const parent = node.parent;
      if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isObjectBindingPattern(parent.name)) {
        for (const element of parent.name.elements) {
          const name = jsPropertyName(ts, element.propertyName ?? element.name);
          if (element.dotDotDotToken || !name) facts.envDynamic = true;
          else facts.envReads.push({ name, start: element.getStart(ast), end: element.end });
        }
      } else {
        facts.envDynamic = true;
      }
      return;
    }
    const tryBlock = ts.isTryStatement(node) ? node.tryBlock : undefined;
    ts.forEachChild(node, inTry ? visitInTry : tryBlock ? (child) => visit(child, child === tryBlock) : visitOutsideTry);
  };
  // One callback each instead of a closure per node.
  const visitInTry = (child: ts.Node): void => visit(child, true);
  const visitOutsideTry = (child: ts.Node): void => visit(child, false);
  visit(ast, false);
  if (requireShadowed) for (const fact of requires) fact.optional = true;
  facts.mentions = [...mentions];
  return facts;
}

/** Python servers that install their own SIGTERM/SIGINT handling (uvicorn, hypercorn, aiohttp's run_app). */
const PY_SELF_HANDLING = /^(?:uvicorn\.run|hypercorn\.\w+\.serve|web\.run_app|aiohttp\.web\.run_app|run_app)$/;
const PY_APP_FACTORIES = new Set(['Flask', 'Quart', 'Bottle', 'Starlette', 'FastAPI', 'create_app', 'make_app']);

function dotted(node: TsNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const left = dotted(node.childForFieldName('object'));
    const right = node.childForFieldName('attribute')?.text;
    return left && right ? `${left}.${right}` : undefined;
  }
  return undefined;
}

/** Walks a parsed Python file once. `directives` are left empty for the caller. */
export function extractPyFacts(root: TsNode): CodeFacts {
  const facts: CodeFacts = { family: 'python', imports: [], envReads: [], envDynamic: false, mentions: [], servers: [], handlesSignals: false, directives: [] };
  const mentions = new Set<string>();
  const apps = new Set<string>();
  const namedUses = new Set<number>();
  walkTree(root, (node) => {
    if (node.type === 'assignment') {
      const right = node.childForFieldName('right');
      const left = node.childForFieldName('left');
      if (right?.type === 'call' && left?.type === 'identifier') {
        const factory = dotted(right.childForFieldName('function'))?.split('.').pop();
        if (factory && PY_APP_FACTORIES.has(factory)) apps.add(left.text);
      }
    }
    return true;
  });
  walkTree(root, (node) => {
    const value = pyStringValue(node);
    if (value !== undefined) {
      if (UPPER_NAME.test(value)) mentions.add(value);
      return false;
    }
    // Tree-sitter answers `.parent` by a search from the root, so uses are marked top-down instead.
    if (node.type === 'attribute' && ['get', 'setdefault'].includes(node.childForFieldName('attribute')?.text ?? '')) {
      const object = node.childForFieldName('object');
      if (object && isPyEnviron(object)) namedUses.add(object.id);
    } else if (node.type === 'subscript') {
      const value = node.childForFieldName('value');
      if (value && isPyEnviron(value)) namedUses.add(value.id);
    } else if (node.type === 'comparison_operator') {
      for (const child of node.namedChildren) if (child && isPyEnviron(child)) namedUses.add(child.id);
    }
    const read = pyEnvRead(node);
    if (read) {
      if (read.name === null) facts.envDynamic = true;
      else facts.envReads.push({ name: read.name, start: node.startIndex, end: node.endIndex });
      return true;
    }
    if (isPyEnviron(node)) {
      // Any use but `.get`/`.setdefault`/`[...]`/`in` (marked by the parent, visited first) hands the environment over.
      if (!namedUses.has(node.id)) facts.envDynamic = true;
      return false;
    }
    switch (node.type) {
      case 'class_definition': {
        const bases = node.childForFieldName('superclasses')?.namedChildren ?? [];
        if (bases.some((b) => /(?:^|\.)BaseSettings$/.test(dotted(b) ?? ''))) facts.envDynamic = true;
        break;
      }
      case 'attribute':
      case 'identifier': {
        const name = node.type === 'identifier' ? node.text : node.childForFieldName('attribute')?.text;
        if (name && SIGNALS.has(name)) facts.handlesSignals = true;
        break;
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        if (!fn) break;
        // `HTTPServer(...).serve_forever()` has no dotted name; the method alone is enough there.
        const name = dotted(fn) ?? (fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined);
        if (!name || PY_SELF_HANDLING.test(name)) break;
        const parts = name.split('.');
        const method = parts.pop();
        // `app.run(debug=True)` is the development server by its own say-so.
        const debug = (node.childForFieldName('arguments')?.namedChildren ?? []).some(
          (arg) => arg?.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'debug' && arg.childForFieldName('value')?.text === 'True',
        );
        if (method === 'run' && parts.length === 1 && apps.has(parts[0])) {
          if (!debug) facts.servers.push({ call: name, start: fn.startIndex, end: fn.endIndex });
        }
        else if (method === 'serve_forever' || name === 'waitress.serve') facts.servers.push({ call: name, start: fn.startIndex, end: fn.endIndex });
        break;
      }
    }
    return true;
  });
  facts.mentions = [...mentions];
  return facts;
}

function goStringValue(node: TsNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'interpreted_string_literal') {
    return node.namedChildren.map((c) => (c?.type === 'interpreted_string_literal_content' || c?.type === 'escape_sequence' ? c.text : '')).join('');
  }
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  return undefined;
}

/** `os.Getenv`, `http.ListenAndServe`: package selector → "os.Getenv". */
function goSelector(node: TsNode | null | undefined): string | undefined {
  if (node?.type !== 'selector_expression') return undefined;
  const operand = node.childForFieldName('operand');
  const field = node.childForFieldName('field');
  return operand && field ? `${operand.text}.${field.text}` : undefined;
}

const GO_SERVE_METHODS = new Set(['ListenAndServe', 'ListenAndServeTLS']);
const GO_SIGNALS = new Set(['syscall.SIGTERM', 'syscall.SIGINT', 'os.Interrupt', 'unix.SIGTERM', 'unix.SIGINT']);

/** Walks a parsed Go file once: `os.Getenv`/`os.LookupEnv`, `ListenAndServe`, `signal.Notify(…, syscall.SIGTERM)`. */
export function extractGoFacts(root: TsNode): CodeFacts {
  const facts: CodeFacts = { family: 'go', imports: [], envReads: [], envDynamic: false, mentions: [], servers: [], handlesSignals: false, directives: [] };
  const mentions = new Set<string>();
  walkTree(root, (node) => {
    const value = goStringValue(node);
    if (value !== undefined) {
      if (UPPER_NAME.test(value)) mentions.add(value);
      return false;
    }
    if (node.type === 'selector_expression') {
      const name = goSelector(node);
      if (name && GO_SIGNALS.has(name)) facts.handlesSignals = true;
      return true;
    }
    if (node.type !== 'call_expression') return true;
    const fn = node.childForFieldName('function');
    const name = goSelector(fn);
    if (name === 'os.Getenv' || name === 'os.LookupEnv') {
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      const variable = goStringValue(first);
      if (variable === undefined) facts.envDynamic = true;
      else facts.envReads.push({ name: variable, start: node.startIndex, end: node.endIndex });
      return false;
    }
    if (name === 'os.Environ') facts.envDynamic = true;
    const method = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
    if (fn && method && GO_SERVE_METHODS.has(method)) facts.servers.push({ call: name ?? method, start: fn.startIndex, end: fn.endIndex });
    return true;
  });
  facts.mentions = [...mentions];
  return facts;
}
