import ts = require('typescript');
import type { Node } from 'web-tree-sitter';
import { defineRule } from '../engine/defineRule';
import { dottedName, forEachNode, importsModule, inNonProductionBranch, lastSegment, moduleBindings, nodesOfKind, propertyValue, rangeOf, requiredModule, resolveConstant, resolveValue, stringValue, unwrapExpression } from '../engine/lang/js/ast';
import { pyCallName, pyCallsNamed, pyDottedName, pyEnclosingScope, pyInNonProductionBranch, pyKeywordValue, pyMentions, pyPositionalArguments, pyStringValue } from '../engine/lang/python/ast';
import type { JsRuleContext, TreeSitterRuleContext } from '../engine/types';

/**
 * VI Processes: the filesystem of a process is a scratch space for one request, not storage. Uploaded files
 * written to a local directory vanish with the container and are invisible to the other processes. No code fix:
 * the replacement is a backing service (object storage) the project has to choose.
 *
 * Writes to the temporary directory (`os.tmpdir()`, `/tmp`, `tempfile`) are scratch space and are not reported.
 */

const SCRATCH_PATH = /^\/(?:var\/)?tmp(?:\/|$)/;

/** True when the expression (or a constant it names) is under the temporary directory. */
function isScratch(ast: ts.SourceFile, node: ts.Expression): boolean {
  let scratch = false;
  forEachNode(resolveValue(ast, node), (n) => {
    if (ts.isCallExpression(n) && lastSegment(dottedName(n.expression) ?? '') === 'tmpdir') scratch = true;
    const text = stringValue(n as ts.Expression) ?? (ts.isTemplateExpression(n) ? n.head.text : undefined);
    if (text !== undefined && SCRATCH_PATH.test(text)) scratch = true;
  });
  return scratch;
}

/** `req.files.avatar`, `req.files['doc']`, or a constant holding one. */
function isRequestFile(ast: ts.SourceFile, node: ts.Expression): boolean {
  let current = resolveValue(ast, node);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    if (ts.isPropertyAccessExpression(current) && current.name.text === 'files' && /^(?:req|request|ctx\.request)$/.test(dottedName(current.expression) ?? '')) return true;
    current = unwrapExpression(current.expression);
  }
  return false;
}

/**
 * True when `req.file` / `req.files`, or a web request's `formData()` (Next.js route handlers, Remix actions), appears
 * in the node — directly or through a short chain of constants (`formData()` → `data.get('file')` → its bytes).
 */
function mentionsRequestFile(ast: ts.SourceFile, node: ts.Node, depth = 0): boolean {
  let found = false;
  forEachNode(node, (n) => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) && /^files?$/.test(n.name.text) && /^(?:req|request|ctx\.request)$/.test(dottedName(n.expression) ?? '')) found = true;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'formData' && /^(?:req|request)$/.test(dottedName(n.expression.expression) ?? '')) found = true;
    else if (depth < 3 && ts.isIdentifier(n)) {
      const initializer = resolveConstant(ast, n.text)?.initializer;
      if (initializer && mentionsRequestFile(ast, initializer, depth + 1)) found = true;
    }
  });
  return found;
}

/** Inside the listener of `busboy.on('file', (name, stream, info) => …)`. */
function inFileEventListener(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current) || !ts.isCallExpression(current.parent)) continue;
    const call = current.parent;
    if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'on' && stringValue(call.arguments[0]) === 'file' && call.arguments[1] === current) return true;
  }
  return false;
}

const FS_WRITES = /^(?:writeFile|writeFileSync|createWriteStream|rename|renameSync|copyFile|copyFileSync)$/;

function checkJs(context: JsRuleContext): void {
  const { ast } = context;
  const multer = moduleBindings(ast, ['multer']);
  const multerFunctions = new Set(multer.filter((b) => b.imported === '*' || b.imported === 'default').map((b) => b.local));
  const diskStorage = new Set(multer.filter((b) => b.imported === 'diskStorage').map((b) => b.local));
  const fsLocals = new Set(moduleBindings(ast, ['fs', 'fs/promises', 'fs-extra', 'graceful-fs']).map((b) => b.local));
  const nestMulter = new Set(moduleBindings(ast, ['@nestjs/platform-express']).map((b) => b.local));
  const formidable = moduleBindings(ast, ['formidable']);
  const formidableLocals = new Set(formidable.map((b) => b.local));
  const usesFormidable = formidable.length > 0 || importsModule(ast, ['formidable']);
  const report = (node: ts.Node, what: string) => {
    if (!inNonProductionBranch(node)) context.report({ messageId: 'localUpload', data: { what }, range: rangeOf(node, ast) });
  };

  const optionsOf = (argument: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined => {
    const value = argument && resolveValue(ast, argument);
    return value && ts.isObjectLiteralExpression(value) ? value : undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = unwrapExpression(node.expression);
      const name = dottedName(callee) ?? '';
      const args = node.arguments ?? [];
      const root = name.split('.')[0];
      // multer({ dest: 'uploads/' })
      if (multerFunctions.has(name) || requiredModule(callee) === 'multer') {
        const dest = optionsOf(args[0]) && propertyValue(optionsOf(args[0])!, 'dest');
        if (dest && !isScratch(ast, dest)) report(dest, "multer's dest option");
      }
      // multer.diskStorage({ destination })
      if ((multerFunctions.has(root) && lastSegment(name) === 'diskStorage') || diskStorage.has(name)) {
        const destination = optionsOf(args[0]) && propertyValue(optionsOf(args[0])!, 'destination');
        if (!destination || !isScratch(ast, destination)) report(callee, 'multer.diskStorage()');
      }
      // NestJS: MulterModule.register({ dest }), FileInterceptor('file', { dest })
      if (nestMulter.has(root)) {
        for (const arg of args) {
          const dest = optionsOf(arg) && propertyValue(optionsOf(arg)!, 'dest');
          if (dest && !isScratch(ast, dest)) report(dest, `${name}()'s dest option`);
        }
      }
      // formidable({ uploadDir }), new formidable.IncomingForm({ uploadDir }), new IncomingForm({ uploadDir })
      if (formidableLocals.has(root) || requiredModule(callee) === 'formidable') {
        const uploadDir = optionsOf(args[0]) && propertyValue(optionsOf(args[0])!, 'uploadDir');
        if (uploadDir && !isScratch(ast, uploadDir)) report(uploadDir, "formidable's uploadDir option");
      }
      // fs.writeFileSync(`uploads/${req.file.originalname}`, req.file.buffer); busboy's file.pipe(fs.createWriteStream(p))
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : name;
      if (ts.isCallExpression(node) && FS_WRITES.test(method) && (fsLocals.has(root) || /^(?:fs|fsp|fsPromises|fse)$/.test(root) || fsLocals.has(name))) {
        const target = /^(?:rename|copyFile)/.test(method) ? args[1] : args[0];
        if (target && !isScratch(ast, target) && (args.some((a) => mentionsRequestFile(ast, a)) || (method === 'createWriteStream' && inFileEventListener(node)))) {
          report(node, `writing an uploaded file with ${name || method}()`);
        }
      }
      // express-fileupload: req.files.avatar.mv('./uploads/' + name)
      const isMv = ts.isCallExpression(node) && ts.isPropertyAccessExpression(callee) && callee.name.text === 'mv';
      if (isMv && args[0] && isRequestFile(ast, callee.expression) && !isScratch(ast, args[0])) report(node, 'moving an uploaded file with .mv()');
    }
    // form.uploadDir = path.join(__dirname, 'uploads')
    if (usesFormidable && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrapExpression(node.left);
      if (ts.isPropertyAccessExpression(left) && left.name.text === 'uploadDir' && !isScratch(ast, node.right)) report(left, "formidable's uploadDir");
    }
  };
  for (const node of nodesOfKind(ast, [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression, ts.SyntaxKind.BinaryExpression])) visit(node);
}

const UPLOAD_SETTING = /^UPLOAD_(?:FOLDER|DIR|PATH)$/;
const FILE_SYSTEM_STORAGE = 'django.core.files.storage.FileSystemStorage';
const STORAGE_QUERY = `[
  (assignment left: (identifier) @key right: (string) @value)
  (pair key: (string) @key value: (string) @value)
]`;

function isPyScratch(node: Node): boolean {
  return pyMentions(
    node,
    (n) =>
      (n.type === 'string' && SCRATCH_PATH.test(pyStringValue(n) ?? n.text.replace(/^[a-zA-Z]*['"]+/, ''))) ||
      (n.type === 'identifier' && /^(?:tempfile|gettempdir|mkdtemp|TemporaryDirectory)$/.test(n.text)),
  );
}

/** A value that names a place on disk: a string, an f-string, a path join, a Path, or a name bound to one. */
function isPyPath(node: Node): boolean {
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

/** Only calls of these names are looked at. */
const PY_CALL_NAMES = new Set(['save', 'FileSystemStorage', 'write_bytes', 'open']);

function checkPython(context: TreeSitterRuleContext): void {
  const report = (node: Node, what: string) => {
    if (!pyInNonProductionBranch(node)) context.report({ messageId: 'localUpload', data: { what }, range: { start: node.startIndex, end: node.endIndex } });
  };
  for (const call of pyCallsNamed(context.root, PY_CALL_NAMES)) {
    const fn = call.childForFieldName('function')!;
    const name = pyCallName(call) ?? '';
    const last = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : name;
    const dest = pyPositionalArguments(call)[0] ?? pyKeywordValue(call, 'dst');
    if (last === 'save' && fn.type === 'attribute' && dest) {
      // file.save(os.path.join(app.config['UPLOAD_FOLDER'], filename)); request.files['f'].save('uploads/x')
      const receiver = fn.childForFieldName('object')!;
      const upload = mentionsRequestFiles(receiver) || mentionsUploadSetting(dest);
      if (upload && isPyPath(dest) && !isPyScratch(dest)) report(call, 'saving an uploaded file with .save()');
    } else if (last === 'FileSystemStorage') {
      const location = pyKeywordValue(call, 'location') ?? pyPositionalArguments(call)[0];
      if (!location || !isPyScratch(location)) report(fn, "Django's FileSystemStorage");
    } else if (last === 'write_bytes' && fn.type === 'attribute') {
      // Path('uploads', file.filename).write_bytes(await file.read())
      const scope = pyEnclosingScope(call);
      const target = fn.childForFieldName('object')!;
      if (scope.type === 'function_definition' && isUploadHandler(scope) && !isPyScratch(target)) report(call, 'writing an uploaded file with write_bytes()');
    } else if ((name === 'open' || name === 'aiofiles.open') && dest) {
      const mode = pyStringValue(pyPositionalArguments(call)[1] ?? pyKeywordValue(call, 'mode'));
      const scope = pyEnclosingScope(call);
      if (mode !== undefined && /[wax]/.test(mode) && scope.type === 'function_definition' && isUploadHandler(scope) && !isPyScratch(dest)) {
        report(call, 'writing an uploaded file with open()');
      }
    }
  }
  // Django settings: DEFAULT_FILE_STORAGE = '…FileSystemStorage'; STORAGES = {'default': {'BACKEND': '…FileSystemStorage'}}
  for (const match of context.query(STORAGE_QUERY).matches(context.root)) {
    const key = match.captures.find((c) => c.name === 'key')?.node;
    const value = match.captures.find((c) => c.name === 'value')?.node;
    if (!key || !value || pyStringValue(value) !== FILE_SYSTEM_STORAGE) continue;
    const setting = key.type === 'identifier' ? key.text : pyStringValue(key);
    const outer = value.parent?.parent?.parent; // value → pair → dictionary → the pair holding it
    if (setting === 'DEFAULT_FILE_STORAGE') report(value, 'DEFAULT_FILE_STORAGE set to FileSystemStorage');
    else if (setting === 'BACKEND' && outer?.type === 'pair' && pyStringValue(outer.childForFieldName('key')) === 'default') {
      report(value, "STORAGES['default'] set to FileSystemStorage");
    }
  }
}

export default defineRule({
  id: 'no-local-file-upload',
  factor: 'VI',
  defaultSeverity: 'warning',
  description: 'Uploaded files are stored on the local disk instead of a backing service.',
  messages: {
    localUpload:
      "{{what}} keeps uploaded files on this machine's disk: other processes cannot see them and they are lost with the container. Store uploads in a backing service such as object storage.",
  },
  checkers: { js: checkJs, python: checkPython },
});
