/**
 * How many fixes the refactor preview really applied. Fixes that need confirmation start unchecked in VS Code's
 * preview and the user may apply any subset, while `applyEdit` only answers true or false; comparing each file's
 * text before and after tells which edits landed. Pure (no `vscode`), so it is tested with tables.
 */

export interface OffsetFixEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Number of fixes whose every edit is in `after`. The edits of all fixes must not overlap (the server guarantees
 * it). Walking them in order, each edit is either applied (its new text, then the unchanged text up to the next
 * edit) or not (the old text, then the same); anything else means the file changed in other ways, and no later
 * edit is counted.
 */
export function countAppliedFixes(before: string, after: string, fixes: readonly { edits: readonly OffsetFixEdit[] }[]): number {
  const edits = fixes.flatMap((fix, index) => fix.edits.map((edit) => ({ ...edit, fix: index }))).sort((a, b) => a.start - b.start || a.end - b.end);
  const applied = new Set<number>();
  const missed = new Set<number>();
  if (after.slice(0, edits[0]?.start ?? 0) !== before.slice(0, edits[0]?.start ?? 0)) return 0;
  let at = edits[0]?.start ?? 0;
  for (const [i, edit] of edits.entries()) {
    const gap = before.slice(edit.end, edits[i + 1]?.start ?? before.length);
    const old = before.slice(edit.start, edit.end);
    if (old !== edit.newText && after.startsWith(edit.newText + gap, at)) {
      applied.add(edit.fix);
      at += edit.newText.length + gap.length;
    } else if (after.startsWith(old + gap, at)) {
      missed.add(edit.fix);
      at += old.length + gap.length;
    } else {
      for (const rest of edits.slice(i)) missed.add(rest.fix);
      break;
    }
  }
  return [...applied].filter((f) => !missed.has(f)).length;
}
