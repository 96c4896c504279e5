/**
 * When to analyse a document: debounced after each change, one run per version, and a result is published only
 * while it is still the newest thing known about the document. Pure scheduling — the host supplies the documents,
 * the analysis and the publishing, so tests drive it with fake timers and controllable analyses.
 */

/** What the host captures synchronously when a run starts: the version (and whatever text it needs). */
export interface Snapshot {
  version: number;
}

export interface Analysis<S extends Snapshot, R> {
  snapshot: S;
  result: R;
  /** Settings generation the run belonged to; a configuration change makes older results stale. */
  generation: number;
}

export interface SchedulerHost<S extends Snapshot, R> {
  /** The document as it is now, or undefined once it is closed. Must not await: the text must match the version. */
  snapshot(uri: string): S | undefined;
  /** Current version without copying the text. */
  version(uri: string): number | undefined;
  analyze(uri: string, snapshot: S): Promise<R>;
  publish(uri: string, analysis: Analysis<S, R>): void;
  /** An analysis threw; the document's previous diagnostics stay, other documents are untouched. */
  failed(uri: string, snapshot: S, error: unknown): void;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface DocumentState<S extends Snapshot, R> {
  timer?: unknown;
  latest?: Analysis<S, R>;
  inflight?: { version: number; generation: number; promise: Promise<Analysis<S, R> | undefined> };
}

export const DEFAULT_DEBOUNCE_MS = 200;

export class AnalysisScheduler<S extends Snapshot, R> {
  private readonly states = new Map<string, DocumentState<S, R>>();
  private generation = 0;

  constructor(
    private readonly host: SchedulerHost<S, R>,
    /** Quiet time after an edit before the analysis runs; adjustable (initialization options, tests). */
    public debounceMs = DEFAULT_DEBOUNCE_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** A document opened or changed: (re)start its debounce timer. A pending run for an older version is superseded. */
  schedule(uri: string, delayMs = this.debounceMs): void {
    const state = this.stateOf(uri);
    if (state.timer !== undefined) this.timers.clear(state.timer);
    state.timer = this.timers.set(() => {
      state.timer = undefined;
      void this.run(uri);
    }, delayMs);
  }

  /** The document closed: drop its timer and results; a run still in flight will not publish. */
  close(uri: string): void {
    const state = this.states.get(uri);
    if (state?.timer !== undefined) this.timers.clear(state.timer);
    this.states.delete(uri);
  }

  /** Settings changed: every earlier result is stale; re-run the given documents. */
  invalidate(uris: Iterable<string>): void {
    this.generation++;
    for (const uri of uris) this.schedule(uri, 0);
  }

  /** The last published analysis, whatever its version. */
  latest(uri: string): Analysis<S, R> | undefined {
    return this.states.get(uri)?.latest;
  }

  /**
   * The analysis of the document's current version: the published one if it is current, the run in flight for this
   * version, or a new run started now (its pending timer is dropped). Undefined when the document is closed or
   * changed again before the run finished — a caller must not act on an outdated version.
   */
  current(uri: string): Promise<Analysis<S, R> | undefined> {
    const state = this.states.get(uri);
    if (state?.timer !== undefined) {
      this.timers.clear(state.timer);
      state.timer = undefined;
    }
    return this.run(uri);
  }

  /** True while a document has a pending timer or a run in flight (tests and idle checks). */
  busy(uri: string): boolean {
    const state = this.states.get(uri);
    return state !== undefined && (state.timer !== undefined || state.inflight !== undefined);
  }

  private stateOf(uri: string): DocumentState<S, R> {
    let state = this.states.get(uri);
    if (!state) {
      state = {};
      this.states.set(uri, state);
    }
    return state;
  }

  private run(uri: string): Promise<Analysis<S, R> | undefined> {
    const version = this.host.version(uri);
    const state = this.states.get(uri);
    if (version === undefined || !state) return Promise.resolve(undefined);
    const generation = this.generation;
    if (state.latest && state.latest.snapshot.version === version && state.latest.generation === generation) {
      return Promise.resolve(state.latest);
    }
    if (state.inflight && state.inflight.version === version && state.inflight.generation === generation) {
      return state.inflight.promise;
    }
    const snapshot = this.host.snapshot(uri);
    if (!snapshot) return Promise.resolve(undefined);
    const promise = this.execute(uri, state, snapshot, generation);
    const inflight = { version: snapshot.version, generation, promise };
    state.inflight = inflight;
    void promise.finally(() => {
      if (state.inflight === inflight) state.inflight = undefined;
    });
    return promise;
  }

  private async execute(uri: string, state: DocumentState<S, R>, snapshot: S, generation: number): Promise<Analysis<S, R> | undefined> {
    let result: R;
    try {
      result = await this.host.analyze(uri, snapshot);
    } catch (error) {
      this.host.failed(uri, snapshot, error);
      return undefined;
    }
    // Superseded: closed, edited, or the settings changed while this run was going. Its result is dropped.
    if (this.states.get(uri) !== state || this.host.version(uri) !== snapshot.version || this.generation !== generation) {
      return undefined;
    }
    if (state.latest && state.latest.snapshot.version > snapshot.version && state.latest.generation === generation) return undefined;
    const analysis: Analysis<S, R> = { snapshot, result, generation };
    state.latest = analysis;
    this.host.publish(uri, analysis);
    return analysis;
  }
}
