import { basename } from 'node:path';
import type { Command } from 'commander';
import { labelled } from '../../core/i18n.ts';
import { type Backend, need, type TicketsApi } from '../../api/backend.ts';
import type { TicketRef, TicketWithMessages } from '../../api/types.ts';
import { uploadFiles } from '../../api/uploads.ts';
import { collect, parseRef } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { TicketClosedError, usageError } from '../../core/errors.ts';
import { acceptsReplies } from '../../core/status.ts';
import { editText } from '../../io/editor.ts';
import { readInputText } from '../../io/files.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { statusText } from './format.ts';
import { attachmentProblems, splitAttachments } from './form.ts';
import { t } from './messages.ts';

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
  /** print the reply that would be sent, and send nothing */
  dryRun?: boolean;
}

const REPLY_FIELDS = ['message', 'ticket'] as const;

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('reply')
    .alias('comment')
    .description(t(l, 'reply.description'))
    .argument('<id>', t(l, 'arg.ref'))
    .option('--body <text>', t(l, 'reply.body'))
    .option('--body-file <file>', t(l, 'reply.bodyFile'))
    .option('--attach <file>', t(l, 'reply.attach'), collect, [])
    .option('--idempotency-key <key>', t(l, 'reply.idempotencyKey'))
    .option('--dry-run', t(l, 'reply.dryRun'))
    .option('--json [fields]', t(l, 'json', { fields: REPLY_FIELDS.join(', ') }))
    .action(
      async (
        id: string,
        opts: { body?: string; bodyFile?: string; attach: string[]; idempotencyKey?: string; json?: JsonOption; dryRun?: boolean },
      ) => {
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
          dryRun: Boolean(opts.dryRun),
        });
      },
    );
  return examples(cmd, [
    'tix ticket reply 42 --body "Thanks, it works again"',
    'tix ticket reply 42 --body-file answer.md --attach screenshot.png,trace.txt',
    'git log -1 --format=%B | tix ticket reply 42 --body-file -',
    'tix ticket reply 42 --body "Still failing" --dry-run',
    `tix ticket reply 42   # ${t(l, 'reply.example.editor')}`,
  ]);
}

/** The way on from a closed ticket: the follow-ups it has, else filing one. */
export function closedError(backend: Backend, ticket: TicketWithMessages, ref: TicketRef): TicketClosedError {
  return new TicketClosedError(backend.provider.showRef(ref), ref, {
    followUps: (ticket.followUps ?? []).map((f) => ({ ref: String(f), shown: backend.provider.showRef(String(f)) })),
  });
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, REPLY_FIELDS);
  if (o.body !== undefined && o.bodyFile !== undefined) throw usageError(t.text('reply.bodyAndFile'));
  const attach = splitAttachments(o.attach);
  const fileProblems = attachmentProblems(attach);
  if (fileProblems.length)
    throw usageError((l) => fileProblems.map((p) => labelled(l, '--attach', p.text?.(l) ?? p.message)).join('\n'), {
      fields: fileProblems,
    });
  const backend = await o.backend();
  const tickets = need(backend, 'tickets');
  const shown = backend.provider.showRef(o.ref);
  const l = o.io.locale;

  // The state first: nobody should write a reply in an editor only to have it refused. With an idempotency
  // key and a body the helpdesk decides: a re-run whose first reply landed before an agent closed the ticket
  // is answered "already posted", not "closed".
  const ticket = await tickets.view(o.ref);
  if (
    !acceptsReplies(backend.provider.statuses, ticket) &&
    (o.idempotencyKey === undefined || (o.body === undefined && o.bodyFile === undefined))
  )
    throw closedError(backend, ticket, o.ref);

  let body = o.body;
  if (o.bodyFile !== undefined) body = await readInputText(o.io, o.bodyFile, '--body-file');
  if (body === undefined) {
    if (!o.io.canPrompt) throw usageError(t.text('reply.noBody'));
    const last = ticket.messages.at(-1);
    body = await editText(o.io, o.env, {
      what: t.text('reply.what'),
      configured: o.editor,
      instructions: [
        t(l, 'reply.editorTitle', { ref: shown, summary: ticket.summary, status: statusText(o.io, backend.provider, ticket) }),
        ...(last ? [t(l, 'reply.editorLast', { author: last.author.name }), ...last.body.split('\n').slice(0, 15)] : []),
        t(l, 'reply.editorEmpty'),
      ].join('\n'),
    });
  }
  if (body.trim() === '') throw usageError(t.text('reply.empty'));

  if (o.dryRun) {
    printJson(o.io, {
      ticket: o.ref,
      body,
      attachments: attach.map((p) => ({ path: p, name: basename(p) })),
      ...(o.idempotencyKey ? { idempotencyKey: o.idempotencyKey } : {}),
    });
    o.io.err(`${t(l, 'dryRun')}\n`);
    return;
  }

  const attachments = await uploadFiles(o.io, tickets, attach, (name) => t(l, 'uploading', { name }));
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
    `✓ ${
      created.replayed && o.idempotencyKey !== undefined
        ? t(l, 'reply.replayed', { key })
        : t(l, 'reply.done', { ref: shown, status: statusText(o.io, backend.provider, created.ticket) })
    }\n`,
  );
}
