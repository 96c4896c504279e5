/**
 * Upload targets of a Go file (see UploadTarget in engine/facts.ts), as data:
 *
 * - gin's `c.SaveUploadedFile(file, dst)` and fiber's `c.SaveFile(file, dst)`, which store an uploaded file on the
 *   local disk;
 * - a file created (`os.Create`, `os.OpenFile`, `os.WriteFile`, `ioutil.WriteFile`) under an uploaded file's name —
 *   the path mentions a multipart header's `.Filename`, directly or through a variable of the same function — in a
 *   function that reads an upload (`FormFile`, `MultipartForm`, `MultipartReader`): net/http, echo and fiber handlers.
 *
 * A destination under the temporary directory (`os.TempDir()`, `os.CreateTemp`, a `/tmp/…` literal) is scratch space.
 */
import type { Node } from 'web-tree-sitter';
import type { UploadTarget } from '../../facts';
import { SCRATCH_PATH } from '../pathVocabulary';
import { walkTree } from '../treesitter';
import { goArguments, goCalleeName, goImports, goStringValue } from './ast';

const WRITES_FILE = /^(?:os\.(?:Create|OpenFile|WriteFile)|ioutil\.WriteFile)$/;
/** Calls that read an uploaded file in a handler. */
const READS_UPLOAD = /(?:^|\.)(?:FormFile|MultipartForm|MultipartReader|ParseMultipartForm)$/;
const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** The path is scratch space: `os.TempDir()`, a `/tmp/…` literal among its parts. */
function isScratch(path: Node): boolean {
  if (/\bos\.TempDir\(\)|\bt\.TempDir\(\)/.test(path.text)) return true;
  let scratch = false;
  walkTree(path, (node) => {
    const value = goStringValue(node);
    if (value !== undefined && SCRATCH_PATH.test(value)) scratch = true;
    return !scratch && value === undefined;
  });
  return scratch;
}

/** `x.Filename` anywhere inside `node` (a multipart.FileHeader's name). */
function mentionsFilename(node: Node): boolean {
  let found = false;
  walkTree(node, (n) => {
    if (found) return false;
    if (n.type === 'selector_expression' && n.childForFieldName('field')?.text === 'Filename') found = true;
    return !found && n.type !== 'func_literal';
  });
  return found;
}

/** Checks one function body: the files it creates under an uploaded file's name, if it reads an upload. */
function uploadWrites(fn: Node, report: (call: Node, path: Node) => void): void {
  let readsUpload = false;
  const writes: { call: Node; path: Node }[] = [];
  /** Variables of this function whose value mentions `.Filename`: `dst := filepath.Join(dir, file.Filename)`. */
  const named = new Set<string>();
  walkTree(fn, (node) => {
    if (node !== fn && FUNCTIONS.has(node.type)) return false;
    if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      const right = node.childForFieldName('right')?.namedChildren ?? [];
      left.forEach((target, index) => {
        const value = right[index];
        if (target?.type === 'identifier' && value && mentionsFilename(value)) named.add(target.text);
      });
    }
    if (node.type !== 'call_expression') return true;
    const name = goCalleeName(node);
    if (READS_UPLOAD.test(name)) readsUpload = true;
    const path = goArguments(node)[0];
    if (WRITES_FILE.test(name) && path) writes.push({ call: node, path });
    return true;
  });
  if (!readsUpload) return;
  const usesName = (path: Node) => {
    if (mentionsFilename(path)) return true;
    let found = false;
    walkTree(path, (n) => {
      if (n.type === 'identifier' && named.has(n.text)) found = true;
      return !found;
    });
    return found;
  };
  for (const { call, path } of writes) if (usesName(path)) report(call, path);
}

export function goUploadTargets(root: Node): UploadTarget[] {
  const targets: UploadTarget[] = [];
  const add = (node: Node, target: string, path: Node | undefined) =>
    targets.push({ target, range: { start: node.startIndex, end: node.endIndex }, scratch: !!path && isScratch(path), nonProduction: false });
  const fiber = [...goImports(root).keys()].some((path) => path.startsWith('github.com/gofiber/fiber'));
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (FUNCTIONS.has(node.type)) {
      uploadWrites(node, (call, path) => add(call.childForFieldName('function')!, `${goCalleeName(call)}() of an uploaded file's name`, path));
    }
    if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      const args = goArguments(node);
      if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'SaveUploadedFile' && args.length === 2) {
        add(fn, "gin's SaveUploadedFile()", args[1]);
      } else if (fiber && fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'SaveFile' && args.length === 2) {
        add(fn, "fiber's SaveFile()", args[1]);
      }
    }
    return true;
  });
  return targets;
}
