/** Environment reads in Python: `os.environ['X']`, `os.environ.get('X')`, `os.getenv('X')`, `getenv('X')`. */
import type { Node as TsNode } from 'web-tree-sitter';
import { pyStringValue } from './ast';

/** `os.environ` or a bare `environ` (from `from os import environ`). */
export function isPyEnviron(node: TsNode | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'identifier') return node.text === 'environ';
  return node.type === 'attribute' && node.childForFieldName('object')?.text === 'os' && node.childForFieldName('attribute')?.text === 'environ';
}

export interface PyEnvRead {
  name: string | null;
  node: TsNode;
}

/** `os.environ['X']`, `os.environ.get('X')`, `os.getenv('X')`, `getenv('X')`; undefined for anything else. */
export function pyEnvRead(node: TsNode): PyEnvRead | undefined {
  if (node.type === 'subscript') {
    if (!isPyEnviron(node.childForFieldName('value'))) return undefined;
    const key = node.childForFieldName('subscript');
    return { name: pyStringValue(key) ?? null, node };
  }
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (!fn) return undefined;
    const isGetenv =
      (fn.type === 'identifier' && fn.text === 'getenv') ||
      (fn.type === 'attribute' && fn.childForFieldName('object')?.text === 'os' && fn.childForFieldName('attribute')?.text === 'getenv');
    const isEnvironGet = fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && isPyEnviron(fn.childForFieldName('object'));
    if (!isGetenv && !isEnvironGet) return undefined;
    const first = node.childForFieldName('arguments')?.namedChildren[0];
    return { name: pyStringValue(first) ?? null, node };
  }
  return undefined;
}

/** The env variable a Python expression reads, through `or` defaults, parentheses and `.lower()`-style calls. */
export function pyEnvNameOf(node: TsNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const read = pyEnvRead(node);
  if (read) return read.name ?? undefined;
  if (node.type === 'parenthesized_expression') return pyEnvNameOf(node.namedChildren[0]);
  if (node.type === 'boolean_operator') return pyEnvNameOf(node.childForFieldName('left'));
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (fn?.type === 'attribute' && (node.childForFieldName('arguments')?.namedChildCount ?? 0) === 0) {
      return pyEnvNameOf(fn.childForFieldName('object'));
    }
  }
  return undefined;
}

