import type { Command } from 'commander';
import { type Backend, need, type TicketsApi } from '../../api/backend.ts';
import type { TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import { TicketClosedError, usageError } from '../../core/errors.ts';
import { acceptsReplies } from '../../core/status.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { readInputText } from '../../io/files.ts';
import { uploadFiles } from '../../api/uploads.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { attachmentProblems } from './form.ts';
import { editText } from '../../io/editor.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  ref: TicketRef;
  body?: string;
  bodyFile?: string;
  attach: string[];
  idempotencyKey?: string;
  json: JsonOption;
  editor?: string;
}

const REPLY_FIELDS = ['message', 'ticket'] as const;

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('reply')
    .alias('comment')
    .description('Answer a ticket (any status but closed); opens your editor on a terminal when no body is given')
    .argument('<id>', 'ticket reference (a number on tix serve)')
    .option('--body <text>', 'the reply')
    .option('--body-file <file>', 'read the reply from a file, or - for standard input')
    .option('--attach <file>', 'attach a file (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--idempotency-key <key>', 'a retry with the same key cannot post the reply twice')
    .option('--json [fields]', `print JSON (fields: ${REPLY_FIELDS.join(', ')})`)
    .action(
      async (id: string, opts: { body?: string; bodyFile?: string; attach: string[]; idempotencyKey?: string; json?: JsonOption }) => {
        await runF({
          io: f.io,
          env: f.env,
          backend: () => f.backend('tickets'),
          ref: parseRef(f.providerInfo(), id),
          body: opts.body,
          bodyFile: opts.bodyFile,
          attach: opts.attach,
          idempotencyKey: opts.idempotencyKey,
          json: opts.json,
          editor: f.config().editor,
        });
      },
    );
  return examples(cmd, [
    'tix ticket reply 42 --body "Thanks, it works again"',
    'tix ticket reply 42 --body-file answer.md --attach screenshot.png',
    'git log -1 --format=%B | tix ticket reply 42 --body-file -',
    'tix ticket reply 42   # opens $EDITOR',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, REPLY_FIELDS);
  if (o.body !== undefined && o.bodyFile !== undefined) throw usageError('--body and --body-file cannot be combined');
  const fileProblems = attachmentProblems(o.attach);
  if (fileProblems.length) throw usageError(fileProblems.map((p) => `--attach: ${p.message}`).join('\n'), { fields: fileProblems });
  const backend = await o.backend();
  const tickets = need(backend, 'tickets');
  const shown = backend.provider.showRef(o.ref);

  // The state first: nobody should write a reply in an editor only to have it refused. With an idempotency
  // key and a body the helpdesk decides: a re-run whose first reply landed before an agent closed the ticket
  // is answered "already posted", not "closed".
  const ticket = await tickets.view(o.ref);
  if (
    !acceptsReplies(backend.provider.statuses, ticket) &&
    (o.idempotencyKey === undefined || (o.body === undefined && o.bodyFile === undefined))
  )
    throw new TicketClosedError(shown, o.ref);

  let body = o.body;
  if (o.bodyFile !== undefined) body = await readInputText(o.io, o.bodyFile, '--body-file');
  if (body === undefined) {
    if (!o.io.canPrompt) throw usageError('a reply needs --body TEXT or --body-file FILE (no terminal to open an editor on)');
    const last = ticket.messages.at(-1);
    body = await editText(o.io, o.env, {
      what: 'the reply',
      configured: o.editor,
      instructions: `Reply to ${shown} "${ticket.summary}" (${ticket.status}).\n${last ? `Last message, from ${last.author.name}:\n${last.body.split('\n').slice(0, 15).join('\n')}\n` : ''}Lines starting with # are ignored. An empty reply sends nothing.`,
    });
  }
  if (body.trim() === '') throw usageError('the reply is empty; nothing was sent');

  const attachments = await uploadFiles(o.io, tickets, o.attach);
  const key = o.idempotencyKey ?? `tix-${globalThis.crypto.randomUUID()}`;
  // closed between our check and the reply (an agent, or the auto-close): the provider throws TicketClosedError
  const created: Awaited<ReturnType<TicketsApi['reply']>> = await tickets.reply(
    o.ref,
    { body, ...(attachments.length ? { attachments } : {}) },
    { idempotencyKey: key, freshKey: o.idempotencyKey === undefined },
  );
  if (fields) return printJson(o.io, pick({ message: created.item, ticket: created.ticket }, fields));
  o.io.out(`${created.ticket.url}\n`);
  // a key made here can only have been replayed by this command's own retry: the reply is this command's
  o.io.err(
    created.replayed && o.idempotencyKey !== undefined
      ? `✓ That reply was already posted (idempotency key ${key}); nothing new was sent\n`
      : `✓ Replied to ${shown} (now ${created.ticket.status})\n`,
  );
}
