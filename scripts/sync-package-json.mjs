#!/usr/bin/env node
// Regenerates the parts of package.json that mirror the source: the `twelveFactor.rules` setting (one property per
// registered rule: severity enum, the rule's default, its description) and the `onLanguage:` activation events (the
// engine's language table plus the Procfile and dotenv ids). Run with tsx so it can read the TypeScript registry:
//   npx tsx scripts/sync-package-json.mjs          rewrite package.json
//   npx tsx scripts/sync-package-json.mjs --check  exit 1 when package.json has drifted (CI)
//   --file <path>                                  another manifest (e.g. a copy), instead of ./package.json
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../server/src/engine/languages.ts';
import { RULES } from '../server/src/rules/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fileArg = process.argv.indexOf('--file');
const file = fileArg === -1 ? join(root, 'package.json') : process.argv[fileArg + 1];
const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];
const EXTRA_LANGUAGE_IDS = ['procfile', 'dotenv'];

export function rulesSetting(rules) {
  const properties = {};
  for (const rule of rules) {
    properties[rule.id] = {
      type: 'string',
      enum: SEVERITIES,
      default: rule.defaultSeverity,
      description: rule.description,
      markdownDescription: `${rule.factor ? `Factor ${rule.factor}. ` : ''}${rule.description} [Documentation](${rule.docsUrl})`,
    };
  }
  return {
    type: 'object',
    scope: 'resource',
    default: {},
    additionalProperties: false,
    markdownDescription:
      'Severity per rule: `off`, `hint`, `info`, `warning` or `error`. Rules not listed keep their default. Generated from the rule registry by `scripts/sync-package-json.mjs`.',
    properties,
  };
}

export function languageActivationEvents(languages) {
  const ids = [...new Set([...languages.flatMap((l) => l.languageIds), ...EXTRA_LANGUAGE_IDS])];
  return ids.map((id) => `onLanguage:${id}`);
}

export function sync(pkg, rules, languages) {
  const next = structuredClone(pkg);
  next.contributes ??= {};
  const sections = Array.isArray(next.contributes.configuration) ? next.contributes.configuration : [next.contributes.configuration ?? { title: 'Twelve-Factor', properties: {} }];
  const section = sections.find((s) => s.properties && 'twelveFactor.rules' in s.properties) ?? sections[0];
  section.properties ??= {};
  section.properties['twelveFactor.rules'] = rulesSetting(rules);
  next.contributes.configuration = Array.isArray(next.contributes.configuration) ? sections : sections[0];
  const others = (next.activationEvents ?? []).filter((e) => !e.startsWith('onLanguage:'));
  next.activationEvents = [...languageActivationEvents(languages), ...others];
  return next;
}

const current = readFileSync(file, 'utf8');
const expected = `${JSON.stringify(sync(JSON.parse(current), RULES, LANGUAGES), null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (current !== expected) {
    console.error('package.json is out of date with the rule registry or the language table: run `npx tsx scripts/sync-package-json.mjs`.');
    process.exit(1);
  }
  console.log('package.json is in sync with the rule registry.');
} else if (current !== expected) {
  writeFileSync(file, expected);
  console.log(`package.json updated: ${RULES.length} rules.`);
} else {
  console.log('package.json already in sync.');
}
