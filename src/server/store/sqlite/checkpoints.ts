import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a thread of their own. SQLite copies the write-ahead log back into the database file
 * (and syncs both) when the log passes a thousand pages, inside whichever commit passes it: at a hundred
 * creates a second that was one commit in twenty taking 10 to 100 ms on the event loop, every request waiting
 * behind it. Here a second connection, on a worker thread, checkpoints (PASSIVE: it never blocks a writer)
 * shortly after commits; the event loop's connection checkpoints only if the log has grown far beyond that
 * (the worker is gone or cannot keep up). Durability is the same: a commit is in the log before it is answered.
 */
export class Checkpointer {
  private readonly worker: Worker;
  /** commits so far, shared with the worker: it checkpoints when the count has moved */
  private readonly commits = new Int32Array(new SharedArrayBuffer(4));
  private stopped?: Promise<void>;

  constructor(path: string, everyMs = CHECKPOINT_EVERY_MS) {
    this.worker = new Worker(WORKER, { eval: true, workerData: { path, commits: this.commits, everyMs } });
    // a checkpoint that fails (disk full) is tried again later; the worker never keeps the process alive
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  /** Called after each commit: costs an atomic add. */
  committed(): void {
    Atomics.add(this.commits, 0, 1);
  }

  /** The worker closes its connection and ends (a connection left open would keep the log file). */
  stop(): Promise<void> {
    this.stopped ??= new Promise((resolve) => {
      this.worker.once('exit', () => resolve());
      // waited for: the process must not see an empty event loop meanwhile
      this.worker.ref();
      this.worker.postMessage('stop');
    });
    return this.stopped;
  }
}

/** how often the worker looks for new commits */
const CHECKPOINT_EVERY_MS = 250;

/** Pages the log may hold before the event loop's own connection checkpoints (SQLite's default is 1,000). */
export const FALLBACK_CHECKPOINT_PAGES = 20_000;

// CommonJS, run as it is by the worker (no file to find next to a bundle)
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 0; PRAGMA wal_autocheckpoint = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let seen = 0;
const timer = setInterval(() => {
  const now = Atomics.load(workerData.commits, 0);
  if (now === seen) return;
  seen = now;
  try { checkpoint.get(); } catch {}
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
