/** The project facts of a Go file: `os.Getenv`/`os.LookupEnv`, `ListenAndServe`, `signal.Notify(…, syscall.SIGTERM)`. */
import type { Node as TsNode } from 'web-tree-sitter';
import type { CodeFacts } from '../../facts';
import { walkTree } from '../treesitter';

const UPPER_NAME = /^[A-Z][A-Z0-9_]{1,}$/;

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

