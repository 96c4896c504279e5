/**
 * The bundled examples through the real CLI, one process for all of them: each app full of mistakes yields exactly
 * the rules (and the files) its README promises, no raw secret of it reaches the output, and each clean twin yields
 * no finding at all.
 *
 * An obvious mistake that a rule misses today is left out of the expected map and named in a `miss:` comment beside
 * it; when the engine learns it, this test fails until the entry is added.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { JsonReport } from '../../server/src/report/json';
import { REPO, runCli } from './helpers';

interface Example {
  /** Folder under examples/ full of mistakes. */
  app: string;
  /** Its clean twin under examples/. */
  clean: string;
  /** Rule id → the files (relative to the app) it must report, and no others. */
  findings: Record<string, string[]>;
  /** Strings of the app's credentials that must never appear in any output (they are in the files). */
  secrets: string[];
}

const EXAMPLES: Example[] = [
  {
    app: 'express-app',
    clean: 'clean-app',
    findings: {
      'missing-lockfile': ['package.json'],
      'env-file-not-ignored': ['.env'],
      'no-credentials-in-url': ['src/db.js'],
      'no-hardcoded-secret': ['src/auth.js', 'src/payments.js', 'src/server.js', 'worker/app.py'],
      'no-env-grouped-config': ['src/config.js'],
      'no-hardcoded-backing-service-url': ['src/cache.js', 'worker/app.py'],
      'no-in-memory-session': ['src/server.js'],
      'no-local-file-upload': ['src/server.js'],
      'no-hardcoded-port': ['src/server.js', 'worker/app.py'],
      'procfile-web-port': ['Procfile'],
      'missing-shutdown-handler': ['src/server.js', 'worker/app.py'],
      'no-dev-prod-divergence': ['src/storage.js'],
      'no-file-logging': ['src/logger.js', 'worker/app.py'],
    },
    secrets: ['Pr0dPassw0rd-000', '51H000aZq8Xv2Lm7Rt3Kp9Wn', 'kX9q000vL2qRz8mZ4wT6yB1n'],
  },
  {
    app: 'go-service',
    clean: 'go-service-clean',
    findings: {
      'missing-lockfile': ['go.mod'],
      'env-file-not-ignored': ['.env'],
      'env-example-drift': ['config.go', 'db.go'],
      'no-credentials-in-url': ['config/config.yml', 'db.go'],
      'no-hardcoded-secret': ['auth.go'],
      'no-env-grouped-config': ['config/config.yml'],
      'no-hardcoded-backing-service-url': ['cache.go'],
      'no-in-memory-session': ['auth.go'],
      'no-local-file-upload': ['orders.go'],
      'no-hardcoded-port': ['main.go'],
      // miss: procfile-web-port on Procfile line 1 (`web: bin/orders`): the Go binary never reads PORT (main.go
      // listens on ":8080"), but the rule only judges runtimes it knows (node, python…), not a compiled binary.
      'missing-shutdown-handler': ['main.go'],
      'no-dev-prod-divergence': ['db.go'],
      'no-file-logging': ['logging.go'],
      'invalid-suppression': ['auth.go'],
    },
    secrets: ['s3cr3t', 'orders-session-key-0000'],
  },
  {
    app: 'spring-service',
    clean: 'spring-service-clean',
    findings: {
      // miss: missing-lockfile on pom.xml line 46: a `1.4.0-SNAPSHOT` dependency (Maven has no lockfile; the rule
      // knows npm, Python and Go manifests only).
      'no-credentials-in-url': ['src/main/resources/application.yml'],
      'no-hardcoded-secret': [
        'src/main/java/com/acme/orders/reporting/ReportingDataSource.java',
        'src/main/java/com/acme/orders/security/JwtService.java',
        'src/main/resources/application.yml',
        'src/main/resources/mail.properties',
      ],
      'no-env-grouped-config': ['src/main/resources/application-prod.yml'],
      'no-hardcoded-backing-service-url': [
        'src/main/java/com/acme/orders/reporting/ReportingDataSource.java',
        'src/main/resources/application-prod.yml',
        'src/main/resources/application.yml',
      ],
      'no-in-memory-session': ['src/main/java/com/acme/orders/cart/CartSessions.java'],
      'no-local-file-upload': ['src/main/java/com/acme/orders/web/ReceiptController.java'],
      'no-hardcoded-port': ['src/main/resources/application.yml'],
      // miss: procfile-web-port on Procfile line 1 (`web: java -jar target/orders-service.jar`): no
      // `-Dserver.port=$PORT`, so the app binds server.port 8081, but the rule does not know `java -jar`.
      // (missing-shutdown-handler does not apply: Spring Boot handles SIGTERM itself.)
      'no-dev-prod-divergence': ['src/main/java/com/acme/orders/config/DataSourceConfig.java'],
      'no-file-logging': ['src/main/resources/application.yml'],
      'invalid-suppression': ['src/main/java/com/acme/orders/security/JwtService.java'],
    },
    secrets: ['s3cr3t'],
  },
  {
    app: 'aspnet-app',
    clean: 'aspnet-app-clean',
    findings: {
      // miss: missing-lockfile on Orders.Api.csproj line 11: floating `Version="8.0.*"` package references and no
      // packages.lock.json (the rule does not read .csproj files).
      'no-credentials-in-url': ['Reporting/ReportingQueries.cs', 'appsettings.Production.json', 'appsettings.json'],
      'no-hardcoded-secret': ['Program.cs', 'appsettings.json'],
      'no-env-grouped-config': ['appsettings.Production.json'],
      'no-hardcoded-backing-service-url': ['Data/OrderEvents.cs'],
      'no-in-memory-session': ['Program.cs'],
      'no-local-file-upload': ['Controllers/ReceiptsController.cs'],
      'no-hardcoded-port': ['Program.cs'],
      // miss: procfile-web-port on Procfile line 1 (`web: dotnet Orders.Api.dll --urls http://0.0.0.0:5000`): a
      // fixed port in `--urls`, which the rule does not read.
      'no-dev-prod-divergence': ['Program.cs'],
      'no-file-logging': ['Program.cs', 'appsettings.json'],
      'invalid-suppression': ['Program.cs'],
    },
    secrets: ['s3cr3t', '51OrdersExampleKey'],
  },
  {
    app: 'rails-app',
    clean: 'rails-app-clean',
    findings: {
      // miss: missing-lockfile on Gemfile line 1: no Gemfile.lock (the rule does not read Gemfiles).
      'env-file-not-ignored': ['.env'],
      'no-credentials-in-url': ['app/models/reporting_record.rb'],
      'no-hardcoded-secret': ['config/database.yml', 'config/initializers/stripe.rb'],
      'no-env-grouped-config': ['config/database.yml'],
      'no-hardcoded-backing-service-url': ['config/initializers/redis.rb'],
      'no-in-memory-session': ['config/environments/production.rb'],
      'no-local-file-upload': ['config/environments/production.rb'],
      'no-hardcoded-port': ['config/puma.rb'],
      'procfile-web-port': ['Procfile'],
      'malformed-procfile': ['Procfile'],
      'no-dev-prod-divergence': ['config/database.yml'],
      'no-file-logging': ['config/environments/production.rb'],
      'invalid-suppression': ['config/initializers/stripe.rb'],
    },
    secrets: ['s3cr3t', '51OrdersExampleKey'],
  },
];

const folder = (name: string) => join(REPO, 'examples', name);

/** Rule id → sorted files, for the findings of one root. */
function ruleFiles(report: JsonReport, root: number): Record<string, string[]> {
  const byRule = new Map<string, Set<string>>();
  for (const f of report.findings.filter((x) => x.root === root)) {
    if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, new Set());
    byRule.get(f.ruleId)!.add(f.path);
  }
  return Object.fromEntries([...byRule].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, files]) => [id, [...files].sort()]));
}

const sorted = (map: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, files]) => [id, [...files].sort()]));

describe('examples', () => {
  let report: JsonReport;
  let text: string;
  let clean: JsonReport;
  before(() => {
    const apps = EXAMPLES.map((e) => `examples/${e.app}`);
    const run = runCli([...apps, '--format', 'json']);
    assert.equal(run.code, 1, `the examples hold errors, so the CLI exits 1:\n${run.stderr}`);
    report = JSON.parse(run.stdout) as JsonReport;
    text = runCli([...apps, '--no-color']).stdout;
    const twins = runCli([...EXAMPLES.map((e) => `examples/${e.clean}`), '--format', 'json', '--fail-on', 'warning']);
    assert.equal(twins.code, 0, `a clean twin has a finding at or above warning:\n${twins.stdout}${twins.stderr}`);
    clean = JSON.parse(twins.stdout) as JsonReport;
  });

  EXAMPLES.forEach((example, root) => {
    it(`${example.app}: exactly the rules its README lists, in exactly those files`, () => {
      assert.equal(report.roots[root].path, folder(example.app));
      assert.deepEqual(report.roots[root].ruleErrors, []);
      assert.deepEqual(ruleFiles(report, root), sorted(example.findings));
    });

    it(`${example.app}: no raw credential in the JSON or text output`, () => {
      const files = readdirSync(folder(example.app), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
      const sources = files.map((d) => readFileSync(join(d.parentPath, d.name), 'utf8')).join('\n');
      const json = JSON.stringify(report.findings.filter((f) => f.root === root));
      for (const secret of example.secrets) {
        assert.ok(sources.includes(secret), `${secret} is not in ${example.app}: this check would look for nothing`);
        assert.ok(!json.includes(secret), `${secret} in the JSON report`);
        assert.ok(!text.includes(secret), `${secret} in the text report`);
      }
    });

    it(`${example.clean}: the clean twin yields no finding at all`, () => {
      assert.equal(clean.roots[root].path, folder(example.clean));
      assert.deepEqual(clean.findings.filter((f) => f.root === root), []);
      assert.deepEqual(clean.roots[root].ruleErrors, []);
      const analysed = clean.roots[root].analyzedFiles;
      assert.ok(analysed >= 5, `only ${analysed} files of ${example.clean} were analysed`);
    });
  });
});
