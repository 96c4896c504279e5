/**
 * The twelve factors: name, summary, the review question and what to verify by hand. One source for the engine's
 * rules, the CLI's reports, the editor's checklist view and its Markdown pages. Pure data.
 */

export const FACTORS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;
export type Factor = (typeof FACTORS)[number];

export interface FactorInfo {
  factor: Factor;
  /** 1-based position, for sorting and for "Factor 3". */
  number: number;
  name: string;
  /** One sentence in our words. */
  summary: string;
  /** The question a reviewer asks; shown as the tree item's tooltip. */
  question: string;
  /** What a person verifies when no automated rule covers (all of) the factor. */
  manualChecks: string[];
}

export const FACTOR_INFO: readonly FactorInfo[] = [
  {
    factor: 'I',
    number: 1,
    name: 'Codebase',
    summary: 'The app lives in one revision-controlled codebase; staging, production and laptops are deploys of it.',
    question: 'Does this app come from exactly one repository, and can it be deployed on its own?',
    manualChecks: [
      'The app is built from this one repository, not stitched together from several.',
      'Code shared with other apps is consumed as a versioned library, not copied in.',
      'Every environment (staging, production, local) deploys a revision of this same codebase.',
    ],
  },
  {
    factor: 'II',
    number: 2,
    name: 'Dependencies',
    summary: 'Every dependency is declared in a manifest and isolated, so nothing relies on system-wide packages.',
    question: 'Could a newcomer clone the repository and run it using only the declared manifest, with no global installs?',
    manualChecks: [
      'A manifest (package.json, pyproject.toml, go.mod, …) lists every library the app uses.',
      'A lock file is committed, so builds resolve the same versions everywhere.',
      'No tool the app shells out to (curl, imagemagick, …) is assumed to exist on the host.',
    ],
  },
  {
    factor: 'III',
    number: 3,
    name: 'Config',
    summary: 'Whatever differs between deploys — credentials, resource handles, hostnames — comes from the environment.',
    question: 'Is every value that changes between deploys read from the environment, with no secret in the code?',
    manualChecks: [
      'Credentials and per-deploy values are read from environment variables or a secrets manager.',
      'The repository could be published today without leaking a credential.',
      'Config is not grouped into named environments ("development", "production") in code.',
    ],
  },
  {
    factor: 'IV',
    number: 4,
    name: 'Backing services',
    summary: 'Databases, queues, caches and APIs are attached resources located by configuration.',
    question: 'Could the database or cache be swapped for another instance by changing one setting, without a code change?',
    manualChecks: [
      'Every backing service is located by a URL or handle taken from config.',
      'The code treats a local service and a managed one the same way.',
    ],
  },
  {
    factor: 'V',
    number: 5,
    name: 'Build, release, run',
    summary: 'Building, releasing (build plus config) and running are separate stages; releases are immutable.',
    question: 'Is the build artifact immutable, and does every release carry its own version?',
    manualChecks: [
      'A CI pipeline produces the build artifact; nothing is compiled or patched on the running server.',
      'Each release has a unique id (version, timestamp or commit) and is never edited in place.',
      'Rolling back means redeploying an earlier release.',
    ],
  },
  {
    factor: 'VI',
    number: 6,
    name: 'Processes',
    summary: 'The app runs as stateless, share-nothing processes; anything to keep lives in a backing service.',
    question: 'If a process restarted right now, would every piece of state survive in a backing service?',
    manualChecks: [
      'Sessions live in a shared store, not in process memory (no sticky sessions).',
      'Uploads go to object storage, not to the local disk.',
      'Caches in memory can be lost without harm.',
    ],
  },
  {
    factor: 'VII',
    number: 7,
    name: 'Port binding',
    summary: 'The app carries its own server and listens on a port it is given.',
    question: 'Is the app self-contained, listening on a port taken from the environment, with no external web server required?',
    manualChecks: [
      'The port to listen on comes from the environment (PORT).',
      'The app does not need to be deployed into an application server to serve requests.',
    ],
  },
  {
    factor: 'VIII',
    number: 8,
    name: 'Concurrency',
    summary: 'Capacity grows by running more processes of each type, not by growing one process.',
    question: 'Can the app handle more load by running more instances rather than bigger ones?',
    manualChecks: [
      'Each kind of work (web, worker, scheduler) is its own process type, e.g. in a Procfile.',
      'Process types can be scaled independently of each other.',
      'The app does not daemonize itself or write PID files; the platform manages processes.',
    ],
  },
  {
    factor: 'IX',
    number: 9,
    name: 'Disposability',
    summary: 'Processes start quickly and shut down gracefully, so they can be started or stopped at any moment.',
    question: 'Does the app start within seconds and shut down cleanly on SIGTERM?',
    manualChecks: [
      'A SIGTERM handler stops taking new work, finishes what is in flight and exits.',
      'Start-up takes seconds, not minutes.',
      'Jobs are idempotent, so a worker killed mid-job does no harm when the job is retried.',
    ],
  },
  {
    factor: 'X',
    number: 10,
    name: 'Dev/prod parity',
    summary: 'Development, staging and production stay as alike as possible, down to the backing services.',
    question: 'Are the same kinds of backing services used in development, staging and production?',
    manualChecks: [
      'Development uses the same database and cache products as production (e.g. via containers).',
      'Code paths do not branch on the environment name to choose a different service.',
    ],
  },
  {
    factor: 'XI',
    number: 11,
    name: 'Logs',
    summary: 'The app writes its log as an unbuffered event stream to stdout and leaves routing to the platform.',
    question: 'Does the app log to stdout only, without writing or rotating log files?',
    manualChecks: [
      'Log output goes to stdout or stderr, never to a file the app manages.',
      'Log routing and retention are configured in the platform, not in the app.',
    ],
  },
  {
    factor: 'XII',
    number: 12,
    name: 'Admin processes',
    summary: 'One-off tasks such as migrations run as processes in the same release and config as the app.',
    question: 'Do migrations and one-off scripts run in the same environment, code and config as the app?',
    manualChecks: [
      'Migrations and maintenance scripts ship in this repository with the app code.',
      'They run against a release with the same config (e.g. a one-off process or a Kubernetes Job).',
      'Nobody runs ad-hoc SQL or scripts from a laptop against production.',
    ],
  },
];

export function factorInfo(factor: Factor): FactorInfo {
  const info = FACTOR_INFO.find((f) => f.factor === factor);
  if (!info) throw new Error(`unknown factor ${factor}`);
  return info;
}

/** "III. Config" */
export function factorTitle(info: FactorInfo): string {
  return `${info.factor}. ${info.name}`;
}
