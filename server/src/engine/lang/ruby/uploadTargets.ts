/**
 * Upload targets of a Ruby file (see UploadTarget in engine/facts.ts), as data:
 *
 * - Active Storage on the local disk in production: `config.active_storage.service = :local` (or `:disk`, as a symbol
 *   or a string) in `config/environments/production.rb`. Other service names are whatever `storage.yml` says and stay
 *   quiet; development.rb and test.rb are not production.
 * - CarrierWave's `storage :file` in an uploader class (a class under `app/uploaders/`, or one that inherits
 *   `CarrierWave::Uploader::Base`); a `store_dir` under `/tmp` is scratch space.
 *
 * The finding goes on the assignment or the `storage` call.
 */
import type { Node } from 'web-tree-sitter';
import type { UploadTarget } from '../../facts';
import { SCRATCH_PATH } from '../pathVocabulary';
import { walkTree } from '../treesitter';
import { rbArguments, rbDottedName, rbKeyName, rbStringValue } from './ast';
import { isRbProductionEnvironmentFile, rbInNonProduction } from './environments';

const LOCAL_SERVICES = new Set(['local', 'disk']);
const UPLOADERS_FOLDER = /(^|\/)app\/uploaders\//;
const CARRIERWAVE_BASE = /^(?:::)?CarrierWave::Uploader::Base$/;

/** The innermost class around `node`. */
function enclosingClass(node: Node): Node | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) if (parent.type === 'class') return parent;
  return undefined;
}

/** The class's `def store_dir` returns a path under the temporary directory. */
function storesInScratch(klass: Node): boolean {
  let scratch = false;
  walkTree(klass, (node) => {
    if (scratch) return false;
    if (node.type === 'method' && node.childForFieldName('name')?.text === 'store_dir') {
      walkTree(node, (n) => {
        const value = rbStringValue(n, true);
        if (value !== undefined && SCRATCH_PATH.test(value)) scratch = true;
        return !scratch && value === undefined;
      });
      return false;
    }
    return true;
  });
  return scratch;
}

export function rbUploadTargets(root: Node, path: string): UploadTarget[] {
  const file = path.replace(/\\/g, '/');
  const production = isRbProductionEnvironmentFile(file);
  const targets: UploadTarget[] = [];
  const add = (node: Node, target: string, scratch: boolean) =>
    targets.push({ target, range: { start: node.startIndex, end: node.endIndex }, scratch, nonProduction: rbInNonProduction(node, file) });
  walkTree(root, (node) => {
    if (node.type === 'comment') return false;
    if (production && node.type === 'assignment') {
      const left = rbDottedName(node.childForFieldName('left'));
      const right = node.childForFieldName('right');
      const service = right?.type === 'simple_symbol' || right?.type === 'string' ? rbKeyName(right) : undefined;
      if (left && /(?:^|\.)config\.active_storage\.service$/.test(left) && service && LOCAL_SERVICES.has(service)) {
        add(node, `Active Storage's ${right!.text} Disk service`, false);
      }
      return true;
    }
    if (node.type === 'call' && !node.childForFieldName('receiver') && node.childForFieldName('method')?.text === 'storage') {
      const args = rbArguments(node);
      const fileStorage = args.length === 1 && ((args[0].type === 'simple_symbol' && args[0].text === ':file') || /^(?:::)?CarrierWave::Storage::File$/.test(args[0].text));
      const klass = enclosingClass(node);
      const superclass = klass?.childForFieldName('superclass')?.namedChildren[0];
      if (fileStorage && klass && (UPLOADERS_FOLDER.test(file) || CARRIERWAVE_BASE.test(superclass?.text ?? ''))) {
        add(node, `CarrierWave's storage ${args[0].text}`, storesInScratch(klass));
      }
    }
    return true;
  });
  return targets;
}
