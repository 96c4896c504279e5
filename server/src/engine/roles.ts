import type { FileRole } from './types';

const TEST_DIRS = new Set(['test', 'tests', '__tests__', '__test__', 'spec', 'specs', 'fixtures', '__fixtures__', 'testdata', 'test-data', '__mocks__', 'e2e', 'cypress']);
/** .NET test projects are folders named `<Project>.Tests`, `.UnitTests`, `.IntegrationTests`, `.FunctionalTests`. */
const DOTNET_TEST_PROJECT = /\.(unit|integration|functional|acceptance|e2e)?tests?$|\.specs$/;
const EXAMPLE_DIRS = new Set(['example', 'examples', 'sample', 'samples', 'demo', 'demos']);
const DOCS_DIRS = new Set(['doc', 'docs', 'documentation']);
/** Folders holding the data layer, under which seeds and factories are fake data for tests and local setups. */
const DATA_DIRS = new Set(['database', 'db', 'prisma']);
const SEED_DIRS = new Set(['seeds', 'seed', 'seeders', 'seeding', 'factories', 'factory']);

/**
 * Database seeds and model factories: fake rows (users with a password of 'secret', faker data) for tests and
 * local setups, not code a deploy runs. `database/factories/UserFactory.ts`, `db/seeds/…`, `db/seeds.rb`,
 * `prisma/seed.ts`, sequelize-cli's `seeders/` (its own name, so anywhere).
 */
function isSeedOrFactory(dirs: readonly string[], base: string): boolean {
  if (dirs.includes('seeders')) return true;
  const dataAt = dirs.findIndex((d) => DATA_DIRS.has(d));
  if (dataAt < 0) return false;
  if (dirs.slice(dataAt + 1).some((d) => SEED_DIRS.has(d))) return true;
  return dataAt === dirs.length - 1 && /^(seeds?|seeder|seeding)\.[^.]+$/.test(base);
}

/** JVM source roots: below `src/<set>/<language>/` the folders are a package name (`com/example/orders`), not a role. */
const JVM_LANGUAGES = new Set(['java', 'kotlin', 'scala', 'groovy']);

/** The folders that say what a file is for: a JVM package's segments (Spring Initializr's `com.example`) are not. */
function roleFolders(dirs: readonly string[]): readonly string[] {
  for (let i = 0; i + 2 < dirs.length; i++) {
    if (dirs[i] === 'src' && JVM_LANGUAGES.has(dirs[i + 2])) return dirs.slice(0, i + 3);
  }
  return dirs;
}

/**
 * What a file is for, judged on its path relative to the project root (so auditing `examples/app` itself treats
 * `examples/app/src/db.js` as production code of that app).
 */
export function fileRole(relativePath: string): FileRole {
  const parts = relativePath.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  const base = (parts.pop() ?? '').toLowerCase();
  const dirs = parts.map((p) => p.toLowerCase());
  if (
    dirs.some((d) => TEST_DIRS.has(d) || DOTNET_TEST_PROJECT.test(d)) ||
    /\.(test|spec|e2e|stories)\.[^.]+$/.test(base) ||
    /^test_.*\.py$/.test(base) ||
    /_test\.(py|go|rb)$/.test(base) ||
    /_spec\.rb$/.test(base) ||
    /(Test|Tests)\.(java|cs)$/.test(relativePath) ||
    base === 'conftest.py' ||
    isSeedOrFactory(dirs, base)
  ) {
    return 'test';
  }
  const roles = roleFolders(dirs);
  if (roles.some((d) => EXAMPLE_DIRS.has(d))) return 'example';
  if (roles.some((d) => DOCS_DIRS.has(d)) || /\.(md|mdx|rst|txt)$/.test(base)) return 'docs';
  return 'production';
}
