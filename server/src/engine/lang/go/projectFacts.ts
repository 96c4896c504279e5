/**
 * The project facts of a Go file: `os.Getenv`/`os.LookupEnv`, server starts (net/http, gin, echo, fiber: see
 * servers.ts), and signal handling (`signal.Notify`/`signal.NotifyContext`, ozzo-routing's `GracefulShutdown`).
 */
import type { Node as TsNode } from 'web-tree-sitter';
import type { CodeFacts } from '../../facts';
import { walkTree } from '../treesitter';
import { goCalleeName, goDottedName, goStringValue } from './ast';
import { goServerCalls } from './servers';

const UPPER_NAME = /^[A-Z][A-Z0-9_]{1,}$/;

const GO_SIGNALS = new Set(['syscall.SIGTERM', 'syscall.SIGINT', 'os.Interrupt', 'unix.SIGTERM', 'unix.SIGINT']);
/**
 * Calls that trap SIGTERM/SIGINT themselves: `signal.NotifyContext(ctx, …)` (its signal list may sit in a variable
 * or another file), ozzo-routing's `routing.GracefulShutdown(hs, timeout, log)`, and the graceful helpers of
 * fvbock/endless and facebookgo/grace.
 */
const SIGNAL_CALLS = /^(signal\.NotifyContext|routing\.GracefulShutdown|endless\.ListenAndServe|gracehttp\.Serve|graceful\.(Run|ListenAndServe))$/;

/** Walks a parsed Go file once: env reads, server starts, signal handling. */
export function extractGoFacts(root: TsNode): CodeFacts {
  const facts: CodeFacts = { family: 'go', imports: [], envReads: [], envDynamic: false, mentions: [], servers: [], handlesSignals: false, directives: [] };
  const mentions = new Set<string>();
  walkTree(root, (node) => {
    const value = goStringValue(node);
    if (value !== undefined) {
      if (UPPER_NAME.test(value)) mentions.add(value);
      return false;
    }
    if (node.type === 'comment') return false;
    if (node.type === 'selector_expression') {
      const name = goDottedName(node);
      if (name && GO_SIGNALS.has(name)) facts.handlesSignals = true;
      return true;
    }
    if (node.type !== 'call_expression') return true;
    const name = goCalleeName(node);
    if (SIGNAL_CALLS.test(name)) facts.handlesSignals = true;
    if (name === 'os.Getenv' || name === 'os.LookupEnv') {
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      const variable = goStringValue(first);
      if (variable === undefined) facts.envDynamic = true;
      else facts.envReads.push({ name: variable, start: node.startIndex, end: node.endIndex });
      return false;
    }
    if (name === 'os.Environ') facts.envDynamic = true;
    return true;
  });
  for (const server of goServerCalls(root)) {
    const fn = server.call.childForFieldName('function')!;
    facts.servers.push({ call: server.name, start: fn.startIndex, end: fn.endIndex });
  }
  facts.mentions = [...mentions];
  return facts;
}
