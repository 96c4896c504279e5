import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule, { packageNameOf } from '../../server/src/rules/undeclared-dependency';
import { loadProject, memoryProject, runRule, where } from '../support/project';

describe('undeclared-dependency', () => {
  it('reports imports the nearest package.json does not declare, on the specifier', async () => {
    const { root, files } = loadProject('undeclared');
    const findings = await runRule(rule, root, files);
    assert.deepEqual(findings.map(where), [
      // packages/tool is its own package: the root's express does not count for it
      'packages/tool/src/cli.js:2:25 undeclared-dependency/undeclared',
      // `import type` without @types/bar, lodash (once per file), @aws-sdk/client-s3, zod re-export
      'src/index.ts:5:26 undeclared-dependency/undeclared',
      'src/index.ts:10:15 undeclared-dependency/undeclared',
      'src/index.ts:12:26 undeclared-dependency/undeclared',
      'src/index.ts:13:19 undeclared-dependency/undeclared',
      // dynamic import()
      'src/lib/helper.ts:1:36 undeclared-dependency/undeclared',
    ]);
    const messages = findings.map((f) => f.message);
    assert.match(messages[0], /'express' is imported but not declared in packages\/tool\/package\.json/);
    assert.match(messages[3], /'@aws-sdk\/client-s3'/);
    // the test file's supertest import is not production code
    assert.ok(!findings.some((f) => f.path.startsWith('test/')));
  });

  it('keeps findings in test files as hints when asked', async () => {
    const { root, files } = loadProject('undeclared');
    const findings = await runRule(rule, root, files, { nonProductionFiles: 'hint' });
    assert.deepEqual(findings.filter((f) => f.path.startsWith('test/')).map((f) => `${where(f)} ${f.severity}`), ['test/app.test.ts:1:21 undeclared-dependency/undeclared hint']);
  });

  const cases: { name: string; files: Record<string, string>; expected: string[] }[] = [
    { name: 'no package.json: nothing to compare with', files: { 'index.js': "require('express');" }, expected: [] },
    { name: 'workspace root dependencies count for members', files: { 'package.json': '{"workspaces":["apps/*"],"dependencies":{"react":"18"}}', 'apps/web/package.json': '{"name":"web"}', 'apps/web/main.js': "import React from 'react';" }, expected: [] },
    { name: 'vscode comes from engines', files: { 'package.json': '{"engines":{"vscode":"^1.100.0"},"devDependencies":{"@types/vscode":"1"}}', 'src/ext.ts': "import * as vscode from 'vscode';" }, expected: [] },
    { name: 'baseUrl imports resolve to the source tree', files: { 'package.json': '{}', 'jsconfig.json': '{"compilerOptions":{"baseUrl":"src"}}', 'src/components/Button.js': '', 'src/app.js': "import Button from 'components/Button';" }, expected: [] },
    { name: 'tsconfig paths through extends', files: { 'package.json': '{}', 'tsconfig.base.json': '{"compilerOptions":{"paths":{"#lib/*":["lib/*"],"@lib/*":["lib/*"]}}}', 'tsconfig.json': '{"extends":"./tsconfig.base.json"}', 'a.ts': "import x from '@lib/x';" }, expected: [] },
    { name: 'Vite resolve.alias (object and find/replacement forms)', files: { 'package.json': '{}', 'vite.config.ts': "export default defineConfig({ resolve: { alias: { '@components': '/src/components', shared: '/src/shared' } } });", 'vitest.config.mjs': "export default { resolve: { alias: [{ find: '@utils', replacement: '/src/utils' }] } };", 'src/a.ts': "import B from '@components/Button';\nimport s from 'shared';\nimport u from '@utils/x';\nimport z from 'zod';" }, expected: ['src/a.ts:4:15 undeclared-dependency/undeclared'] },
    { name: 'Babel module-resolver alias in .babelrc', files: { 'package.json': '{}', '.babelrc': '{ "plugins": [["module-resolver", { "alias": { "app": "./src" } }]] }', 'src/a.js': "import x from 'app/x';" }, expected: [] },
    // mhartl/sample_app_6th_ed: webpacker resolves bare imports from its source_path.
    { name: 'Rails webpacker source_path folders are modules, packages still checked', files: { 'package.json': '{"dependencies":{"@rails/webpacker":"4"}}', 'config/webpacker.yml': 'default: &default\n  source_path: app/javascript\n', 'app/javascript/channels/index.js': '', 'app/javascript/packs/application.js': "import 'channels';\nimport 'jquery';" }, expected: ['app/javascript/packs/application.js:2:8 undeclared-dependency/undeclared'] },
    { name: 'declare module is not an import', files: { 'package.json': '{}', 'types.d.ts': "declare module 'untyped-lib' { const x: number; export default x; }" }, expected: [] },
    { name: 'bun: and virtual: schemes', files: { 'package.json': '{}', 'a.ts': "import { test } from 'bun:test';\nimport routes from 'virtual:routes';" }, expected: [] },
    { name: 'a require() outside try is required', files: { 'package.json': '{}', 'a.js': "const x = require('left-pad');" }, expected: ['a.js:1:19 undeclared-dependency/undeclared'] },
    { name: 'suppressed', files: { 'package.json': '{}', 'a.js': "// twelve-factor-disable-next-line undeclared-dependency -- provided by the runtime image\nconst sharp = require('sharp');" }, expected: [] },
    { name: 'off in settings', files: { 'package.json': '{}', 'a.js': "require('left-pad');" }, expected: [] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const options = c.name === 'off in settings' ? { rules: { 'undeclared-dependency': 'off' as const } } : {};
      const findings = await runRule(rule, '/project', memoryProject(c.files), options);
      assert.deepEqual(findings.map(where), c.expected);
    });
  }

  it('package names of specifiers', () => {
    assert.deepEqual(
      ['lodash/chunk', '@scope/pkg/deep/file', 'node:fs', './x', '/abs', '#internal', '@/alias', '~/alias', 'https://esm.sh/x', '@scope'].map(packageNameOf),
      ['lodash', '@scope/pkg', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined],
    );
  });
});
