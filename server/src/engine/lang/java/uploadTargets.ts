/**
 * Upload targets of a Java file (see UploadTarget in engine/facts.ts): a Spring `MultipartFile` written to the local
 * disk — `file.transferTo(…)`, `Files.copy(file.getInputStream(), path, …)`, `Files.write(path, file.getBytes())`,
 * `FileCopyUtils.copy(file.getBytes(), …)`. The receiver must be declared as a `MultipartFile` in this file (a
 * parameter, field, local or loop variable), so a `transferTo` of another type stays quiet. A destination under the
 * temporary directory (`java.io.tmpdir`, `Files.createTempFile`, a `/tmp/…` literal) is scratch space.
 */
import type { Node } from 'web-tree-sitter';
import type { UploadTarget } from '../../facts';
import { SCRATCH_PATH } from '../pathVocabulary';
import { walkTree } from '../treesitter';
import { javaArguments, javaCalleeName, javaStringValue } from './ast';

const UPLOAD_TYPE = /^(?:org\.springframework\.web\.multipart\.)?MultipartFile$/;

/** Names declared as a MultipartFile anywhere in the file (`MultipartFile file`, `for (MultipartFile f : files)`). */
function multipartNames(root: Node): Set<string> {
  const names = new Set<string>();
  walkTree(root, (node) => {
    const type = node.childForFieldName('type')?.text;
    if (type === undefined || !UPLOAD_TYPE.test(type)) return true;
    if (node.type === 'formal_parameter' || node.type === 'enhanced_for_statement') {
      const name = node.childForFieldName('name')?.text;
      if (name) names.add(name);
    } else if (node.type === 'field_declaration' || node.type === 'local_variable_declaration') {
      for (const declarator of node.childrenForFieldName('declarator')) {
        const name = declarator?.childForFieldName('name')?.text;
        if (name) names.add(name);
      }
    }
    return true;
  });
  return names;
}

function isScratch(path: Node | undefined): boolean {
  if (!path) return false;
  if (/java\.io\.tmpdir|createTemp(?:File|Directory)|getTempDir/.test(path.text)) return true;
  let scratch = false;
  walkTree(path, (node) => {
    const value = javaStringValue(node);
    if (value !== undefined && SCRATCH_PATH.test(value)) scratch = true;
    return !scratch;
  });
  return scratch;
}

export function javaUploadTargets(root: Node): UploadTarget[] {
  const uploads = multipartNames(root);
  if (uploads.size === 0) return [];
  const targets: UploadTarget[] = [];
  const add = (node: Node, target: string, path: Node | undefined) =>
    targets.push({ target, range: { start: node.startIndex, end: node.endIndex }, scratch: isScratch(path), nonProduction: false });
  /** `file.getInputStream()` / `file.getBytes()` on a MultipartFile. */
  const readsUpload = (node: Node | undefined) => {
    if (node?.type !== 'method_invocation') return false;
    const object = node.childForFieldName('object');
    return object?.type === 'identifier' && uploads.has(object.text) && /^(?:getInputStream|getBytes)$/.test(node.childForFieldName('name')?.text ?? '');
  };
  walkTree(root, (node) => {
    if (node.type === 'line_comment' || node.type === 'block_comment') return false;
    if (node.type !== 'method_invocation') return true;
    const callee = javaCalleeName(node);
    const args = javaArguments(node);
    const object = node.childForFieldName('object');
    const name = node.childForFieldName('name');
    if (name?.text === 'transferTo' && object?.type === 'identifier' && uploads.has(object.text) && args.length === 1) {
      add(node, 'MultipartFile.transferTo()', args[0]);
    } else if (/^(?:java\.nio\.file\.)?Files\.copy$/.test(callee) && readsUpload(args[0])) {
      add(node, 'Files.copy() of an uploaded file', args[1]);
    } else if (/^(?:java\.nio\.file\.)?Files\.write$/.test(callee) && readsUpload(args[1])) {
      add(node, 'Files.write() of an uploaded file', args[0]);
    } else if (/^FileCopyUtils\.copy$/.test(callee) && readsUpload(args[0]) && args[1]?.type === 'object_creation_expression') {
      add(node, 'FileCopyUtils.copy() of an uploaded file', args[1]);
    }
    return true;
  });
  return targets;
}
