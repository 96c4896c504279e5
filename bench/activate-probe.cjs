// Times the client bundle's activation outside VS Code: `require('vscode')` is answered by a minimal fake, then
// client/out/extension.js is loaded and activate() awaited. activate() starts the real language server over IPC
// (vscode-languageclient forks server/out/server.js) and resolves once it answered `initialize`, so the time covers
// what VS Code would wait for. Prints one JSON line: { loadMs, activateMs, deactivateMs, commands, serverRunning, error }.
// Usage: node bench/activate-probe.cjs <extension root> <workspace folder>
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
const folder = path.resolve(process.argv[3] ?? root);
const started = performance.now();

/**
 * Anything the fake does not model is a chameleon: callable, constructible, every property another chameleon, not a
 * thenable (so `await` passes through), iterable as empty, and it remembers what is assigned to it.
 */
function chameleon(name) {
  const store = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(_, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => `[fake ${name}]`;
      if (prop === 'toJSON') return () => undefined;
      if (prop === 'prototype') return target.prototype;
      if (!store.has(prop)) store.set(prop, chameleon(`${name}.${String(prop)}`));
      return store.get(prop);
    },
    set(_, prop, value) {
      store.set(prop, value);
      return true;
    },
    has: () => true,
    apply: () => chameleon(`${name}()`),
    construct: () => chameleon(`new ${name}`),
  });
}

/** Wraps a partial object: its own members first, chameleons for the rest. */
function partial(name, members) {
  const rest = chameleon(name);
  return new Proxy(members, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (prop === 'then') return undefined;
      return rest[prop];
    },
  });
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this.fn?.();
    this.fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(bound);
      return new Disposable(() => this.listeners.delete(bound));
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  constructor(scheme, authority, p, query, fragment) {
    Object.assign(this, { scheme, authority: authority ?? '', path: p ?? '', query: query ?? '', fragment: fragment ?? '' });
  }
  static file(p) {
    return new Uri('file', '', path.resolve(p));
  }
  static parse(value) {
    const u = new URL(value);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, decodeURIComponent(u.pathname), u.search.replace(/^\?/, ''), u.hash.replace(/^#/, ''));
  }
  static from(c) {
    return new Uri(c.scheme, c.authority, c.path, c.query, c.fragment);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts));
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString() {
    return this.scheme === 'file' ? pathToFileURL(this.path).href : `${this.scheme}://${this.authority}${this.path}`;
  }
  toJSON() {
    return { scheme: this.scheme, authority: this.authority, path: this.path, query: this.query, fragment: this.fragment };
  }
}

const noEvent = () => new Disposable();
const registered = [];
const configuration = () => ({ get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined });
const memento = () => {
  const m = new Map();
  return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync() {} };
};
const outputLines = [];
const outputChannel = (name) =>
  partial(`OutputChannel(${name})`, {
    name,
    append(text) {
      outputLines.push(String(text));
    },
    appendLine(text) {
      outputLines.push(String(text));
    },
    replace() {},
    clear() {},
    show() {},
    hide() {},
    dispose() {},
  });

const workspaceFolders = [{ uri: Uri.file(folder), name: path.basename(folder), index: 0 }];
const vscode = partial('vscode', {
  version: '1.100.0',
  Uri,
  Disposable,
  EventEmitter,
  env: partial('env', { appName: 'Visual Studio Code', appRoot: root, language: 'en', machineId: 'bench', sessionId: 'bench', uiKind: 1, remoteName: undefined, shell: '/bin/sh' }),
  workspace: partial('workspace', {
    workspaceFolders,
    name: path.basename(folder),
    textDocuments: [],
    getConfiguration: configuration,
    getWorkspaceFolder: () => workspaceFolders[0],
    asRelativePath: (p) => String(p),
    onDidChangeConfiguration: noEvent,
    onDidChangeWorkspaceFolders: noEvent,
    onDidOpenTextDocument: noEvent,
    onDidCloseTextDocument: noEvent,
    onDidChangeTextDocument: noEvent,
    onDidSaveTextDocument: noEvent,
    onWillSaveTextDocument: noEvent,
    onDidCreateFiles: noEvent,
    onDidDeleteFiles: noEvent,
    onDidRenameFiles: noEvent,
    onWillCreateFiles: noEvent,
    onWillDeleteFiles: noEvent,
    onWillRenameFiles: noEvent,
    createFileSystemWatcher: () => partial('FileSystemWatcher', { onDidCreate: noEvent, onDidChange: noEvent, onDidDelete: noEvent, dispose() {} }),
  }),
  window: partial('window', {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    createOutputChannel: outputChannel,
    onDidChangeActiveTextEditor: noEvent,
    onDidChangeVisibleTextEditors: noEvent,
    onDidChangeWindowState: noEvent,
  }),
  commands: partial('commands', {
    registerCommand: (id) => {
      registered.push(id);
      return new Disposable();
    },
    executeCommand: async () => undefined,
    getCommands: async () => registered.slice(),
  }),
  languages: partial('languages', {
    getDiagnostics: () => [],
    onDidChangeDiagnostics: noEvent,
    match: () => 0,
  }),
  extensions: partial('extensions', { getExtension: () => undefined, all: [], onDidChange: noEvent }),
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  EndOfLine: { LF: 1, CRLF: 2 },
});

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, parent, isMain);
};

const context = partial('ExtensionContext', {
  subscriptions: [],
  extensionPath: root,
  extensionUri: Uri.file(root),
  asAbsolutePath: (p) => path.join(root, p),
  globalState: memento(),
  workspaceState: memento(),
  storageUri: undefined,
  globalStorageUri: Uri.file(path.join(root, 'bench/.peers/global-storage')),
  logUri: Uri.file(path.join(root, 'bench/.peers/logs')),
  extensionMode: 1,
  extension: { id: 'twelve-factor.twelve-factor-linter', extensionPath: root, packageJSON: require(path.join(root, 'package.json')) },
});

async function main() {
  const result = { loadMs: null, activateMs: null, deactivateMs: null, commands: 0, serverRunning: false, error: null };
  try {
    const t0 = performance.now();
    const extension = require(path.join(root, 'client/out/extension.js'));
    const t1 = performance.now();
    result.loadMs = t1 - t0;
    const api = await extension.activate(context);
    const t2 = performance.now();
    result.activateMs = t2 - t1;
    result.commands = registered.length;
    // The extension's Ctx exposes the client only while it is running: proof the server really started.
    result.serverRunning = api?.client !== undefined && api?.client !== null;
    if (!result.serverRunning) result.error = `activate() returned without a running client; output: ${outputLines.slice(-3).join(' | ') || '(none)'}`;
    await extension.deactivate?.();
    result.deactivateMs = performance.now() - t2;
    for (const d of context.subscriptions) d?.dispose?.();
  } catch (error) {
    result.error = error instanceof Error ? `${error.message}\n${(error.stack ?? '').split('\n').slice(1, 4).join('\n')}` : String(error);
  }
  result.processMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

void main();
