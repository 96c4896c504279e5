/**
 * SARIF output: valid against the SARIF 2.1.0 JSON schema (the schema file shipped in @microsoft/jest-sarif, never a
 * copy), rules described once with stable indexes, URIs relative to the audited root, 1-based regions that match
 * the JSON format, and fingerprints that are stable between runs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { JsonReport } from '../../server/src/report/json';
import { RULES } from '../../server/src/rules';
import { CLEAN_APP, EXPRESS_APP, makeProject, runCli } from './helpers';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
  properties: { factor?: string };
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: { factor?: string; tags: string[] };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
  }[];
}

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function schemaValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // The schema's `language` pattern is not valid in Unicode mode (`]?` after a group), so patterns run in legacy mode.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('SARIF output', () => {
  let validate: ValidateFunction;
  let log: SarifLog;
  let report: JsonReport;
  before(() => {
    validate = schemaValidator();
    const run = runCli(['examples/express-app', '--format', 'sarif']);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    log = JSON.parse(run.stdout) as SarifLog;
    report = JSON.parse(runCli(['examples/express-app', '--format', 'json']).stdout) as JsonReport;
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    assert.ok(log.runs[0].results.length > 0, 'the example has results');
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it('the validator is not a rubber stamp: a broken log fails it', () => {
    const broken = structuredClone(log);
    (broken.runs[0].results[0] as unknown as Record<string, unknown>).level = 'severe';
    assert.equal(validate(broken), false);
  });

  it('validates for a clean project and for a skipped-files notification', () => {
    const clean = JSON.parse(runCli(['examples/clean-app', '--format', 'sarif']).stdout) as SarifLog;
    assert.equal(clean.runs[0].results.length, 0);
    assert.ok(validate(clean), JSON.stringify(validate.errors, null, 2));
    const odd = makeProject({ 'a b/ü.js': "require('express')().listen(8080);\n", 'blob.js': Buffer.from([0, 1, 2, 0]) });
    const withSkips = JSON.parse(runCli([odd, '--format', 'sarif']).stdout) as SarifLog;
    assert.ok(validate(withSkips), JSON.stringify(validate.errors, null, 2));
    const notes = withSkips.runs[0].invocations[0].toolExecutionNotifications;
    assert.ok(notes.some((n) => /Skipped blob\.js: binary/.test(n.message.text)));
    const uri = withSkips.runs[0].results.find((r) => r.ruleId === 'no-hardcoded-port')?.locations[0].physicalLocation.artifactLocation.uri;
    assert.equal(uri, 'a%20b/%C3%BC.js', 'path segments are percent-encoded');
  });

  it('describes the driver and every registered rule, and results point at their rule by index', () => {
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'twelve-factor');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map((r) => r.id).slice(0, RULES.length), RULES.map((r) => r.id));
    for (const rule of driver.rules) {
      const registered = RULES.find((r) => r.id === rule.id)!;
      assert.equal(rule.shortDescription.text, registered.description);
      assert.ok(rule.fullDescription.text.includes(registered.description));
      assert.equal(rule.helpUri, registered.docsUrl);
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]+$/);
      if (registered.factor) {
        assert.equal(rule.properties.factor, registered.factor);
        assert.ok(rule.properties.tags.includes(`factor-${registered.factor}`));
      }
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
    }
    for (const result of log.runs[0].results) {
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      assert.equal(result.properties.factor, RULES.find((r) => r.id === result.ruleId)?.factor ?? undefined);
    }
  });

  it('uses URIs relative to the audited root, with the root in originalUriBaseIds', () => {
    const run = log.runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(EXPRESS_APP).href}/` } });
    for (const result of run.results) {
      const { uri, uriBaseId } = result.locations[0].physicalLocation.artifactLocation;
      assert.equal(uriBaseId, '%SRCROOT%');
      assert.ok(!/^[a-z]+:|^\//.test(uri), `not relative: ${uri}`);
      assert.ok(!uri.includes('examples/express-app'), `relative to the root, not the cwd: ${uri}`);
    }
  });

  it('gives each path its own base id when several roots are audited', () => {
    const two = JSON.parse(runCli(['examples/clean-app', 'examples/express-app', '--format', 'sarif']).stdout) as SarifLog;
    assert.deepEqual(Object.keys(two.runs[0].originalUriBaseIds), ['%SRCROOT%', '%SRCROOT2%']);
    assert.equal(two.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(CLEAN_APP).href}/`);
    assert.ok(two.runs[0].results.every((r) => r.locations[0].physicalLocation.artifactLocation.uriBaseId === '%SRCROOT2%'));
    assert.ok(validate(two), JSON.stringify(validate.errors, null, 2));
  });

  it('has full 1-based regions that match the JSON format, and levels from the severities', () => {
    const results = log.runs[0].results;
    assert.equal(results.length, report.findings.length);
    results.forEach((result, i) => {
      const f = report.findings[i];
      const loc = result.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, f.path.split('/').map(encodeURIComponent).join('/'));
      assert.deepEqual(loc.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
      assert.equal(result.level, f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note');
      assert.equal(result.message.text, f.message);
    });
  });

  it('carries fingerprints that are stable between runs and unique within one', () => {
    const again = JSON.parse(runCli(['examples/express-app', '--format', 'sarif']).stdout) as SarifLog;
    const prints = (l: SarifLog) => l.runs[0].results.map((r) => r.partialFingerprints['twelveFactor/v1']);
    assert.deepEqual(prints(again), prints(log));
    assert.equal(new Set(prints(log)).size, prints(log).length);
    assert.ok(prints(log).every((p) => /^[0-9a-f]{32}:\d+$/.test(p)));
  });

  it('keeps a fingerprint when the code around the finding moves but the line stays the same', () => {
    const line = "require('express')().listen(8080);\n";
    const before = makeProject({ 'server.js': line });
    const after = makeProject({ 'server.js': `// a comment added above\n\n${line}` });
    const print = (dir: string) => (JSON.parse(runCli([dir, '--format', 'sarif']).stdout) as SarifLog).runs[0].results[0].partialFingerprints['twelveFactor/v1'];
    assert.equal(print(after), print(before));
  });
});

describe('SARIF input guard', () => {
  it('the schema comes from the installed package, not a copy in the repository', () => {
    assert.ok(SCHEMA_FILE.includes(join('node_modules', '@microsoft', 'jest-sarif')));
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { title: string };
    assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  });
});
