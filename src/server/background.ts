// Background work of `tix serve`: what happens without a request (auto-closing resolved tickets today; delivering
// notification e-mails from an outbox next). Every instance over one database runs the same tasks; none is
// elected, so killing any of them stops nothing. What makes each piece of work happen once is the database,
// not the process:
//
// - A task claims its work in the store, in one transaction: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED`
//   (instances running at once take disjoint rows and never wait on each other), on SQLite the single writer.
//   The claim and the work's effect commit together when the effect is a database change (closing a ticket):
//   done exactly once. When the effect is outside (an e-mail), the claim is a lease written first (`claimed
//   until T`), the effect happens, then the row is marked done; a process killed in between leaves a lease that
//   expires and another instance takes the row again: at least once, and once in practice when the effect is
//   keyed (a Message-ID per event and recipient) so a repeat can be recognised.
// - Each task runs every `periodMs` on each instance (with up to 10 % jitter so instances spread out), never
//   twice at once in one process, and drains: while a run finds a full batch it runs again at once. With N
//   instances up, work waits at most `periodMs` after it falls due; with none up, it is done at the next start.
// - Nothing runs on a request: reads never pay for background work. A write that made work (a notification to
//   send) may nudge a task: it runs right after, outside the request, on the instance that took the write.

export interface BackgroundTask {
  /** short and stable: it names the task in the log */
  name: string;
  periodMs: number;
  /** does one batch of due work; returns how many items it did and whether the batch was full (more may wait) */
  run(): Promise<{ done: number; full: boolean }>;
}

export interface BackgroundLog {
  info(facts: Record<string, unknown>, message: string): void;
  error(facts: Record<string, unknown>, message: string): void;
}

export class BackgroundWorker {
  private readonly tasks: BackgroundTask[];
  private readonly log: BackgroundLog;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<number>>();
  /** tasks nudged while they ran: they run once more when done, so the nudge's work is not left for a period */
  private readonly again = new Set<string>();
  private started = false;
  private stopped = false;

  constructor(tasks: BackgroundTask[], log: BackgroundLog) {
    this.tasks = tasks;
    this.log = log;
  }

  /** Starts the timers, and runs every task once now (what fell due while no instance ran). */
  start(): void {
    this.stopped = false;
    this.started = true;
    for (const task of this.tasks) this.schedule(task, 0);
  }

  private schedule(task: BackgroundTask, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      void this.runTask(task).finally(() => this.schedule(task, task.periodMs * (0.9 + Math.random() * 0.1)));
    }, delayMs);
    // background work never keeps a process alive on its own
    timer.unref();
    this.timers.set(task.name, timer);
  }

  /** Runs one task until its due work is drained; a run already going on is joined rather than doubled. */
  runTask(task: BackgroundTask): Promise<number> {
    const current = this.running.get(task.name);
    if (current) return current;
    const run = (async () => {
      let total = 0;
      try {
        for (;;) {
          const { done, full } = await task.run();
          total += done;
          if (!full || this.stopped) break;
        }
      } catch (err) {
        // the next period tries again; a database that is down for a while is not a reason to stop serving
        this.log.error(
          { task: task.name, err },
          `background task ${task.name} failed; it runs again in ${Math.round(task.periodMs / 1000)} s`,
        );
      }
      return total;
    })().finally(() => {
      this.running.delete(task.name);
      if (this.again.delete(task.name)) this.nudge(task.name);
    });
    this.running.set(task.name, run);
    return run;
  }

  /**
   * Runs a task soon, outside the caller's request (a write made work for it); once more after the current run
   * when one is going on. Nothing before start() or after stop(): tests run tasks when they choose.
   */
  nudge(name: string): void {
    const task = this.tasks.find((t) => t.name === name);
    if (!task || !this.started || this.stopped) return;
    if (this.running.has(name)) {
      this.again.add(name);
      return;
    }
    setImmediate(() => {
      if (!this.stopped) void this.runTask(task);
    });
  }

  /** Runs every task now until drained (tests; an operator's nudge). Returns what each did. */
  async runAll(): Promise<Record<string, number>> {
    const done: Record<string, number> = {};
    for (const task of this.tasks) done[task.name] = await this.runTask(task);
    return done;
  }

  /** Stops the timers and waits for the runs going on: a shutdown never cuts a batch in the middle. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
  }
}
