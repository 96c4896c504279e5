/**
 * Import aliases a project declares, for the project rules (which never touch a parser themselves): tsconfig/jsconfig
 * `paths` and `baseUrl`, and bundler/Babel `alias` settings, read by the JS adapter's config readers.
 */
export { ALIAS_CONFIG, bundlerAliases, readTsconfig, type Aliases } from './lang/js/moduleAliases';
