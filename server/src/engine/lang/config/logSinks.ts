/**
 * Log sinks of config files (XI): a framework's logger told to write a file.
 * - Spring Boot: `logging.file.name`, `logging.file.path`, and the legacy `logging.file` and `logging.path` (Boot
 *   writes `spring.log` in that folder). A `${NAME}` value is the operator's choice.
 * - .NET appsettings: a Serilog `WriteTo` entry (or an `Async` wrapper's `configure` entry) whose `Name` is `File` or
 *   `RollingFile`; an NLog target (`NLog.targets.<name>.type`) of type `File`. A path with `%NAME%` (Serilog expands
 *   environment variables there) is the operator's choice.
 * No fix: which console sink replaces a file sink is a choice of logging setup, not one edit.
 */
import type { LogSink } from '../../facts';
import { ENV_SYNTAX, splitKey, type ConfigEntry } from './literals';
import type { ConfigScope } from './scope';

const SPRING_FILE_KEYS = new Set(['logging.file.name', 'logging.file.path', 'logging.file', 'logging.path']);
const SERILOG_FILE_SINKS = new Set(['file', 'rollingfile']);

/** The value of the entry at `path` (array indices included), compared case-insensitively as .NET configuration does. */
function valueAt(entries: readonly ConfigEntry[], path: readonly (string | number)[]): string | undefined {
  const want = path.map((k) => String(k).toLowerCase()).join('\u0000');
  return entries.find((e) => e.path && e.path.map((k) => String(k).toLowerCase()).join('\u0000') === want)?.value;
}

export function configLogSinks(entries: readonly ConfigEntry[], scope: ConfigScope): LogSink[] {
  if (scope.nonProduction || scope.envNames) return [];
  const out: LogSink[] = [];
  for (const entry of entries) {
    if (scope.flavour === 'spring') {
      const key = entry.keys.flatMap(splitKey).join('.').toLowerCase();
      if (!SPRING_FILE_KEYS.has(key) || entry.value.trim() === '') continue;
      const sink = `Spring Boot's ${entry.keys.flatMap(splitKey).join('.')} setting`;
      out.push({ sink, range: entry.range, envChosen: ENV_SYNTAX.test(entry.value), nonProduction: false });
      continue;
    }
    if (scope.flavour !== 'dotnet' || !entry.path) continue;
    const path = entry.path;
    const lower = path.map((k) => (typeof k === 'string' ? k.toLowerCase() : k));
    const n = lower.length;
    // Serilog: …WriteTo[i].Name (or …WriteTo.<alias>.Name) = "File" | "RollingFile".
    if (n >= 3 && lower[n - 1] === 'name' && (lower[n - 3] === 'writeto' || lower[n - 3] === 'configure') && SERILOG_FILE_SINKS.has(entry.value.toLowerCase())) {
      const args = path.slice(0, -1);
      const file = valueAt(entries, [...args, 'Args', 'path']) ?? valueAt(entries, [...args, 'Args', 'pathFormat']) ?? '';
      out.push({ sink: `Serilog's ${entry.value} sink`, range: entry.range, envChosen: /%\w+%/.test(file), nonProduction: false });
      continue;
    }
    // NLog: NLog.targets.<name>.type = "File".
    if (n >= 4 && lower[0] === 'nlog' && lower[n - 3] === 'targets' && lower[n - 1] === 'type' && entry.value.toLowerCase() === 'file') {
      const file = valueAt(entries, [...path.slice(0, -1), 'fileName']) ?? '';
      out.push({ sink: "NLog's File target", range: entry.range, envChosen: /\$\{environment:/i.test(file), nonProduction: false });
    }
  }
  return out;
}
