import { defineRule } from '../engine/defineRule';
import type { RuleContext } from '../engine/types';

/**
 * VI Processes: the filesystem of a process is a scratch space for one request, not storage. Uploaded files
 * written to a local directory vanish with the container and are invisible to the other processes. The upload-target
 * facts say where uploads are stored (which libraries store them on disk is each language adapter's table). No code
 * fix: the replacement is a backing service (object storage) the project has to choose.
 *
 * Writes to the temporary directory (`os.tmpdir()`, `/tmp`, `tempfile`) are scratch space and are not reported.
 */
function check(context: RuleContext): void {
  for (const upload of context.facts('uploadTargets')) {
    if (upload.scratch || upload.nonProduction) continue;
    context.report({ messageId: 'localUpload', data: { what: upload.target }, range: upload.range });
  }
}

export default defineRule({
  id: 'no-local-file-upload',
  factor: 'VI',
  defaultSeverity: 'warning',
  description: 'Uploaded files are stored on the local disk instead of a backing service.',
  messages: {
    localUpload:
      "{{what}} keeps uploaded files on this machine's disk: other processes cannot see them and they are lost with the container. Store uploads in a backing service such as object storage.",
  },
  uses: ['uploadTargets'],
  check,
});
