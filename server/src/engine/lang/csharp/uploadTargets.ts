/**
 * Upload targets of a C# file (see UploadTarget in engine/facts.ts): an ASP.NET Core `IFormFile` copied
 * (`.CopyTo(stream)` / `.CopyToAsync(stream)`) into a `new FileStream(path, FileMode.Create…)` or a
 * `File.Create(path)` / `File.OpenWrite(path)` stream, underlined on the stream's creation. The upload must be
 * declared as an `IFormFile` in this file (a parameter, a property, a collection of them iterated, or
 * `Request.Form.Files`), and the path must be on this machine's disk: under `WebRootPath` / `ContentRootPath` /
 * `Directory.GetCurrentDirectory()` / `AppContext.BaseDirectory` or a literal folder (`"wwwroot/uploads"`), followed
 * through local variables. Under `Path.GetTempPath()` / `Path.GetTempFileName()` (or `/tmp`) is scratch space. A path
 * read from configuration, or one this file does not show, is not judged.
 */
import type { Node } from 'web-tree-sitter';
import type { UploadTarget } from '../../facts';
import { SCRATCH_PATH } from '../pathVocabulary';
import { walkTree } from '../treesitter';
import { csArguments, csCalleeName, csDottedName, csReadsEnv, csStringValue } from './ast';
import { csNonProduction } from './envBranches';

const FORM_FILE = /^(?:Microsoft\.AspNetCore\.Http\.)?IFormFile$/;
const FORM_FILES = /^(?:(?:List|IList|IEnumerable|ICollection|IReadOnlyList|IReadOnlyCollection)<\s*(?:Microsoft\.AspNetCore\.Http\.)?IFormFile\s*>|(?:Microsoft\.AspNetCore\.Http\.)?IFormFile\[\]|(?:Microsoft\.AspNetCore\.Http\.)?IFormFileCollection)$/;
const REQUEST_FILES = /(?:^|\.)Request\.Form\.Files$|(?:^|\.)Form\.Files$/;
const LOCAL_ROOT = /\b(?:WebRootPath|ContentRootPath|GetCurrentDirectory|BaseDirectory|CurrentDirectory)\b/;
const SCRATCH_CALL = /\bPath\.(?:GetTempPath|GetTempFileName)\s*\(/;

/** Names of single uploads and of upload collections declared in the file. */
function uploadNames(root: Node): { single: Set<string>; many: Set<string> } {
  const single = new Set<string>();
  const many = new Set<string>();
  walkTree(root, (node) => {
    if (node.type === 'parameter' || node.type === 'property_declaration') {
      const type = node.childForFieldName('type')?.text.replace(/\s+/g, '') ?? '';
      const name = node.childForFieldName('name')?.text;
      if (name && FORM_FILE.test(type.replace(/\?$/, ''))) single.add(name);
      else if (name && FORM_FILES.test(type.replace(/\?$/, ''))) many.add(name);
    } else if (node.type === 'variable_declaration') {
      const type = node.childForFieldName('type')?.text.replace(/\s+/g, '') ?? '';
      for (const declarator of node.namedChildren) {
        if (declarator?.type !== 'variable_declarator') continue;
        const name = declarator.childForFieldName('name')?.text;
        const value = declarator.namedChildren.find((c) => c !== null && c.type !== 'identifier' && c.id !== declarator.childForFieldName('name')?.id);
        if (!name) continue;
        if (FORM_FILE.test(type)) single.add(name);
        else if (FORM_FILES.test(type) || (value && REQUEST_FILES.test(csDottedName(value) ?? ''))) many.add(name);
        else if (value?.type === 'element_access_expression' && REQUEST_FILES.test(csDottedName(value.childForFieldName('expression')) ?? '')) single.add(name);
      }
    }
    return true;
  });
  // `foreach (var file in files)`, `foreach (IFormFile f in Request.Form.Files)`.
  walkTree(root, (node) => {
    if (node.type !== 'foreach_statement') return true;
    const name = node.childForFieldName('left')?.text;
    const over = node.childForFieldName('right');
    const type = node.childForFieldName('type')?.text ?? '';
    const overName = csDottedName(over) ?? '';
    if (name && (FORM_FILE.test(type) || many.has(overName.split('.').pop() ?? '') || REQUEST_FILES.test(overName))) single.add(name);
    return true;
  });
  return { single, many };
}

/** Whether an expression is an upload: `file`, `model.Photo`, `files[0]`, `Request.Form.Files[0]`. */
function isUpload(node: Node | null, names: { single: Set<string>; many: Set<string> }): boolean {
  if (!node) return false;
  if (node.type === 'identifier') return names.single.has(node.text);
  if (node.type === 'member_access_expression') return names.single.has(node.childForFieldName('name')?.text ?? '');
  if (node.type === 'element_access_expression') {
    const object = csDottedName(node.childForFieldName('expression')) ?? '';
    return names.many.has(object.split('.').pop() ?? '') || REQUEST_FILES.test(object);
  }
  return false;
}

/** The enclosing member (method, constructor, accessor, top-level statements: the file). */
function scopeOf(node: Node): Node {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type === 'method_declaration' || n.type === 'constructor_declaration' || n.type === 'local_function_statement' || n.type === 'accessor_declaration') return n;
    if (n.type === 'class_declaration' || n.type === 'record_declaration' || n.type === 'struct_declaration') return n;
  }
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

/** The value a local or field named `name` is given in `scope` (its declarator or a plain assignment), or in the class. */
function valueOf(name: string, scope: Node): Node | undefined {
  for (let s: Node | null = scope; s; s = s.parent) {
    let found: Node | undefined;
    walkTree(s, (node) => {
      if (found) return false;
      if (node.type === 'variable_declarator' && node.childForFieldName('name')?.text === name) {
        found = node.namedChildren.find((c) => c !== null && c.id !== node.childForFieldName('name')?.id && c.type !== 'bracketed_argument_list') ?? undefined;
      } else if (node.type === 'assignment_expression' && node.childForFieldName('left')?.text === name) {
        found = node.childForFieldName('right') ?? undefined;
      }
      return true;
    });
    if (found) return found;
    if (s.type === 'class_declaration' || s.type === 'compilation_unit') break;
    while (s.parent && s.parent.type !== 'class_declaration' && s.parent.type !== 'declaration_list' && s.parent.type !== 'compilation_unit') s = s.parent;
  }
  return undefined;
}

/** Where a path leads, following locals: `local` (this machine's disk), `scratch`, or undefined (not shown, config). */
function pathKind(path: Node, scope: Node, depth = 0): 'local' | 'scratch' | undefined {
  if (depth > 4) return undefined;
  if (csReadsEnv(path)) return undefined;
  if (SCRATCH_CALL.test(path.text)) return 'scratch';
  let kind: 'local' | 'scratch' | undefined;
  let config = false;
  walkTree(path, (node) => {
    if (kind === 'scratch' || config) return false;
    const value = csStringValue(node);
    if (value !== undefined) {
      if (SCRATCH_PATH.test(value)) kind = 'scratch';
      else if (/^[\w~][\w.\-/\\: ]*$/.test(value) && !/^\.?\w{1,5}$/.test(value.replace(/^\w+\./, '.')) && !/^\w+\.\w{1,5}$/.test(value)) kind ??= 'local';
      return false;
    }
    if (node.type === 'member_access_expression' || node.type === 'invocation_expression') {
      if (LOCAL_ROOT.test(csDottedName(node.childForFieldName('name')) ?? csCalleeName(node))) kind ??= 'local';
    }
    if (node.type === 'identifier' && node.parent?.type !== 'member_access_expression' && node.parent?.type !== 'argument_list') {
      const value = valueOf(node.text, scope);
      if (value && value.id !== path.id) {
        const inner = pathKind(value, scope, depth + 1);
        if (inner === 'scratch') kind = 'scratch';
        else if (inner === 'local') kind ??= 'local';
        else if (value && csReadsEnv(value)) config = true;
      }
    } else if (node.type === 'member_access_expression') {
      // `file.FileName`, `_env.WebRootPath`: judged by the name above, not followed.
      return false;
    }
    return true;
  });
  return config ? undefined : kind;
}

/** The stream a copy writes to: `new FileStream(path, FileMode.Create…)`, `File.Create(path)`, `File.OpenWrite(path)`. */
function streamCreation(node: Node | undefined): { node: Node; path: Node } | undefined {
  if (!node) return undefined;
  if (node.type === 'object_creation_expression' && /^(?:System\.IO\.)?FileStream$/.test(csDottedName(node.childForFieldName('type')) ?? '')) {
    const args = csArguments(node);
    if (args.length < 2 || !/FileMode\.(?:Create|CreateNew|OpenOrCreate|Append)$/.test(args[1].value.text)) return undefined;
    return { node, path: args[0].value };
  }
  if (node.type === 'invocation_expression' && /^(?:System\.IO\.)?File\.(?:Create|OpenWrite)$/.test(csCalleeName(node))) {
    const path = csArguments(node)[0]?.value;
    return path ? { node, path } : undefined;
  }
  return undefined;
}

export function csUploadTargets(root: Node): UploadTarget[] {
  const names = uploadNames(root);
  if (names.single.size === 0 && names.many.size === 0 && !/\bForm\.Files\b/.test(root.text)) return [];
  const targets: UploadTarget[] = [];
  const seen = new Set<number>();
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (node.type !== 'invocation_expression') return true;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'member_access_expression' || !/^CopyTo(?:Async)?$/.test(fn.childForFieldName('name')?.text ?? '')) return true;
    if (!isUpload(fn.childForFieldName('expression'), names)) return true;
    const target = csArguments(node)[0]?.value;
    if (!target) return true;
    const scope = scopeOf(node);
    const stream = streamCreation(target.type === 'identifier' ? valueOf(target.text, scope) : target);
    if (!stream || seen.has(stream.node.startIndex)) return true;
    const kind = pathKind(stream.path, scope);
    if (!kind) return true;
    seen.add(stream.node.startIndex);
    const what = stream.node.type === 'object_creation_expression' ? 'a FileStream' : csCalleeName(stream.node).replace(/^System\.IO\./, '') + '()';
    targets.push({ target: `IFormFile.${fn.childForFieldName('name')!.text}() into ${what}`, range: { start: stream.node.startIndex, end: stream.node.endIndex }, scratch: kind === 'scratch', nonProduction: csNonProduction(stream.node) });
    return true;
  });
  return targets;
}
