/**
 * Code actions from findings: the rule's fix (preferred), its suggestions, suppression comments, the docs link, and
 * `source.fixAll.twelveFactor`. Pure: the caller supplies the document snapshot, the client's edit capabilities and
 * the `.env.example` file; every edit is computed for exactly that document version.
 */
import {
  CodeActionKind,
  CreateFile,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LineStartContext } from './engine/lang/types';
import type { DiagnosticData } from './diagnostics';
import { languageOf } from './engine/languages';
import { maskText } from './engine/mask';
import { DIRECTIVE_PREFIX } from './engine/suppressions';
import { sameEdit } from './engine/text';
import type { Finding, Fix, TextEdit as OffsetEdit } from './engine/types';
import { appendText, missingNames } from './envExample';
import { INVALID_SUPPRESSION_ID } from './rules';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.twelveFactor`;
export const SHOW_DOCUMENTATION_COMMAND = 'twelveFactor.showDocumentation';

export interface ActionDocument {
  uri: string;
  languageId: string;
  version: number;
  text: string;
  /** File system path (or the URI's path for other schemes), for the language and comment token. */
  path: string;
}

export interface EditCapabilities {
  /** `workspace.workspaceEdit.documentChanges`: versioned edits the client refuses on a newer version. */
  documentChanges: boolean;
  /** `resourceOperations` includes `create`. */
  createFile: boolean;
}

/** The `.env.example` of the document's workspace folder: text undefined when the file does not exist. */
export interface EnvExampleFile {
  uri: string;
  text: string | undefined;
  /** The version when the file is open in the editor, null otherwise. */
  version: number | null;
}

export interface ActionContext {
  document: ActionDocument;
  capabilities: EditCapabilities;
  /** Called only when a fix names environment variables; undefined when there is no place for the file. */
  envExample(): EnvExampleFile | undefined;
  /** What surrounds a line start (JSX children, a multi-line string); plain code when not given. */
  lineStartContext?(offset: number): LineStartContext;
}

/** Whether the client asked for `kind` (LSP kinds are hierarchical: `source` covers `source.fixAll.x`). */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((requested) => requested === '' || kind === requested || kind.startsWith(`${requested}.`));
}

const HASH_COMMENT_LANGUAGES = new Set(['python', 'ruby', 'dotenv', 'procfile', 'shellscript', 'yaml', 'properties', 'toml', 'dockerfile']);

/** The line comment token for suppression comments, from the engine's language table. */
export function lineCommentFor(document: Pick<ActionDocument, 'path' | 'languageId'>): string {
  const spec = languageOf(document.path, document.languageId);
  if (spec) return spec.lineComment;
  return HASH_COMMENT_LANGUAGES.has(document.languageId) ? '#' : '//';
}

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

function toLspEdits(textDocument: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => TextEdit.replace({ start: textDocument.positionAt(e.start), end: textDocument.positionAt(e.end) }, e.newText));
}

/**
 * One WorkspaceEdit for edits in the document plus `.env.example` names. Versioned when the client supports
 * documentChanges; the file is created only when the client supports resource operations (otherwise its names are
 * left out rather than edited into a file that does not exist).
 */
export function buildWorkspaceEdit(context: ActionContext, edits: readonly OffsetEdit[], envNames: readonly string[]): WorkspaceEdit {
  const { document, capabilities } = context;
  const textDocument = TextDocument.create(document.uri, document.languageId, document.version, document.text);
  const lspEdits = toLspEdits(textDocument, edits);
  const env = envNames.length > 0 ? context.envExample() : undefined;
  const missing = env ? missingNames(env.text, envNames) : [];
  const envUsable = env !== undefined && missing.length > 0 && (env.text !== undefined || (capabilities.documentChanges && capabilities.createFile));

  if (capabilities.documentChanges) {
    const changes: WorkspaceEdit['documentChanges'] = [TextDocumentEdit.create({ uri: document.uri, version: document.version }, lspEdits)];
    if (envUsable) {
      if (env.text === undefined) {
        changes.push(CreateFile.create(env.uri, { ignoreIfExists: true }));
        changes.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(env.uri, null), [TextEdit.insert({ line: 0, character: 0 }, appendText(undefined, missing))]));
      } else {
        const envDocument = TextDocument.create(env.uri, 'dotenv', env.version ?? 0, env.text);
        const end = envDocument.positionAt(env.text.length);
        changes.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(env.uri, env.version), [TextEdit.insert(end, appendText(env.text, missing))]));
      }
    }
    return { documentChanges: changes };
  }
  const changes: Record<string, TextEdit[]> = { [document.uri]: lspEdits };
  if (envUsable && env.text !== undefined) {
    const envDocument = TextDocument.create(env.uri, 'dotenv', 0, env.text);
    changes[env.uri] = [TextEdit.insert(envDocument.positionAt(env.text.length), appendText(env.text, missing))];
  }
  return { changes };
}

function fixAction(context: ActionContext, fix: Fix, diagnostic: Diagnostic | undefined, preferred: boolean): CodeAction {
  return {
    // A rule's title should never hold a literal value; masking is the safety net for one that does.
    title: `Fix: ${maskText(fix.title)}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    isPreferred: preferred || undefined,
    edit: buildWorkspaceEdit(context, fix.edits, fix.envExample ?? []),
  };
}

function lineText(text: string, line: number): { start: number; text: string } {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return { start: text.length, text: '' };
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return { start, text: text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '') };
}

/**
 * `<indent><comment> twelve-factor-disable-next-line <id> -- reason` above the finding's line; in JSX children the
 * comment is `{/* … *\/}`. Undefined when the line starts inside a multi-line string, where no comment can go.
 */
export function disableLineEdit(document: ActionDocument, ruleId: string, line: number, where: (offset: number) => LineStartContext = () => 'code'): OffsetEdit | undefined {
  const { start, text } = lineText(document.text, line);
  const indent = /^[ \t]*/.exec(text)![0];
  const directive = `${DIRECTIVE_PREFIX}-next-line ${ruleId} -- reason`;
  const context = where(start);
  if (context === 'string') return undefined;
  const comment = context === 'jsx' ? `{/* ${directive} */}` : `${lineCommentFor(document)} ${directive}`;
  return { start, end: start, newText: `${indent}${comment}${eolOf(document.text)}` };
}

/** `<comment> twelve-factor-disable <id>` at the top, after a shebang and a Python encoding declaration. */
export function disableFileEdit(document: ActionDocument, ruleId: string): OffsetEdit {
  const { text } = document;
  let offset = 0;
  let line = 0;
  for (;;) {
    const current = lineText(text, line);
    const isShebang = line === 0 && current.text.startsWith('#!');
    const isEncoding = line <= 1 && lineCommentFor(document) === '#' && /^[ \t\f]*#.*?coding[:=]/.test(current.text);
    if (!(isShebang || isEncoding) || current.start >= text.length) break;
    const next = text.indexOf('\n', current.start);
    offset = next === -1 ? text.length : next + 1;
    line++;
    if (next === -1) break;
  }
  const eol = eolOf(text);
  const directive = `${lineCommentFor(document)} ${DIRECTIVE_PREFIX} ${ruleId}${eol}`;
  // A file without a final line break after its shebang needs one before the directive.
  const needsBreak = offset === text.length && offset > 0 && !text.endsWith('\n');
  return { start: offset, end: offset, newText: needsBreak ? eol + directive : directive };
}

export interface DiagnosticWithData {
  diagnostic: Diagnostic;
  data: DiagnosticData;
}

/** Quick fixes for the diagnostics of the request range. Diagnostics of another version are skipped. */
export function quickFixes(context: ActionContext, items: readonly DiagnosticWithData[]): CodeAction[] {
  const { document } = context;
  const fixes: CodeAction[] = [];
  const suggestions: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const titles = new Set<string>();
  const add = (list: CodeAction[], action: CodeAction) => {
    if (titles.has(action.title)) return;
    titles.add(action.title);
    list.push(action);
  };
  for (const { diagnostic, data } of items) {
    if (data.version !== document.version) continue;
    if (data.fix) add(fixes, fixAction(context, data.fix, diagnostic, true));
    for (const suggestion of data.suggestions ?? []) add(suggestions, fixAction(context, suggestion, diagnostic, false));
    const lineEdit = data.ruleId === INVALID_SUPPRESSION_ID ? undefined : disableLineEdit(document, data.ruleId, diagnostic.range.start.line, context.lineStartContext);
    if (lineEdit) {
      add(suppressions, {
        title: `Disable ${data.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: buildWorkspaceEdit(context, [lineEdit], []),
      });
    }
    if (data.ruleId !== INVALID_SUPPRESSION_ID) {
      add(suppressions, {
        title: `Disable ${data.ruleId} for this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: buildWorkspaceEdit(context, [disableFileEdit(document, data.ruleId)], []),
      });
    }
    const title = `Show documentation for ${data.ruleId}`;
    add(docs, {
      title,
      kind: CodeActionKind.QuickFix,
      command: { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [{ ruleId: data.ruleId, url: data.docsUrl }] },
    });
  }
  return [...fixes, ...suggestions, ...suppressions, ...docs];
}

const overlaps = (a: OffsetEdit, b: OffsetEdit): boolean =>
  (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));

/** The fixes fix-all applies to one file: every preferred fix whose edits do not overlap an earlier one. */
export function selectFixes(findings: readonly Finding[]): { fixes: Fix[]; edits: OffsetEdit[]; names: string[] } {
  const fixes: Fix[] = [];
  const accepted: OffsetEdit[] = [];
  const names: string[] = [];
  const ordered = findings.filter((f) => f.fix && f.fix.edits.length > 0).sort((a, b) => a.range.start - b.range.start);
  for (const finding of ordered) {
    const fix = finding.fix!;
    // An edit identical to one already accepted (several Python env fixes each adding the same `import os`) is
    // shared, not a conflict: the fix still applies and the edit is made once.
    const fresh = fix.edits.filter((e) => !accepted.some((a) => sameEdit(a, e)));
    if (fresh.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    if (fix.edits.some((e, i) => fix.edits.some((o, j) => i !== j && overlaps(e, o)))) continue;
    fixes.push(fix);
    accepted.push(...fresh);
    names.push(...(fix.envExample ?? []));
  }
  return { fixes, edits: accepted, names };
}

/**
 * Every preferred fix whose edits do not overlap an earlier one, in document order, as one action. After it is
 * applied the fixed findings are gone, so a second run has nothing to do and returns undefined.
 */
export function fixAll(context: ActionContext, findings: readonly Finding[]): CodeAction | undefined {
  const { fixes, edits: accepted, names } = selectFixes(findings);
  const count = fixes.length;
  if (count === 0) return undefined;
  return {
    title: count === 1 ? 'Fix all Twelve-Factor problems (1 fix)' : `Fix all Twelve-Factor problems (${count} fixes)`,
    kind: FIX_ALL_KIND,
    edit: buildWorkspaceEdit(context, accepted, names),
  };
}
