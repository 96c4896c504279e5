/**
 * The analysis scheduler with a fake clock and analyses the test resolves by hand: debouncing, superseded versions,
 * dropped stale results, settings generations, closing, and errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisScheduler, type Analysis, type SchedulerHost, type Snapshot, type Timers } from '../../server/src/documents';

class FakeTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  set(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { callback, ms });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires every pending timer (as if the quiet time passed). */
  flush(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const t of due) t.callback();
  }
}

interface Snap extends Snapshot {
  text: string;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

class Host implements SchedulerHost<Snap, string> {
  readonly docs = new Map<string, { version: number; text: string }>();
  readonly runs: { uri: string; snapshot: Snap; done: ReturnType<typeof deferred<string>> }[] = [];
  readonly published: { uri: string; version: number; result: string }[] = [];
  readonly failures: string[] = [];
  snapshot(uri: string): Snap | undefined {
    const doc = this.docs.get(uri);
    return doc && { version: doc.version, text: doc.text };
  }
  version(uri: string): number | undefined {
    return this.docs.get(uri)?.version;
  }
  analyze(uri: string, snapshot: Snap): Promise<string> {
    const done = deferred<string>();
    this.runs.push({ uri, snapshot, done });
    return done.promise;
  }
  publish(uri: string, analysis: Analysis<Snap, string>): void {
    this.published.push({ uri, version: analysis.snapshot.version, result: analysis.result });
  }
  failed(uri: string, snapshot: Snap, error: unknown): void {
    this.failures.push(`${uri}@${snapshot.version}: ${(error as Error).message}`);
  }
  edit(uri: string, text: string): void {
    const doc = this.docs.get(uri);
    this.docs.set(uri, { version: (doc?.version ?? 0) + 1, text });
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const host = new Host();
  const timers = new FakeTimers();
  const scheduler = new AnalysisScheduler<Snap, string>(host, 200, timers);
  return { host, timers, scheduler };
}

describe('analysis scheduler', () => {
  it('debounces a burst of edits into one run for the last version', async () => {
    const { host, timers, scheduler } = setup();
    for (let i = 1; i <= 20; i++) {
      host.edit('a', `text ${i}`);
      scheduler.schedule('a');
    }
    assert.equal(timers.pending.size, 1, 'one pending timer, not twenty');
    timers.flush();
    assert.equal(host.runs.length, 1);
    assert.equal(host.runs[0].snapshot.version, 20);
    host.runs[0].done.resolve('r20');
    await tick();
    assert.deepEqual(host.published, [{ uri: 'a', version: 20, result: 'r20' }]);
  });

  it('drops the result of a run whose document changed while it ran', async () => {
    const { host, timers, scheduler } = setup();
    host.edit('a', 'v1');
    scheduler.schedule('a');
    timers.flush();
    host.edit('a', 'v2');
    scheduler.schedule('a');
    host.runs[0].done.resolve('r1');
    await tick();
    assert.equal(host.published.length, 0, 'v1 result is stale once v2 exists');
    timers.flush();
    assert.equal(host.runs[1].snapshot.text, 'v2');
    host.runs[1].done.resolve('r2');
    await tick();
    assert.deepEqual(host.published.map((p) => p.version), [2]);
  });

  it('the snapshot is taken when the run starts, so text and version always match', () => {
    const { host, timers, scheduler } = setup();
    host.edit('a', 'one');
    host.edit('a', 'two');
    scheduler.schedule('a');
    timers.flush();
    assert.deepEqual(host.runs[0].snapshot, { version: 2, text: 'two' });
  });

  it('current() reuses the published analysis of the current version without running again', async () => {
    const { host, timers, scheduler } = setup();
    host.edit('a', 'v1');
    scheduler.schedule('a');
    timers.flush();
    host.runs[0].done.resolve('r1');
    await tick();
    const analysis = await scheduler.current('a');
    assert.equal(analysis?.result, 'r1');
    assert.equal(host.runs.length, 1);
  });

  it('current() runs at once for a version still waiting for its timer, and shares a run in flight', async () => {
    const { host, timers, scheduler } = setup();
    host.edit('a', 'v1');
    scheduler.schedule('a');
    const first = scheduler.current('a');
    const second = scheduler.current('a');
    assert.equal(timers.pending.size, 0, 'the pending timer was taken over');
    assert.equal(host.runs.length, 1, 'both callers share one run');
    host.runs[0].done.resolve('r1');
    assert.equal((await first)?.result, 'r1');
    assert.equal((await second)?.result, 'r1');
  });

  it('current() answers undefined when the document changes before its run ends', async () => {
    const { host, scheduler } = setup();
    host.edit('a', 'v1');
    scheduler.schedule('a');
    const pending = scheduler.current('a');
    host.edit('a', 'v2');
    host.runs[0].done.resolve('r1');
    assert.equal(await pending, undefined);
  });

  it('invalidate() re-runs documents with the same version after a settings change, dropping older runs', async () => {
    const { host, timers, scheduler } = setup();
    host.edit('a', 'v1');
    scheduler.schedule('a');
    timers.flush();
    scheduler.invalidate(['a']);
    host.runs[0].done.resolve('old settings');
    await tick();
    assert.equal(host.published.length, 0, 'a run from before the change is not published');
    timers.flush();
    assert.equal(host.runs.length, 2);
    host.runs[1].done.resolve('new settings');
    await tick();
    assert.deepEqual(host.published.map((p) => p.result), ['new settings']);
  });

  it('close() stops the timer and drops a run in flight', async () => {
    const { host, timers, scheduler } = setup();
    host.edit('a', 'v1');
    scheduler.schedule('a');
    timers.flush();
    scheduler.close('a');
    host.docs.delete('a');
    host.runs[0].done.resolve('r1');
    await tick();
    assert.deepEqual(host.published, []);
    host.edit('b', 'x');
    scheduler.schedule('b');
    scheduler.close('b');
    assert.equal(timers.pending.size, 0);
  });

  it('a failing analysis is reported for its document only; other documents publish', async () => {
    const { host, timers, scheduler } = setup();
    host.edit('a', 'v1');
    host.edit('b', 'v1');
    scheduler.schedule('a');
    scheduler.schedule('b');
    timers.flush();
    host.runs[0].done.reject(new Error('boom'));
    host.runs[1].done.resolve('fine');
    await tick();
    assert.deepEqual(host.failures, ['a@1: boom']);
    assert.deepEqual(host.published, [{ uri: 'b', version: 1, result: 'fine' }]);
    assert.equal(scheduler.busy('a'), false, 'a failed run does not leave the document stuck');
  });
});
