/**
 * Upload targets of a Python file (see UploadTarget in engine/facts.ts): an uploaded file's `.save(<path>)` (Flask,
 * Werkzeug), Django's `FileSystemStorage` (constructed, or named by `DEFAULT_FILE_STORAGE` / `STORAGES['default']`),
 * and an upload handler's `Path(…).write_bytes(…)` or `open(…, 'wb')` (FastAPI, Starlette, Django).
 * Nothing inside a Django management command counts: it runs from the command line with no request, so no file it
 * stores was uploaded (bakerydemo's `load_initial_data` reads bundled media through a FileSystemStorage).
 */
import type { Node } from 'web-tree-sitter';
import type { UploadTarget } from '../../facts';
import { SCRATCH_PATH } from '../pathVocabulary';
import type { ParsedTree } from '../treesitterAdapter';
import type { AdapterInput } from '../types';
import { pyCallName, pyCallsNamed, pyDottedName, pyEnclosingScope, pyInNonProductionBranch, pyKeywordValue, pyMentions, pyPositionalArguments, pyStringValue } from './ast';

/** Settings that name the upload folder (Flask's `app.config['UPLOAD_FOLDER']` and its look-alikes). */
const UPLOAD_SETTING = /^UPLOAD_(?:FOLDER|DIR|PATH)$/;
const FILE_SYSTEM_STORAGE = 'django.core.files.storage.FileSystemStorage';
const STORAGE_QUERY = `[
  (assignment left: (identifier) @key right: (string) @value)
  (pair key: (string) @key value: (string) @value)
]`;
/** Only calls of these names are looked at. */
const CALL_NAMES = new Set(['save', 'FileSystemStorage', 'write_bytes', 'open']);

function isScratch(node: Node): boolean {
  return pyMentions(
    node,
    (n) =>
      (n.type === 'string' && SCRATCH_PATH.test(pyStringValue(n) ?? n.text.replace(/^[a-zA-Z]*['"]+/, ''))) ||
      (n.type === 'identifier' && /^(?:tempfile|gettempdir|mkdtemp|TemporaryDirectory)$/.test(n.text)),
  );
}

/** A value that names a place on disk: a string, an f-string, a path join, a Path, or a name bound to one. */
function isPath(node: Node): boolean {
  return pyMentions(
    node,
    (n) =>
      n.type === 'string' ||
      n.type === 'concatenated_string' ||
      (n.type === 'call' && /(?:^|\.)(?:join|Path|PurePath|secure_filename)$/.test(pyCallName(n) ?? '')) ||
      (n.type === 'binary_operator' && n.child(1)?.type === '/'),
  );
}

const mentionsUploadSetting = (node: Node) =>
  pyMentions(node, (n) => (n.type === 'identifier' && UPLOAD_SETTING.test(n.text)) || (n.type === 'string' && UPLOAD_SETTING.test(pyStringValue(n) ?? '')));
const mentionsRequestFiles = (node: Node) => pyMentions(node, (n) => n.type === 'attribute' && /^(?:flask\.)?request\.files$/.test(pyDottedName(n) ?? ''));

/**
 * Functions that handle an upload: an `UploadFile` parameter or a `= File(...)` default (FastAPI/Starlette), or a
 * body that reads `request.files` / `request.FILES` or iterates an uploaded file's `.chunks()` (Flask, Django).
 */
function isUploadHandler(fn: Node): boolean {
  const parameters = fn.childForFieldName('parameters');
  const typed = !!parameters && parameters.namedChildren.some((p) => {
    if (!p) return false;
    const type = p.childForFieldName('type')?.text ?? '';
    const value = p.childForFieldName('value');
    return /\bUploadFile\b/.test(type) || (value?.type === 'call' && /^(?:fastapi\.)?File$/.test(pyCallName(value) ?? ''));
  });
  if (typed) return true;
  const body = fn.childForFieldName('body');
  const readsUpload = (n: Node | null) =>
    !!n && (/^request\.(?:files|FILES)$/.test(pyDottedName(n) ?? '') || (n.childForFieldName('attribute')?.text === 'chunks' && n.parent?.type === 'call'));
  return !!body && body.descendantsOfType(['attribute']).some(readsUpload);
}

/** Base classes of Django management commands (`class Command(BaseCommand)`). */
const MANAGEMENT_COMMAND = /^(?:[\w.]+\.)?(?:BaseCommand|LabelCommand|AppCommand)$/;

/** Inside a class that is a Django management command: code run by an operator, never on a request. */
function inManagementCommand(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type !== 'class_definition') continue;
    const bases = n.childForFieldName('superclasses')?.namedChildren ?? [];
    if (bases.some((b) => !!b && MANAGEMENT_COMMAND.test(pyDottedName(b) ?? b.text))) return true;
  }
  return false;
}

/** Inside a function that handles an upload. */
function inUploadHandler(call: Node): boolean {
  const scope = pyEnclosingScope(call);
  return scope.type === 'function_definition' && isUploadHandler(scope);
}

export function pyUploadTargets({ parsed }: AdapterInput<ParsedTree>): UploadTarget[] {
  const { root } = parsed;
  const targets: UploadTarget[] = [];
  /** `destination` is what decides whether the target is scratch space; none means the library's own default. */
  const add = (node: Node, target: string, destination: Node | undefined): void => {
    if (inManagementCommand(node)) return;
    targets.push({ target, range: { start: node.startIndex, end: node.endIndex }, scratch: !!destination && isScratch(destination), nonProduction: pyInNonProductionBranch(node) });
  };
  for (const call of pyCallsNamed(root, CALL_NAMES)) {
    const fn = call.childForFieldName('function')!;
    const name = pyCallName(call) ?? '';
    const last = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : name;
    const dest = pyPositionalArguments(call)[0] ?? pyKeywordValue(call, 'dst');
    if (last === 'save' && fn.type === 'attribute' && dest) {
      // file.save(os.path.join(app.config['UPLOAD_FOLDER'], filename)); request.files['f'].save('uploads/x')
      const receiver = fn.childForFieldName('object')!;
      const upload = mentionsRequestFiles(receiver) || mentionsUploadSetting(dest);
      if (upload && isPath(dest)) add(call, 'saving an uploaded file with .save()', dest);
    } else if (last === 'FileSystemStorage') {
      add(fn, "Django's FileSystemStorage", pyKeywordValue(call, 'location') ?? pyPositionalArguments(call)[0]);
    } else if (last === 'write_bytes' && fn.type === 'attribute') {
      // Path('uploads', file.filename).write_bytes(await file.read())
      if (inUploadHandler(call)) add(call, 'writing an uploaded file with write_bytes()', fn.childForFieldName('object')!);
    } else if ((name === 'open' || name === 'aiofiles.open') && dest) {
      const mode = pyStringValue(pyPositionalArguments(call)[1] ?? pyKeywordValue(call, 'mode'));
      if (mode !== undefined && /[wax]/.test(mode) && inUploadHandler(call)) add(call, 'writing an uploaded file with open()', dest);
    }
  }
  // Django settings: DEFAULT_FILE_STORAGE = '…FileSystemStorage'; STORAGES = {'default': {'BACKEND': '…FileSystemStorage'}}
  for (const match of parsed.query(STORAGE_QUERY).matches(root)) {
    const key = match.captures.find((c) => c.name === 'key')?.node;
    const value = match.captures.find((c) => c.name === 'value')?.node;
    if (!key || !value || pyStringValue(value) !== FILE_SYSTEM_STORAGE) continue;
    const setting = key.type === 'identifier' ? key.text : pyStringValue(key);
    const outer = value.parent?.parent?.parent; // value → pair → dictionary → the pair holding it
    if (setting === 'DEFAULT_FILE_STORAGE') add(value, 'DEFAULT_FILE_STORAGE set to FileSystemStorage', undefined);
    else if (setting === 'BACKEND' && outer?.type === 'pair' && pyStringValue(outer.childForFieldName('key')) === 'default') {
      add(value, "STORAGES['default'] set to FileSystemStorage", undefined);
    }
  }
  return targets;
}
