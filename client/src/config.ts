/** Names shared by the client's modules: ids, the document selector, the settings section. */
import { LANGUAGES } from '../../server/src/engine/languages';

export const CLIENT_ID = 'twelveFactor';
export const DISPLAY_NAME = 'Twelve-Factor';
export const SETTINGS_SECTION = 'twelveFactor';
export const DIAGNOSTIC_SOURCE = 'twelve-factor';

/** Language ids the server analyses (from the engine's language table) plus the project files it reads. */
export const LANGUAGE_IDS: readonly string[] = [...new Set([...LANGUAGES.flatMap((l) => l.languageIds), 'procfile', 'dotenv'])];

/** Files on disk and unsaved editors; virtual file systems are out (the server reads files from disk). */
export const DOCUMENT_SELECTOR: { scheme: 'file' | 'untitled'; language: string }[] = LANGUAGE_IDS.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);
