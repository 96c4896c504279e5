/**
 * Upload targets of a JS/TS file (see UploadTarget in engine/facts.ts): multer's `dest` and disk storage, NestJS's
 * multer options, formidable's `uploadDir`, an uploaded file written with fs (or a busboy file stream piped to one),
 * a @fastify/multipart file stream piped to `fs.createWriteStream`, express-fileupload's `.mv()`.
 */
import ts = require('typescript');
import type { UploadTarget } from '../../facts';
import { SCRATCH_PATH } from '../pathVocabulary';
import { dottedName, forEachNode, importsModule, inNonProductionBranch, lastSegment, moduleBindings, nodesOfKind, propertyValue, rangeOf, requiredModule, resolveConstant, resolveValue, stringValue, unwrapExpression } from './ast';

/** Which libraries store uploads on disk, and the fs calls that write an uploaded file. */
const MULTER = 'multer';
const NEST_MULTER = ['@nestjs/platform-express'];
const FORMIDABLE = 'formidable';
const FS_MODULES = ['fs', 'fs/promises', 'fs-extra', 'graceful-fs'];
const FS_WRITES = /^(?:writeFile|writeFileSync|createWriteStream|rename|renameSync|copyFile|copyFileSync)$/;

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

/** A value that is a @fastify/multipart part: typed `MultipartFile`, or got from `request.file()` / `.files()` / `.parts()`. */
const MULTIPART_TYPE = /\bMultipart(?:File|Value)?\b/;
const MULTIPART_CALL = /^(?:req|request)\.(?:file|files|parts)$/;
function mentionsMultipartCall(node: ts.Node): boolean {
  let found = false;
  forEachNode(node, (n) => {
    if (ts.isCallExpression(n) && MULTIPART_CALL.test(dottedName(n.expression) ?? '')) found = true;
  });
  return found;
}
function isMultipartPart(ast: ts.SourceFile, name: ts.Identifier): boolean {
  const initializer = resolveConstant(ast, name.text)?.initializer;
  if (initializer && mentionsMultipartCall(initializer)) return true;
  for (let current: ts.Node | undefined = name.parent; current; current = current.parent) {
    // for await (const part of request.parts())
    if (ts.isForOfStatement(current) && ts.isVariableDeclarationList(current.initializer)) {
      const declared = current.initializer.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name.text);
      if (declared && mentionsMultipartCall(current.expression)) return true;
    }
    // upload (file: MultipartFile, destPath: string)
    if (ts.isFunctionLike(current)) {
      const parameter = current.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name.text);
      if (parameter) return !!parameter.type && MULTIPART_TYPE.test(parameter.type.getText(ast));
    }
  }
  return false;
}

/**
 * `fs.createWriteStream(p)` as the sink of an upload stream: `pipeline(part.file, fs.createWriteStream(p))` or
 * `part.file.pipe(fs.createWriteStream(p))`, where `part` is a @fastify/multipart part.
 */
function sinksMultipartStream(ast: ts.SourceFile, call: ts.CallExpression): boolean {
  const parent = call.parent;
  if (!ts.isCallExpression(parent) || !parent.arguments.includes(call)) return false;
  const isPipeline = lastSegment(dottedName(parent.expression) ?? '') === 'pipeline';
  const source = isPipeline ? parent.arguments[0] : ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'pipe' ? parent.expression.expression : undefined;
  if (!source || source === call) return false;
  const stream = unwrapExpression(source);
  if (!ts.isPropertyAccessExpression(stream) || stream.name.text !== 'file') return false;
  const owner = unwrapExpression(stream.expression);
  return ts.isIdentifier(owner) && isMultipartPart(ast, owner);
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

export function jsUploadTargets(ast: ts.SourceFile): UploadTarget[] {
  const targets: UploadTarget[] = [];
  /** `destination` is what decides whether the target is scratch space; none means the library's own default. */
  const add = (node: ts.Node, target: string, destination: ts.Expression | undefined) =>
    targets.push({ target, range: rangeOf(node, ast), scratch: destination !== undefined && isScratch(ast, destination), nonProduction: inNonProductionBranch(node) });
  const multer = moduleBindings(ast, [MULTER]);
  const multerFunctions = new Set(multer.filter((b) => b.imported === '*' || b.imported === 'default').map((b) => b.local));
  const diskStorage = new Set(multer.filter((b) => b.imported === 'diskStorage').map((b) => b.local));
  const fsLocals = new Set(moduleBindings(ast, FS_MODULES).map((b) => b.local));
  const nestMulter = new Set(moduleBindings(ast, NEST_MULTER).map((b) => b.local));
  const formidable = moduleBindings(ast, [FORMIDABLE]);
  const formidableLocals = new Set(formidable.map((b) => b.local));
  const usesFormidable = formidable.length > 0 || importsModule(ast, [FORMIDABLE]);

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
      if (multerFunctions.has(name) || requiredModule(callee) === MULTER) {
        const dest = optionsOf(args[0]) && propertyValue(optionsOf(args[0])!, 'dest');
        if (dest) add(dest, "multer's dest option", dest);
      }
      // multer.diskStorage({ destination })
      if ((multerFunctions.has(root) && lastSegment(name) === 'diskStorage') || diskStorage.has(name)) {
        const destination = optionsOf(args[0]) && propertyValue(optionsOf(args[0])!, 'destination');
        add(callee, 'multer.diskStorage()', destination);
      }
      // NestJS: MulterModule.register({ dest }), FileInterceptor('file', { dest })
      if (nestMulter.has(root)) {
        for (const arg of args) {
          const dest = optionsOf(arg) && propertyValue(optionsOf(arg)!, 'dest');
          if (dest) add(dest, `${name}()'s dest option`, dest);
        }
      }
      // formidable({ uploadDir }), new formidable.IncomingForm({ uploadDir }), new IncomingForm({ uploadDir })
      if (formidableLocals.has(root) || requiredModule(callee) === FORMIDABLE) {
        const uploadDir = optionsOf(args[0]) && propertyValue(optionsOf(args[0])!, 'uploadDir');
        if (uploadDir) add(uploadDir, "formidable's uploadDir option", uploadDir);
      }
      // fs.writeFileSync(`uploads/${req.file.originalname}`, req.file.buffer); busboy's file.pipe(fs.createWriteStream(p))
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : name;
      if (ts.isCallExpression(node) && FS_WRITES.test(method) && (fsLocals.has(root) || /^(?:fs|fsp|fsPromises|fse)$/.test(root) || fsLocals.has(name))) {
        const target = /^(?:rename|copyFile)/.test(method) ? args[1] : args[0];
        if (target && (args.some((a) => mentionsRequestFile(ast, a)) || (method === 'createWriteStream' && (inFileEventListener(node) || sinksMultipartStream(ast, node))))) {
          add(node, `writing an uploaded file with ${name || method}()`, target);
        }
      }
      // express-fileupload: req.files.avatar.mv('./uploads/' + name)
      const isMv = ts.isCallExpression(node) && ts.isPropertyAccessExpression(callee) && callee.name.text === 'mv';
      if (isMv && args[0] && isRequestFile(ast, callee.expression)) add(node, 'moving an uploaded file with .mv()', args[0]);
    }
    // form.uploadDir = path.join(__dirname, 'uploads')
    if (usesFormidable && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrapExpression(node.left);
      if (ts.isPropertyAccessExpression(left) && left.name.text === 'uploadDir') add(left, "formidable's uploadDir", node.right);
    }
  };
  for (const node of nodesOfKind(ast, [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression, ts.SyntaxKind.BinaryExpression])) visit(node);
  return targets;
}
