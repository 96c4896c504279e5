import { defineRule } from '../engine/defineRule';
import type { StdoutSwitch } from '../engine/facts';
import type { Fix, RuleContext } from '../engine/types';

/**
 * XI Logs: a twelve-factor app writes its log stream, unbuffered, to stdout and never routes or stores it itself.
 * This rule finds loggers configured to write files (the log-sink facts: which loggers and options write files is
 * each language adapter's table). A file whose name the environment chooses is the operator's decision and is not
 * reported. Fixes only where the adapter found the replacement unambiguous: a winston File transport becomes (or
 * yields to an existing) Console transport, `basicConfig(filename=…)` becomes `stream=sys.stdout`.
 */

const FIX_TITLES: Record<StdoutSwitch['kind'], string> = {
  console: 'Log to the console instead of a file',
  stdout: 'Log to stdout instead of a file',
  remove: 'Remove the file transport (a Console transport is already configured)',
};

function check(context: RuleContext): void {
  for (const sink of context.facts('logSinks')) {
    if (sink.envChosen || sink.nonProduction) continue;
    const fix: Fix | undefined = sink.toStdout && { title: FIX_TITLES[sink.toStdout.kind], edits: sink.toStdout.edits };
    context.report({ messageId: 'logFile', data: { what: sink.sink }, range: sink.range, fix });
  }
}

export default defineRule({
  id: 'no-file-logging',
  factor: 'XI',
  defaultSeverity: 'warning',
  description: 'Logs are written to files instead of being streamed to stdout.',
  messages: {
    logFile: '{{what}} writes logs to a file; write the log stream to stdout and let the environment route and store it.',
  },
  uses: ['logSinks'],
  check,
});
