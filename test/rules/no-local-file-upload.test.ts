import rule from '../../server/src/rules/no-local-file-upload';
import { CLEAN_APPS } from '../support/cleanApps';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    // Whole files of a twelve-factor-clean app.
    ...CLEAN_APPS,
    // Uploads kept in memory and streamed to object storage.
    "const multer = require('multer');\nconst upload = multer({ storage: multer.memoryStorage() });",
    "const multer = require('multer');\nconst upload = multer();",
    "const multer = require('multer');\nconst multerS3 = require('multer-s3');\nconst upload = multer({ storage: multerS3({ s3, bucket: process.env.BUCKET }) });",
    // Local disk only outside production.
    "const multer = require('multer');\nconst upload = process.env.NODE_ENV === 'production' ? multer({ storage: multerS3(opts) }) : multer({ dest: 'uploads/' });",
    // A stream that is no upload piped to a file, and a file stream whose owner is no multipart part.
    "const fs = require('fs');\nasync function dump(db) { await pipeline(db.export(), fs.createWriteStream('dump.sql')); }",
    "import fs from 'fs';\nasync function copy(entry: ZipEntry) { await pipeline(entry.file, fs.createWriteStream('out.bin')); }",
    { code: "def upload():\n    f = request.files['f']\n    if settings.DEBUG:\n        f.save(os.path.join('uploads', f.filename))\n    else:\n        s3.upload_fileobj(f, BUCKET, f.filename)\n", language: 'python' },
    // Scratch space in the temporary directory, for one request.
    "const os = require('os');\nconst multer = require('multer');\nconst upload = multer({ dest: os.tmpdir() });",
    "import multer from 'multer';\nconst upload = multer({ storage: multer.diskStorage({ destination: '/tmp/uploads' }) });",
    "const formidable = require('formidable');\nconst form = formidable({ uploadDir: os.tmpdir(), keepExtensions: true });",
    "const formidable = require('formidable');\nconst form = formidable({ maxFileSize: 5 * 1024 * 1024 });",
    "import { FileInterceptor } from '@nestjs/platform-express';\n@UseInterceptors(FileInterceptor('file', { limits: { fileSize: 1e6 } }))\nclass C {}",
    // fs writes of other data, or of an upload into the temporary directory.
    "const fs = require('fs');\nfs.writeFileSync('out/report.json', JSON.stringify(req.body));\nfs.writeFileSync(path.join(os.tmpdir(), req.file.originalname), req.file.buffer);",
    // A formData() upload staged in the temp dir, or sent to object storage without touching the disk.
    "import { writeFile } from 'node:fs/promises';\nexport async function POST(request) {\n  const file = (await request.formData()).get('file');\n  await writeFile(path.join(os.tmpdir(), file.name), Buffer.from(await file.arrayBuffer()));\n}",
    "import { writeFile } from 'node:fs/promises';\nexport async function POST(request) {\n  const form = await request.formData();\n  await s3.send(new PutObjectCommand({ Bucket, Key: 'a', Body: Buffer.from(await form.get('file').arrayBuffer()) }));\n  await writeFile('build/manifest.json', JSON.stringify(manifest));\n}",
    "bb.on('file', (name, file) => { file.pipe(s3Upload(name)); });\nemitter.on('data', () => fs.createWriteStream('x.bin'));",
    // `dest`, `uploadDir`, `.mv()` and `diskStorage` that have nothing to do with these libraries.
    "const copy = { dest: 'build/' };\ngulp.dest('dist/');",
    "const config = { uploadDir: 'uploads' };\nsettings.uploadDir = 'uploads';",
    "files.mv('a', 'b');\nshell.mv('src', 'dst');",
    "import { diskStorage } from './storage';\nconst s = diskStorage({ destination: 'uploads' });",
    // Unfinished code while typing: no crash, no finding.
    "const multer = require('multer');\nconst upload = multer({ dest: ",
    { code: "def upload():\n    request.files['f'].save(\n", language: 'python' },
    // Python: uploads to object storage, models and images that are not uploads, temp files.
    { code: "f = request.files['file']\ns3.upload_fileobj(f, os.environ['BUCKET'], f.filename)\n", language: 'python' },
    { code: 'user.save()\nform.save(commit=False)\n', language: 'python' },
    { code: "image.save('thumbnail.png')\n", language: 'python' },
    { code: "f = request.files['file']\nbuf = io.BytesIO()\nf.save(buf)\n", language: 'python' },
    { code: "f = request.files['file']\nf.save(os.path.join(tempfile.gettempdir(), 'x'))\n", language: 'python' },
    { code: "app.config['UPLOAD_FOLDER'] = os.environ.get('UPLOAD_FOLDER', '/tmp')\n", language: 'python' },
    { code: "def export(report):\n    with open('report.csv', 'w') as out:\n        out.write(report)\n", language: 'python' },
    { code: 'async def upload(file: UploadFile):\n    data = await file.read()\n    await storage.put(file.filename, data)\n', language: 'python' },
    // Writes in functions that handle no upload; an upload copied into a temporary file.
    { code: "def write_report(rows):\n    with open('report.csv', 'w') as out:\n        out.writelines(rows)\n    Path('out.bin').write_bytes(b'')\n", language: 'python' },
    { code: "def upload():\n    f = request.files['f']\n    with tempfile.NamedTemporaryFile('wb') as tmp:\n        f.save(tmp)\n", language: 'python' },
    { code: "STORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}, 'staticfiles': {'BACKEND': 'django.core.files.storage.FileSystemStorage'}}\n", language: 'python' },
  ],
  invalid: [
    // @fastify/multipart parts piped to a local file (fastify/demo's file-manager.ts): a typed parameter, a
    // for-await over request.parts(), and .pipe()
    {
      name: 'fastify-multipart: MultipartFile parameter piped with pipeline()',
      code: "import fs from 'fs';\nimport { pipeline } from 'node:stream/promises';\nexport async function upload(file: MultipartFile, dest: string) {\n  await pipeline(file.file, fs.createWriteStream(dest));\n}",
      language: 'ts',
      errors: [{ messageId: 'localUpload', line: 4, column: 29 }],
    },
    {
      name: 'fastify-multipart: parts iterated and piped with .pipe()',
      code: "const fs = require('fs');\nasync function handler(request) {\n  for await (const part of request.parts()) {\n    part.file.pipe(fs.createWriteStream('uploads/' + part.filename));\n  }\n}",
      errors: [{ messageId: 'localUpload', line: 4, column: 20 }],
    },
    {
      code: "const multer = require('multer');\nconst upload = multer({ dest: 'uploads/' });",
      errors: [{ messageId: 'localUpload', line: 2, column: 31, message: "multer's dest option" }],
      output: null,
    },
    {
      code: "import multer from 'multer';\nconst storage = multer.diskStorage({\n  destination: (req, file, cb) => cb(null, 'uploads/'),\n  filename: (req, file, cb) => cb(null, file.originalname),\n});",
      language: 'ts',
      errors: [{ messageId: 'localUpload', line: 2, column: 17, message: 'multer.diskStorage()' }],
    },
    {
      name: 'options held in a constant',
      code: "const multer = require('multer');\nconst options = { dest: path.join(__dirname, 'public/uploads') };\nmodule.exports = multer(options);",
      errors: [{ messageId: 'localUpload', line: 2, column: 25 }],
    },
    {
      code: "const { diskStorage } = require('multer');\nconst storage = diskStorage({ destination: './uploads' });",
      errors: [{ messageId: 'localUpload', line: 2, column: 17 }],
    },
    {
      name: 'NestJS multer options',
      code: "import { MulterModule, FileInterceptor } from '@nestjs/platform-express';\nMulterModule.register({ dest: './upload' });\n@UseInterceptors(FileInterceptor('file', { dest: 'uploads' }))\nclass C {}",
      language: 'ts',
      errors: [{ messageId: 'localUpload', line: 2, column: 31, message: "MulterModule.register()'s dest option" }, { messageId: 'localUpload', line: 3, column: 50 }],
    },
    {
      code: "const formidable = require('formidable');\nconst form = formidable({ uploadDir: path.join(__dirname, 'uploads'), keepExtensions: true });\nconst old = new formidable.IncomingForm({ uploadDir: './files' });",
      errors: [{ messageId: 'localUpload', line: 2, column: 38 }, { messageId: 'localUpload', line: 3, column: 54 }],
    },
    {
      code: "const { IncomingForm } = require('formidable');\nconst form = new IncomingForm();\nform.uploadDir = './uploads';",
      errors: [{ messageId: 'localUpload', line: 3, column: 1 }],
    },
    {
      name: 'express-fileupload .mv() of a request file',
      code: "app.post('/upload', (req, res) => {\n  const avatar = req.files.avatar;\n  avatar.mv('./uploads/' + avatar.name);\n  req.files['doc'].mv(`${__dirname}/uploads/doc.pdf`);\n});",
      errors: [{ messageId: 'localUpload', line: 3, column: 3 }, { messageId: 'localUpload', line: 4, column: 3 }],
    },
    {
      name: 'fs writes of a request file; busboy streams',
      code: "const fs = require('fs');\napp.post('/a', (req, res) => {\n  fs.writeFileSync(`uploads/${req.file.originalname}`, req.file.buffer);\n  const f = req.files.doc;\n  fs.rename(f.tempFilePath, path.join('storage', f.name), done);\n});\nbb.on('file', (name, file, info) => {\n  file.pipe(fs.createWriteStream(path.join(UPLOAD_DIR, info.filename)));\n});",
      errors: [{ messageId: 'localUpload', line: 3, column: 3 }, { messageId: 'localUpload', line: 5, column: 3 }, { messageId: 'localUpload', line: 8, column: 13 }],
    },
    {
      name: "Next.js route handler: the request's formData() file written to public/uploads",
      code: "import { writeFile } from 'node:fs/promises';\nexport async function POST(request: Request) {\n  const data = await request.formData();\n  const file = data.get('file') as File;\n  const bytes = Buffer.from(await file.arrayBuffer());\n  await writeFile(path.join(process.cwd(), 'public', 'uploads', file.name), bytes);\n}",
      language: 'ts',
      errors: [{ messageId: 'localUpload', line: 6, column: 9 }],
    },
    // Python
    {
      name: 'Flask: file.save into UPLOAD_FOLDER',
      code: "@app.route('/upload', methods=['POST'])\ndef upload():\n    file = request.files['file']\n    filename = secure_filename(file.filename)\n    file.save(os.path.join(app.config['UPLOAD_FOLDER'], filename))\n",
      language: 'python',
      errors: [{ messageId: 'localUpload', line: 5, column: 5, message: 'saving an uploaded file with .save()' }],
      output: null,
    },
    {
      name: 'Flask: request file saved to a literal path; a list of files',
      code: "def upload():\n    request.files['photo'].save(f'static/photos/{name}')\n    for f in request.files.getlist('docs'):\n        path = os.path.join('uploads', f.filename)\n        f.save(path)\n",
      language: 'python',
      errors: [{ messageId: 'localUpload', line: 2, column: 5 }, { messageId: 'localUpload', line: 5, column: 9 }],
    },
    {
      name: 'an image from the upload, saved into the upload folder',
      code: "def thumb(img, name):\n    img.save(os.path.join(UPLOAD_FOLDER, name))\n",
      language: 'python',
      errors: [{ messageId: 'localUpload', line: 2, column: 5 }],
    },
    {
      name: 'FastAPI: an UploadFile written with open()',
      code: "@app.post('/upload')\nasync def upload(file: UploadFile = File(...)):\n    with open(f'uploads/{file.filename}', 'wb') as buffer:\n        shutil.copyfileobj(file.file, buffer)\n",
      language: 'python',
      errors: [{ messageId: 'localUpload', line: 3, column: 10, message: 'open()' }],
    },
    {
      name: "Django's handle_uploaded_file, Flask's quickstart with secure_filename, a Path's write_bytes",
      code: "def handle_uploaded_file(f):\n    with open('some/file/name.txt', 'wb+') as destination:\n        for chunk in f.chunks():\n            destination.write(chunk)\n\ndef upload():\n    f = request.files['the_file']\n    f.save(secure_filename(f.filename))\n\nasync def put(file: UploadFile):\n    Path('uploads', file.filename).write_bytes(await file.read())\n",
      language: 'python',
      errors: [{ messageId: 'localUpload', line: 2, column: 10 }, { messageId: 'localUpload', line: 8, column: 5 }, { messageId: 'localUpload', line: 11, column: 5 }],
    },
    {
      name: 'Django: FileSystemStorage in code and in settings',
      code: "from django.core.files.storage import FileSystemStorage\nfs = FileSystemStorage()\nname = fs.save(myfile.name, myfile)\nDEFAULT_FILE_STORAGE = 'django.core.files.storage.FileSystemStorage'\nSTORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'}}\n",
      language: 'python',
      errors: [
        { messageId: 'localUpload', line: 2, column: 6, message: "Django's FileSystemStorage" },
        { messageId: 'localUpload', line: 4, column: 24 },
        { messageId: 'localUpload', line: 5, column: 36, message: "STORAGES['default']" },
      ],
    },
  ],
});
