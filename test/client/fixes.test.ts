/** Counting the fixes a refactor preview applied, from the text before and after (client/src/checklist/fixes.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countAppliedFixes, type OffsetFixEdit } from '../../client/src/checklist/fixes';

const before = "app.listen(3000);\nconst url = 'postgres://a:b@h/db';\n";
const port: OffsetFixEdit = { start: 11, end: 15, newText: 'process.env.PORT ?? 3000' };
const url: OffsetFixEdit = { start: 30, end: 51, newText: 'process.env.DATABASE_URL' };
const importOs: OffsetFixEdit = { start: 0, end: 0, newText: 'import os\n' };

function apply(text: string, edits: OffsetFixEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('fix-all: counting applied fixes', () => {
  const fixes = [{ edits: [port] }, { edits: [url] }];
  const cases: { name: string; after: string; fixes?: { edits: OffsetFixEdit[] }[]; expected: number }[] = [
    { name: 'nothing applied (discarded preview)', after: before, expected: 0 },
    { name: 'all applied', after: apply(before, [port, url]), expected: 2 },
    { name: 'only the first checked', after: apply(before, [port]), expected: 1 },
    { name: 'only the second checked', after: apply(before, [url]), expected: 1 },
    // A fix with two edits counts only when both landed.
    { name: 'two-edit fix fully applied', after: apply(before, [importOs, port]), fixes: [{ edits: [importOs, port] }], expected: 1 },
    { name: 'two-edit fix half applied', after: apply(before, [port]), fixes: [{ edits: [importOs, port] }], expected: 0 },
    // New text that starts like the old text must not be mistaken for an applied edit.
    { name: 'new text is a prefix of the old', after: before, fixes: [{ edits: [{ start: 11, end: 15, newText: '30' }] }], expected: 0 },
    { name: 'file edited elsewhere before the edits', after: `// note\n${apply(before, [port, url])}`, expected: 0 },
    { name: 'file edited by hand right after an edit: that edit and later ones are not counted', after: apply(before, [port, url]).replace('const', 'let'), expected: 0 },
    { name: 'text added after the last edit does not hide the fixes', after: `${apply(before, [port, url])}// more\n`, expected: 2 },
    { name: 'no fixes', after: before, fixes: [], expected: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(countAppliedFixes(before, c.after, c.fixes ?? fixes), c.expected));
  }
});
