import rule from '../../server/src/rules/no-hardcoded-port';
import { CLEAN_APPS } from '../support/cleanApps';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    // Whole files of a twelve-factor-clean app.
    ...CLEAN_APPS,
    // The twelve-factor forms: the port comes from the environment, with or without a local default.
    'app.listen(process.env.PORT ?? 3000);',
    'app.listen(process.env.PORT || 3000);',
    'app.listen(Number(process.env.PORT) || 3000);',
    'const PORT = process.env.PORT || 3000;\napp.listen(PORT);',
    'const { PORT = 3000 } = process.env;\napp.listen(PORT);',
    'const port = normalizePort(process.env.PORT || "3000");\nserver.listen(port);',
    "fastify.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });",
    'app.set("port", process.env.PORT || 3000);\napp.listen(app.get("port"));',
    // Ports from a config object or a parameter: someone else decides.
    'app.listen(config.port);',
    'const config = { port: 3000 };\napp.listen(config.port);',
    'function start(port) { app.listen(port); }',
    'export function start(app, port = 3000) { app.listen(port); }',
    // A name declared twice (shadowed) is not resolved: ambiguity means unknown.
    'const port = 3000;\nfunction start(port) { server.listen(port); }',
    // Reassigned let: the literal is only a starting value.
    'let port = 3000;\nport = Number(process.env.PORT);\napp.listen(port);',
    // Port 0 asks the OS for a free port; sockets and pipes are not ports.
    'server.listen(0);',
    "server.listen('/tmp/app.sock');",
    "server.listen({ path: '/var/run/app.sock' });",
    'server.listen(handle);',
    // .listen on things that are not servers.
    'emitter.listen(3000);',
    'queue.listen(5);',
    'this.socket.listen(8080);',
    // Hapi/Bun with env ports; a `server()` function that is not Hapi's.
    "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: process.env.PORT || 3000 });",
    'const s = server({ port: 3000 });',
    // ws clients, socket.io attached to the HTTP server, ws sharing the HTTP server.
    "const WebSocket = require('ws');\nconst client = new WebSocket('ws://localhost:8080');",
    "const { Server } = require('socket.io');\nconst httpServer = http.createServer(app);\nconst io = new Server(httpServer);",
    "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ server: httpServer });",
    'Bun.serve({ port: process.env.PORT ?? 3000, fetch });',
    // Python: env ports, no port at all, parameters, non-server calls.
    { code: "app.run(port=int(os.environ.get('PORT', 5000)))\n", language: 'python' },
    { code: "uvicorn.run(app, host='0.0.0.0', port=int(os.getenv('PORT', '8000')))\n", language: 'python' },
    { code: 'app.run(debug=True)\n', language: 'python' },
    { code: 'def main(port):\n    app.run(port=port)\n', language: 'python' },
    { code: 'PORT = 5000\ndef main(PORT=8000):\n    app.run(port=PORT)\n', language: 'python' },
    { code: "db = psycopg2.connect(host='db', port=5432)\n", language: 'python' },
    { code: 'queue.listen(5)\n', language: 'python' },
    // gunicorn: bind from the environment, or a `bind` outside gunicorn's config file.
    { code: "bind = '0.0.0.0:' + os.environ.get('PORT', '8000')\n", language: 'python', path: 'gunicorn.conf.py' },
    { code: "bind = 'unix:/run/app.sock'\n", language: 'python', path: 'gunicorn.conf.py' },
    { code: "bind = '0.0.0.0:8000'\n", language: 'python', path: 'app/settings.py' },
    // gRPC addresses from the environment.
    "server.bindAsync(`0.0.0.0:${process.env.PORT}`, creds, cb);",
    { code: "server.add_insecure_port(f\"[::]:{os.environ['PORT']}\")\n", language: 'python' },
    // A plain socket's listen() takes a backlog, not a port.
    { code: 'import socket\nserver = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\nserver.bind((HOST, PORT))\nserver.listen(5)\n', language: 'python' },
    // Unfinished code while typing: no crash, no finding.
    'app.listen(',
    { code: 'app.run(port=\n', language: 'python' },
    { code: "port = 5000\nif os.environ.get('PORT'):\n    port = int(os.environ['PORT'])\napp.run(port=port)\n", language: 'python' },
    // A local server started only outside production (serverless handlers export the app instead).
    "if (process.env.NODE_ENV !== 'production') {\n  app.listen(3000);\n}\nmodule.exports = app;",
    "const PORT = 3000;\nif (process.env.NODE_ENV === 'production') {\n  module.exports.handler = serverless(app);\n} else {\n  app.listen(PORT);\n}",
    "process.env.NODE_ENV === 'development' && app.listen(3000);",
    { code: "if os.environ.get('FLASK_ENV') == 'development':\n    app.run(port=5000)\n", language: 'python' },
    { code: "ENVIRONMENT = os.getenv('ENVIRONMENT', 'production')\nif ENVIRONMENT == 'production':\n    serve(app, port=int(os.environ['PORT']))\nelse:\n    app.run(port=5000)\n", language: 'python' },
    // Test files are not production code.
    { code: 'app.listen(3000);', path: 'test/server.test.js' },
  ],
  invalid: [
    {
      code: "const app = express();\napp.listen(3000, () => console.log('up'));",
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 12, message: 'Port 3000 is hardcoded in app.listen()' }],
      output: "const app = express();\napp.listen(process.env.PORT ?? 3000, () => console.log('up'));",
    },
    {
      name: 'TypeScript keeps the port a number',
      code: 'await app.listen(3000);',
      language: 'ts',
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 18, envExample: ['PORT'] }],
      output: 'await app.listen(Number(process.env.PORT ?? 3000));',
    },
    {
      code: 'server.listen({ port: 8080, host: "0.0.0.0" });',
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 23 }],
      output: 'server.listen({ port: process.env.PORT ?? 8080, host: "0.0.0.0" });',
    },
    {
      code: "http.createServer(handler).listen(80);",
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 35, message: 'http.createServer(…).listen()' }],
      output: "http.createServer(handler).listen(process.env.PORT ?? 80);",
    },
    {
      code: "require('http').createServer(app.callback()).listen('8080');",
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 53 }],
      output: "require('http').createServer(app.callback()).listen(process.env.PORT ?? '8080');",
    },
    {
      name: 'fastify options object and the old positional form',
      code: "const fastify = Fastify();\nfastify.listen({ port: 3000 });\nfastify.listen(3001, '0.0.0.0');",
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 24 }, { messageId: 'hardcodedPort', line: 3, column: 16 }],
      output: "const fastify = Fastify();\nfastify.listen({ port: process.env.PORT ?? 3000 });\nfastify.listen(process.env.PORT ?? 3001, '0.0.0.0');",
    },
    {
      name: 'koa constructed inline',
      code: "const Koa = require('koa');\nnew Koa().listen(3000);",
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 18 }],
      output: "const Koa = require('koa');\nnew Koa().listen(process.env.PORT ?? 3000);",
    },
    {
      name: 'a variable holding a server, whatever its name',
      code: "const net = require('net');\nconst s = net.createServer(onConnection);\ns.listen(7000);",
      errors: [{ messageId: 'hardcodedPort', line: 3, column: 10 }],
      output: "const net = require('net');\nconst s = net.createServer(onConnection);\ns.listen(process.env.PORT ?? 7000);",
    },
    {
      name: 'hapi',
      code: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: 3000, host: 'localhost' });",
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 36, message: 'Hapi.server()' }],
      output: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: process.env.PORT ?? 3000, host: 'localhost' });",
    },
    {
      name: 'WebSocket and socket.io servers',
      code: "import { WebSocketServer } from 'ws';\nconst WebSocket = require('ws');\nconst { Server } = require('socket.io');\nconst a = new WebSocketServer({ port: 8080 });\nconst b = new WebSocket.Server({ port: 8081 });\nconst io = new Server(3000, { cors: {} });",
      errors: [{ messageId: 'hardcodedPort', line: 4, column: 39 }, { messageId: 'hardcodedPort', line: 5, column: 40, message: 'new WebSocket.Server()' }, { messageId: 'hardcodedPort', line: 6, column: 23 }],
      output: "import { WebSocketServer } from 'ws';\nconst WebSocket = require('ws');\nconst { Server } = require('socket.io');\nconst a = new WebSocketServer({ port: process.env.PORT ?? 8080 });\nconst b = new WebSocket.Server({ port: process.env.PORT ?? 8081 });\nconst io = new Server(process.env.PORT ?? 3000, { cors: {} });",
    },
    {
      code: "import { Server } from '@hapi/hapi';\nconst server = new Server({ port: 4000 });",
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 35 }],
      output: "import { Server } from '@hapi/hapi';\nconst server = new Server({ port: process.env.PORT ?? 4000 });",
    },
    {
      name: 'a constant of the same file: reported and fixed once, at the constant',
      code: 'const PORT = 3000;\napp.listen(PORT);\napp2.listen(PORT, () => {});',
      errors: [{ messageId: 'hardcodedPortConstant', line: 1, column: 14, message: "'PORT'" }],
      output: 'const PORT = process.env.PORT ?? 3000;\napp.listen(PORT);\napp2.listen(PORT, () => {});',
    },
    {
      code: 'var port = 8000;\nserver.listen({ port });',
      errors: [{ messageId: 'hardcodedPortConstant', line: 1, column: 12 }],
      output: 'var port = process.env.PORT ?? 8000;\nserver.listen({ port });',
    },
    {
      code: "app.set('port', 3000);\napp.listen(app.get('port'));",
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 17 }],
      output: "app.set('port', process.env.PORT ?? 3000);\napp.listen(app.get('port'));",
    },
    {
      name: 'a branch that runs in production is still reported',
      code: "if (process.env.NODE_ENV === 'production') {\n  app.listen(8080);\n}",
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 14 }],
      output: "if (process.env.NODE_ENV === 'production') {\n  app.listen(process.env.PORT ?? 8080);\n}",
    },
    {
      code: 'this.app.listen(3000);',
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 17, message: 'this.app.listen()' }],
      output: 'this.app.listen(process.env.PORT ?? 3000);',
    },
    {
      code: 'Bun.serve({ port: 3000, fetch });\nDeno.serve({ port: 8000 }, handler);',
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 19 }, { messageId: 'hardcodedPort', line: 2, column: 20 }],
      output: 'Bun.serve({ port: process.env.PORT ?? 3000, fetch });\nDeno.serve({ port: Number(Deno.env.get("PORT") ?? 8000) }, handler);',
    },
    // Python
    {
      code: "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=5000)\n",
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 4, column: 34, message: 'app.run()' }],
      output: "from flask import Flask\nimport os\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=int(os.environ.get(\"PORT\", \"5000\")))\n",
    },
    {
      code: 'import os\nimport uvicorn\nuvicorn.run("main:app", host="0.0.0.0", port=8000)\n',
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 3, column: 46 }],
      output: 'import os\nimport uvicorn\nuvicorn.run("main:app", host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))\n',
    },
    {
      code: 'from aiohttp import web\nweb.run_app(app, port=8080)\n',
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 23 }],
      output: 'from aiohttp import web\nimport os\nweb.run_app(app, port=int(os.environ.get("PORT", "8080")))\n',
    },
    {
      code: 'import os\nfrom aiohttp import web\nsite = web.TCPSite(runner, "0.0.0.0", 8081)\n',
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 3, column: 39 }],
      output: 'import os\nfrom aiohttp import web\nsite = web.TCPSite(runner, "0.0.0.0", int(os.environ.get("PORT", "8081")))\n',
    },
    {
      name: 'a module constant, fixed at its assignment',
      code: 'import os\nPORT = 5000\n\ndef main():\n    app.run(port=PORT)\n',
      language: 'python',
      errors: [{ messageId: 'hardcodedPortConstant', line: 2, column: 8 }],
      output: 'import os\nPORT = int(os.environ.get("PORT", "5000"))\n\ndef main():\n    app.run(port=PORT)\n',
    },
    {
      name: 'Flask positional port, Tornado listen, wsgiref, http.server',
      code: "import os\nimport tornado.web\napp.run('0.0.0.0', 5000)\napplication.listen(8888)\nmake_server('', 8001, wsgi_app)\nHTTPServer(('', 8002), Handler)\n",
      language: 'python',
      errors: [
        { messageId: 'hardcodedPort', line: 3, column: 20 },
        { messageId: 'hardcodedPort', line: 4, column: 20 },
        { messageId: 'hardcodedPort', line: 5, column: 17 },
        { messageId: 'hardcodedPort', line: 6, column: 17 },
      ],
      output:
        'import os\nimport tornado.web\napp.run(\'0.0.0.0\', int(os.environ.get("PORT", "5000")))\napplication.listen(int(os.environ.get("PORT", "8888")))\nmake_server(\'\', int(os.environ.get("PORT", "8001")), wsgi_app)\nHTTPServer((\'\', int(os.environ.get("PORT", "8002"))), Handler)\n',
    },
    {
      name: 'a socket bound to a literal port',
      code: "import os\nimport socket\nwith socket.socket() as s:\n    s.bind(('0.0.0.0', 9000))\n    s.listen(5)\n",
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 4, column: 24, message: 's.bind()' }],
      output: 'import os\nimport socket\nwith socket.socket() as s:\n    s.bind((\'0.0.0.0\', int(os.environ.get("PORT", "9000"))))\n    s.listen(5)\n',
    },
    {
      name: "gunicorn's bind setting in gunicorn.conf.py",
      code: 'workers = 4\nbind = "0.0.0.0:8000"\n',
      language: 'python',
      path: 'gunicorn.conf.py',
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 8, message: "gunicorn's bind setting" }],
      output: 'import os\nworkers = 4\nbind = "0.0.0.0:" + os.environ.get("PORT", "8000")\n',
    },
    {
      name: 'gRPC server addresses',
      code: "import os\nserver = grpc.server(futures.ThreadPoolExecutor(max_workers=10))\nserver.add_insecure_port('[::]:50051')\n",
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 3, column: 26, message: 'server.add_insecure_port()' }],
      output: 'import os\nserver = grpc.server(futures.ThreadPoolExecutor(max_workers=10))\nserver.add_insecure_port("[::]:" + os.environ.get("PORT", "50051"))\n',
    },
    {
      code: "const ADDRESS = '0.0.0.0:50051';\nserver.bindAsync(ADDRESS, grpc.ServerCredentials.createInsecure(), () => server.start());",
      language: 'ts',
      errors: [{ messageId: 'hardcodedPortConstant', line: 1, column: 17, message: "'ADDRESS'" }],
      output: 'const ADDRESS = `0.0.0.0:${process.env.PORT ?? 50051}`;\nserver.bindAsync(ADDRESS, grpc.ServerCredentials.createInsecure(), () => server.start());',
    },
    {
      name: 'a computed receiver still has a port keyword',
      code: 'import os\ncreate_app().run(port=5000)\n',
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 23 }],
      output: 'import os\ncreate_app().run(port=int(os.environ.get("PORT", "5000")))\n',
    },
    {
      name: 'below a shebang and a licence comment, with the file\'s CRLF line ends',
      code: '#!/usr/bin/env python\r\n# Licence: MIT\r\n"""Server."""\r\nwaitress.serve(app, port=8080)\r\n',
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 4, column: 26 }],
      output: '#!/usr/bin/env python\r\n# Licence: MIT\r\n"""Server."""\r\nimport os\r\nwaitress.serve(app, port=int(os.environ.get("PORT", "8080")))\r\n',
    },
    {
      name: 'at the very top when there is nothing else',
      code: 'waitress.serve(app, port=8080)\n',
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 26 }],
      output: 'import os\nwaitress.serve(app, port=int(os.environ.get("PORT", "8080")))\n',
    },
    {
      name: 'import os goes after the module docstring when there are no imports',
      code: '"""Entry point."""\nwaitress.serve(app, port=8080)\n',
      language: 'python',
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 26 }],
      output: '"""Entry point."""\nimport os\nwaitress.serve(app, port=int(os.environ.get("PORT", "8080")))\n',
    },
  ],
});
