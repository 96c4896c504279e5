import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../server/src/rules/missing-shutdown-handler';
import { loadProject, memoryProject, runRule, where } from '../support/project';

describe('missing-shutdown-handler', () => {
  it('reports the listen call of packages that handle neither SIGTERM nor SIGINT', async () => {
    const { root, files } = loadProject('shutdown');
    const findings = await runRule(rule, root, files);
    assert.deepEqual(findings.map(where), [
      // Flask's development server, run directly, with nothing to drain requests on SIGTERM
      'flask-bare/app.py:14:5 missing-shutdown-handler/noHandler',
      // child.kill('SIGTERM') sends a signal, it does not handle one
      'node-no-handler/src/server.js:6:1 missing-shutdown-handler/noHandler',
    ]);
    assert.match(findings[1].message, /^app\.listen starts a server/);
    assert.equal(findings[1].factor, 'IX');
    // fastify + process.once('SIGTERM'), a signal list, gunicorn in the Procfile, uvicorn.run, a server in a test: silent
  });

  const cases: { name: string; files: Record<string, string>; expected: string[] }[] = [
    { name: 'a handler in another file of the package counts', files: { 'package.json': '{}', 'src/server.js': 'app.listen(port);', 'src/shutdown.js': "process.on('SIGINT', stop);" }, expected: [] },
    { name: 'a handler in another package does not', files: { 'a/package.json': '{}', 'a/server.js': 'app.listen(port);', 'b/package.json': '{}', 'b/stop.js': "process.on('SIGTERM', stop);" }, expected: ['a/server.js:1:1 missing-shutdown-handler/noHandler'] },
    { name: '@godaddy/terminus handles SIGTERM', files: { 'package.json': '{}', 'server.js': "const { createTerminus } = require('@godaddy/terminus');\ncreateTerminus(server, { onSignal });\nserver.listen(port);" }, expected: [] },
    { name: 'NestJS enableShutdownHooks', files: { 'package.json': '{}', 'main.ts': 'const app = await NestFactory.create(AppModule);\napp.enableShutdownHooks();\nawait app.listen(3000);' }, expected: [] },
    { name: 'Python signal.signal', files: { 'requirements.txt': 'flask==3.1.0\n', 'app.py': 'import signal\nfrom flask import Flask\napp = Flask(__name__)\nsignal.signal(signal.SIGTERM, lambda *a: None)\napp.run()\n' }, expected: [] },
    { name: 'http.server serve_forever', files: { 'requirements.txt': '', 'serve.py': 'from http.server import HTTPServer\nHTTPServer(("", 8000), H).serve_forever()\n' }, expected: ['serve.py:2:1 missing-shutdown-handler/noHandler'] },
    { name: 'app.run(debug=True) is the development server', files: { 'requirements.txt': '', 'app.py': 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n' }, expected: [] },
    { name: 'aiohttp run_app handles signals', files: { 'requirements.txt': '', 'app.py': 'from aiohttp import web\nweb.run_app(app)\n' }, expected: [] },
    { name: 'listen() on something that is not a server', files: { 'package.json': '{}', 'jobs.js': 'queue.listen(5);\npubsub.listen();' }, expected: [] },
    { name: 'a const holding a created server', files: { 'package.json': '{}', 'tcp.js': "const s = require('net').createServer(onConnection);\ns.listen(process.env.PORT);" }, expected: ['tcp.js:2:1 missing-shutdown-handler/noHandler'] },
    { name: 'Go: ListenAndServe without signal.Notify', files: { 'go.mod': 'module x\n', 'main.go': 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":"+port, nil)\n}\n' }, expected: ['main.go:6:2 missing-shutdown-handler/noHandler'] },
    { name: 'Go: signal.Notify on SIGTERM', files: { 'go.mod': 'module x\n', 'main.go': 'package main\n\nfunc main() {\n\tsignal.Notify(stop, syscall.SIGTERM)\n\tgo srv.ListenAndServe()\n}\n' }, expected: [] },
    // Go frameworks start servers too (the corpus labels gin, echo and fiber apps); Run/Start/Listen need evidence
    { name: 'Go: gin r.Run() without a handler', files: { 'go.mod': 'module x\n', 'main.go': 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.Default()\n\tr.Run()\n}\n' }, expected: ['main.go:7:2 missing-shutdown-handler/noHandler'] },
    { name: 'Go: echo Start on a router made elsewhere, with a literal address', files: { 'go.mod': 'module x\n', 'main.go': 'package main\n\nfunc main() {\n\tr := router.New()\n\tr.Logger.Fatal(r.Start("127.0.0.1:8585"))\n}\n' }, expected: ['main.go:5:17 missing-shutdown-handler/noHandler'] },
    { name: 'Go: fiber Listen on a *fiber.App parameter', files: { 'go.mod': 'module x\n', 'server.go': 'package utils\n\nimport "github.com/gofiber/fiber/v2"\n\nfunc Start(a *fiber.App) {\n\ta.Listen(os.Getenv("SERVER_URL"))\n}\n' }, expected: ['server.go:6:2 missing-shutdown-handler/noHandler'] },
    { name: 'Go: Run/Start on things that are not routers', files: { 'go.mod': 'module x\n', 'jobs.go': 'package main\n\nfunc main() {\n\texec.Command("ls").Run()\n\tprocessor.server.Start(mux)\n\tworker.Start()\n}\n' }, expected: [] },
    { name: 'Go: ozzo-routing GracefulShutdown traps the signals', files: { 'go.mod': 'module x\n', 'main.go': 'package main\n\nfunc main() {\n\tgo routing.GracefulShutdown(hs, 10*time.Second, logger.Infof)\n\ths.ListenAndServe()\n}\n' }, expected: [] },
    { name: 'Go: signal.NotifyContext with the signal list in a variable', files: { 'go.mod': 'module x\n', 'main.go': 'package main\n\nvar interruptSignals = []os.Signal{}\n\nfunc main() {\n\tctx, stop := signal.NotifyContext(context.Background(), interruptSignals...)\n\tdefer stop()\n\tsrv.ListenAndServe()\n}\n' }, expected: [] },
    // Java: Spring Boot registers its own shutdown hook; embedded servers started by hand do not.
    { name: 'Java: SpringApplication.run handles SIGTERM', files: { 'src/main/java/App.java': 'import org.springframework.boot.SpringApplication;\nimport org.springframework.boot.autoconfigure.SpringBootApplication;\n\n@SpringBootApplication\npublic class App {\n  public static void main(String[] args) {\n    SpringApplication.run(App.class, args);\n  }\n}\n' }, expected: [] },
    { name: 'Java: Javalin start without a shutdown hook', files: { 'src/main/java/App.java': 'import io.javalin.Javalin;\n\npublic class App {\n  public static void main(String[] args) {\n    Javalin app = Javalin.create();\n    app.start(port());\n  }\n}\n' }, expected: ['src/main/java/App.java:6:9 missing-shutdown-handler/noHandler'] },
    { name: 'Java: Javalin with Runtime.addShutdownHook', files: { 'src/main/java/App.java': 'import io.javalin.Javalin;\n\npublic class App {\n  public static void main(String[] args) {\n    Javalin app = Javalin.create().start(7070);\n    Runtime.getRuntime().addShutdownHook(new Thread(app::stop));\n  }\n}\n' }, expected: [] },
    { name: 'Java: Spark port and a plain ServerSocket', files: { 'src/main/java/App.java': 'import static spark.Spark.*;\n\npublic class App {\n  public static void main(String[] args) throws Exception {\n    port(4567);\n    new java.net.ServerSocket(9000);\n  }\n}\n' }, expected: ['src/main/java/App.java:5:5 missing-shutdown-handler/noHandler', 'src/main/java/App.java:6:9 missing-shutdown-handler/noHandler'] },
    { name: 'Java: start() on things that are not servers, and servers in tests', files: { 'src/main/java/Jobs.java': 'import io.javalin.Javalin;\n\nclass Jobs {\n  void run(Thread worker) {\n    worker.start();\n  }\n}\n', 'src/test/java/AppTest.java': 'import io.javalin.Javalin;\n\nclass AppTest {\n  void up() {\n    Javalin.create().start(0);\n  }\n}\n' }, expected: [] },
    { name: 'a created server is named by its maker, never its arguments', files: { 'package.json': '{}', 's.js': "new Server({ password: 'hunter2-hunter2' }).listen(port);" }, expected: ['s.js:1:1 missing-shutdown-handler/noHandler'] },
    { name: 'suppressed', files: { 'package.json': '{}', 'server.js': '// twelve-factor-disable-next-line missing-shutdown-handler -- runs under a supervisor that drains\napp.listen(port);' }, expected: [] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const findings = await runRule(rule, '/project', memoryProject(c.files));
      assert.deepEqual(findings.map(where), c.expected);
      for (const f of findings) assert.ok(!f.message.includes('hunter2'), f.message);
    });
  }
});
