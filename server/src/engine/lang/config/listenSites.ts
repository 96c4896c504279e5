/**
 * Listen sites of config files (VII): the port a framework's server binds, written as a value.
 * - Spring Boot (`application*.yml|properties`): `server.port: 8080`. `${PORT:8080}` reads the environment: no site.
 * - .NET (`appsettings*.json`, `hosting*.json`): `"Urls": "http://localhost:5001"` (the host's `urls` setting, several
 *   separated by `;`) and Kestrel's `Kestrel.Endpoints.<name>.Url`.
 * Files for development or tests (ConfigScope.nonProduction) hold no site.
 */
import type { ListenSite } from '../../facts';
import { ENV_SYNTAX, splitKey, type ConfigEntry } from './literals';
import type { ConfigScope } from './scope';

/** The first port of a .NET URL list (`http://localhost:5001;https://*:5002`); 0 and none are not sites. */
function urlPort(value: string): number | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:\[[^\]]*\]|[^/:;\s]*):(\d{1,5})(?=[/;\s]|$)/i.exec(value.trim());
  const port = m ? Number(m[1]) : undefined;
  return port && port <= 65535 ? port : undefined;
}

export function configListenSites(entries: readonly ConfigEntry[], scope: ConfigScope): ListenSite[] {
  if (scope.nonProduction || scope.envNames) return [];
  const out: ListenSite[] = [];
  for (const entry of entries) {
    if (ENV_SYNTAX.test(entry.value)) continue;
    const path = entry.keys.flatMap(splitKey).map((k) => k.toLowerCase());
    if (scope.flavour === 'spring' && path.join('.') === 'server.port') {
      const text = entry.value.trim();
      if (!/^\d{1,5}$/.test(text) || Number(text) === 0 || Number(text) > 65535) continue;
      // A .properties value runs to the end of its line (trailing blanks too): underline and replace the digits only.
      // A quoted YAML value (`"8080"`) is replaced whole, quotes included.
      const written = entry.range.end - entry.range.start === entry.value.length;
      const start = entry.range.start + entry.value.indexOf(text);
      const range = written ? { start, end: start + text.length } : entry.range;
      out.push({ call: "Spring Boot's server.port", port: { value: Number(text), range, text }, nonProduction: false });
      continue;
    }
    if (scope.flavour === 'dotnet') {
      const last = path[path.length - 1];
      const isUrls = path.length === 1 && (last === 'urls' || last === 'aspnetcore_urls');
      const isKestrel = path[0] === 'kestrel' && path[1] === 'endpoints' && last === 'url';
      if (!isUrls && !isKestrel) continue;
      const port = urlPort(entry.value);
      if (port === undefined) continue;
      const call = isKestrel ? "Kestrel's Endpoints Url setting" : "the .NET host's Urls setting";
      out.push({ call, port: { value: port, range: entry.range, text: String(port) }, nonProduction: false });
    }
  }
  return out;
}
