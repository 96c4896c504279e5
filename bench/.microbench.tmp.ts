// Median analysis time (full parse, no cache) of generated 2,000- and 10,000-line files, in this worktree.
import { performance } from 'node:perf_hooks';
const root = process.argv[2];
(async () => {
  const { analyzeFile } = await import(`${root}/server/src/engine/runner`);
  const { sourceFile } = await import(`${root}/bench/corpus.mjs`);
  const out: Record<string, number> = {};
  for (const [language, path] of [['js', 'src/app.js'], ['ts', 'src/app.ts'], ['py', 'app/main.py']] as const) {
    for (const lines of [2000, 10000]) {
      const text = sourceFile(language, lines);
      for (let i = 0; i < 3; i++) await analyzeFile({ path, text });
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        await analyzeFile({ path, text });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out[`${language}@${lines}`] = Math.round(times[7] * 10) / 10;
    }
  }
  console.log(JSON.stringify(out));
})();
