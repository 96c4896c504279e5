/** The project facts of a Python file (env reads, server starts, signal handling), in one walk. */
import type { Node as TsNode } from 'web-tree-sitter';
import type { CodeFacts } from '../../facts';
import { walkTree } from '../treesitter';
import { pyStringValue } from './ast';
import { isPyEnviron, pyEnvRead } from './env';

const UPPER_NAME = /^[A-Z][A-Z0-9_]{1,}$/;
const SIGNALS = new Set(['SIGTERM', 'SIGINT']);

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
