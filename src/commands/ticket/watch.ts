import type { Command } from 'commander';
import { labelled } from '../../core/i18n.ts';
import { type Backend, need } from '../../api/backend.ts';
import type { Ticket, TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import { cancelledError, ExitCode, TixError, usageError } from '../../core/errors.ts';
import { acceptsReplies } from '../../core/status.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { formatDuration, parseDuration } from '../../core/duration.ts';
import { ERASE_LINE } from '../../io/color.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { closedError } from './reply.ts';
import { renderMessage } from './format.ts';
import { t } from './messages.ts';

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
  const l = f.io.locale;
  const cmd = parent
    .command('watch')
    .description(t(l, 'watch.description'))
    .argument('[id]', t(l, 'watch.id'))
    .option('--interval <duration>', t(l, 'watch.interval'), '30s')
    .option('--timeout <duration>', t(l, 'watch.timeout'))
    .option('--exit-on-reply', t(l, 'watch.exitOnReply'))
    .action(async (id: string | undefined, opts: { interval: string; timeout?: string; exitOnReply?: boolean }) => {
      const intervalMs = parseDuration(opts.interval);
      if (intervalMs === undefined || intervalMs < MIN_INTERVAL_MS) throw usageError(t.text('watch.badInterval', { value: opts.interval }));
      const timeoutMs = opts.timeout === undefined ? undefined : parseDuration(opts.timeout);
      if (opts.timeout !== undefined && (timeoutMs === undefined || timeoutMs <= 0))
        throw usageError(t.text('watch.badTimeout', { value: opts.timeout }));
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
    `# ${t(l, 'watch.example.ci')}`,
    'tix ticket watch 42 --interval 1m --timeout 1h --exit-on-reply && echo "support answered"',
    `tix ticket watch --exit-on-reply   # ${t(l, 'watch.example.inbox')}`,
  ]);
}

/**
 * A poller: one call per interval, the interval doubling (up to 5 min) while the server cannot be reached.
 * At the timeout it exits 0 when something came while it watched, 8 only when nothing did.
 */
export async function run(o: Options): Promise<void> {
  const backend = await o.backend();
  const me = (await backend.me()).user.email;
  const started = Date.now();
  const deadline = o.timeoutMs === undefined ? Number.POSITIVE_INFINITY : started + o.timeoutMs;
  const watcher = o.ref === undefined ? await inboxWatcher(o, backend) : await ticketWatcher(o, backend, o.ref, me);
  const spinner = startSpinner(o.io, watcher.label);
  const l = o.io.locale;
  let delay = o.intervalMs;
  let failures = 0;
  let received = 0;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) {
        const within = formatDuration(o.timeoutMs!);
        if (received > 0) {
          spinner.print(`✓ ${t(l, 'watch.doneWith', { count: received, within })}\n`, true);
          return;
        }
        throw new TixError(
          ExitCode.waitTimeout,
          o.ref === undefined
            ? t.text('watch.nothingInbox', { within })
            : t.text('watch.nothingTicket', { ref: backend.provider.showRef(o.ref), within }),
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
        const { errorText } = await import('../../cli/report.ts');
        spinner.print(
          `! ${t(l, 'watch.retry', { error: errorText(err, l), next: formatDuration(Math.round(delay / 1000) * 1000) })}\n`,
          true,
        );
        continue;
      }
      if (failures) spinner.print(`✓ ${t(l, 'watch.reachable')}\n`, true);
      failures = 0;
      delay = o.intervalMs;
      received += replies;
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
  // a closed ticket takes no replies, so none can arrive: the way on is its follow-up
  if (!acceptsReplies(backend.provider.statuses, first)) throw closedError(backend, first, ref);
  // message ids are the helpdesk's: remembered as a set, never compared as numbers
  const seen = new Set(first.messages.map((m) => String(m.id)));
  return {
    label: t(o.io.locale, 'watch.waitingTicket', { ref: shown, summary: first.summary }),
    check: async (print) => {
      const x = await tickets.view(ref);
      const fresh = x.messages.filter((m) => !seen.has(String(m.id)));
      for (const m of fresh) seen.add(String(m.id));
      const replies = fresh.filter((m) => m.author.email !== me);
      for (const m of replies) print(`${renderMessage(o.io, x.ref, m)}\n\n`);
      return replies.length;
    },
  };
}

async function inboxWatcher(o: Options, backend: Backend): Promise<Watcher> {
  const tickets = need(backend, 'tickets');
  need(backend, 'readState');
  const show = (ref: TicketRef) => backend.provider.showRef(ref);
  const unread = async () => {
    const page = await tickets.list({ unread: true, limit: 100 });
    return new Map<TicketRef, Ticket>(page.items.map((x) => [x.ref, x]));
  };
  let known = await unread();
  return {
    label: t(o.io.locale, 'watch.waitingInbox'),
    check: async (print) => {
      const now = await unread();
      let added = 0;
      for (const [ref, x] of now) {
        const before = known.get(ref)?.unread ?? 0;
        if (x.unread > before) {
          added += x.unread - before;
          const where = x.establishment ? ` (${x.establishment.name})` : '';
          print(
            `${labelled(o.io.locale, `${show(ref)} ${x.summary}${where}`, t(o.io.locale, 'watch.newMessages', { count: x.unread - before }))} · tix ticket view ${ref}\n`,
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
  const stop = t(io.locale, 'watch.stop');
  let i = 0;
  const draw = () => {
    i = (i + 1) % frames.length;
    io.err(`${ERASE_LINE}${frames[i]} ${label} (${stop})`);
  };
  const timer = io.isStderrTTY ? setInterval(draw, 120) : undefined;
  if (timer) draw();
  else io.err(`${label}…\n`);
  const clear = () => timer && io.err(ERASE_LINE);
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
