/** Names shared by the client's modules: ids, the document selector, the settings section. */
import { ANALYSED_LANGUAGE_IDS } from '../../server/src/shared/languages';

export const CLIENT_ID = 'twelveFactor';
export const DISPLAY_NAME = 'Twelve-Factor';
export const SETTINGS_SECTION = 'twelveFactor';
export const DIAGNOSTIC_SOURCE = 'twelve-factor';

/** Language ids the server analyses (the engine's language families) plus the project files it reads. */
export const LANGUAGE_IDS: readonly string[] = ANALYSED_LANGUAGE_IDS;

/** Files on disk and unsaved editors; virtual file systems are out (the server reads files from disk). */
export const DOCUMENT_SELECTOR: { scheme: 'file' | 'untitled'; language: string }[] = LANGUAGE_IDS.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);
