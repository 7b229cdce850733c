import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { Ticket, TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import { cancelledError, ExitCode, TixError, usageError } from '../../core/errors.ts';
import { acceptsReplies } from '../../core/status.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { formatDuration, parseDuration } from '../../core/duration.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { renderMessage } from './format.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  signal: AbortSignal;
  /** one ticket; without it, the inbox */
  ref?: TicketRef;
  intervalMs: number;
  timeoutMs?: number;
  exitOnReply: boolean;
}

const MIN_INTERVAL_MS = 1000;
const MAX_BACKOFF_MS = 5 * 60_000;

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('watch')
    .description('Wait for new messages on a ticket (or in your inbox) and print them as they arrive')
    .argument('[id]', 'ticket reference (a number on tix serve); without it, watch the inbox')
    .option('--interval <duration>', 'time between checks (one request each; at least 1s)', '30s')
    .option('--timeout <duration>', 'give up after this long (exit 8)')
    .option('--exit-on-reply', 'exit 0 at the first new reply')
    .action(async (id: string | undefined, opts: { interval: string; timeout?: string; exitOnReply?: boolean }) => {
      const intervalMs = parseDuration(opts.interval);
      if (intervalMs === undefined || intervalMs < MIN_INTERVAL_MS)
        throw usageError(`--interval: expected a duration of at least 1s, such as 30s or 5m, got "${opts.interval}"`);
      const timeoutMs = opts.timeout === undefined ? undefined : parseDuration(opts.timeout);
      if (opts.timeout !== undefined && (timeoutMs === undefined || timeoutMs <= 0))
        throw usageError(`--timeout: expected a duration such as 10m or 2h, got "${opts.timeout}"`);
      await runF({
        io: f.io,
        env: f.env,
        backend: () => f.backend(id === undefined ? 'readState' : 'tickets'),
        signal: f.signal,
        ref: id === undefined ? undefined : parseRef(f.providerInfo(), id),
        intervalMs,
        timeoutMs,
        exitOnReply: Boolean(opts.exitOnReply),
      });
    });
  return examples(cmd, [
    'tix ticket watch 42',
    '# in CI or cron: wait up to an hour for support to answer',
    'tix ticket watch 42 --interval 1m --timeout 1h --exit-on-reply && echo "support answered"',
    'tix ticket watch --exit-on-reply   # the whole inbox',
  ]);
}

/** A poller: one call per interval, the interval doubling (up to 5 min) while the server cannot be reached. */
export async function run(o: Options): Promise<void> {
  const backend = await o.backend();
  const me = (await backend.me()).user.email;
  const started = Date.now();
  const deadline = o.timeoutMs === undefined ? Number.POSITIVE_INFINITY : started + o.timeoutMs;
  const watcher = o.ref === undefined ? await inboxWatcher(o, backend) : await ticketWatcher(o, backend, o.ref, me);
  const spinner = startSpinner(o.io, watcher.label);
  let delay = o.intervalMs;
  let failures = 0;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new TixError(
          ExitCode.waitTimeout,
          `no new ${o.ref === undefined ? 'message in the inbox' : `reply on ${backend.provider.showRef(o.ref)}`} within ${formatDuration(o.timeoutMs!)}`,
          { code: 'watch_timeout' },
        );
      }
      await sleep(Math.min(delay, left), o.signal);
      if (Date.now() >= deadline) continue;
      let replies: number;
      try {
        replies = await watcher.check((text) => spinner.print(text));
      } catch (err) {
        // a transient failure slows the poller down; anything else (token revoked, ticket gone) ends it
        if (!(err instanceof TixError) || err.exitCode !== ExitCode.transient) throw err;
        failures += 1;
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        spinner.print(`! ${err.message}; next try in ${formatDuration(Math.round(delay / 1000) * 1000)}\n`, true);
        continue;
      }
      if (failures) spinner.print('✓ reachable again\n', true);
      failures = 0;
      delay = o.intervalMs;
      if (replies > 0 && o.exitOnReply) return;
    }
  } finally {
    spinner.stop();
  }
}

interface Watcher {
  label: string;
  /** prints what is new; returns how many new messages from others arrived */
  check(print: (text: string) => void): Promise<number>;
}

async function ticketWatcher(o: Options, backend: Backend, ref: TicketRef, me: string): Promise<Watcher> {
  const tickets = need(backend, 'tickets');
  const shown = backend.provider.showRef(ref);
  const first = await tickets.view(ref);
  if (!acceptsReplies(backend.provider.statuses, first))
    throw new TixError(ExitCode.state, `ticket ${shown} is closed: no reply can arrive`, {
      code: 'ticket_closed',
      hint: `to continue: tix ticket create --follow-up ${ref}`,
    });
  // message ids are the helpdesk's: remembered as a set, never compared as numbers
  const seen = new Set(first.messages.map((m) => String(m.id)));
  return {
    label: `waiting for replies on ${shown} "${first.summary}"`,
    check: async (print) => {
      const t = await tickets.view(ref);
      const fresh = t.messages.filter((m) => !seen.has(String(m.id)));
      for (const m of fresh) seen.add(String(m.id));
      const replies = fresh.filter((m) => m.author.email !== me);
      for (const m of replies) print(`${renderMessage(o.io, t.ref, m)}\n\n`);
      return replies.length;
    },
  };
}

async function inboxWatcher(_o: Options, backend: Backend): Promise<Watcher> {
  const tickets = need(backend, 'tickets');
  need(backend, 'readState');
  const show = (ref: TicketRef) => backend.provider.showRef(ref);
  const unread = async () => {
    const page = await tickets.list({ unread: true, limit: 100 });
    return new Map<TicketRef, Ticket>(page.items.map((t) => [t.ref, t]));
  };
  let known = await unread();
  return {
    label: 'waiting for new messages in your inbox',
    check: async (print) => {
      const now = await unread();
      let added = 0;
      for (const [ref, t] of now) {
        const before = known.get(ref)?.unread ?? 0;
        if (t.unread > before) {
          added += t.unread - before;
          const where = t.establishment ? ` (${t.establishment.name})` : '';
          print(
            `${show(ref)} ${t.summary}${where}: ${t.unread - before} new message${t.unread - before === 1 ? '' : 's'} · tix ticket view ${ref}\n`,
          );
        }
      }
      known = now;
      return added;
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelledError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A spinner on stderr, only when it is a terminal; output passes through without garbling it. */
function startSpinner(io: IOStreams, label: string) {
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let i = 0;
  const draw = () => {
    i = (i + 1) % frames.length;
    io.err(`\r${frames[i]} ${label} (Ctrl-C to stop)\u001b[K`);
  };
  const timer = io.isStderrTTY ? setInterval(draw, 120) : undefined;
  if (timer) draw();
  else io.err(`${label}…\n`);
  const clear = () => timer && io.err('\r\u001b[K');
  return {
    print(text: string, toStderr = false) {
      clear();
      if (toStderr) io.err(text);
      else io.out(text);
      if (timer) draw();
    },
    stop() {
      if (timer) clearInterval(timer);
      clear();
    },
  };
}
