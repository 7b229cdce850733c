import { basename } from 'node:path';
import type { Command } from 'commander';
import { type Backend, need, type TicketsApi } from '../../api/backend.ts';
import type { ProviderInfo } from '../../api/provider.ts';
import type { Establishment, NewTicket, Ticket, TicketRef } from '../../api/types.ts';
import { collect, parseRef } from '../../cli/args.ts';
import { cancelledError, ExitCode, IdempotencyConflictError, TixError, usageError } from '../../core/errors.ts';
import { isPromptCancel } from '../../cli/report.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { FieldSpec } from '../../core/catalog.ts';
import { labelled, type Locale, type Localized, pickText } from '../../core/i18n.ts';
import { acceptsReplies, activeCategories, statusesIn, statusLabel, statusSpec } from '../../core/status.ts';
import { problemText } from '../../core/messages.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { readInputText } from '../../io/files.ts';
import { uploadFiles } from '../../api/uploads.ts';
import { formatTime, jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { editText } from '../../io/editor.ts';
import { askChoice, askConfirm, confirmOrCancel } from '../../io/prompter.ts';
import { ciDescription, ciSummary, detectCi, type CiContext } from './ci.ts';
import * as form from './form.ts';
import type { Draft } from './form.ts';
import { clearDraft, loadDraft, sameRequest, type SavedDraft, saveDraft } from './drafts.ts';
import { fieldText, statusText, TICKET_FIELDS } from './format.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  type?: string;
  establishment?: string;
  summary?: string;
  description?: string;
  descriptionFile?: string;
  fields: string[];
  attach: string[];
  idempotencyKey?: string;
  fromJson?: string;
  followUp?: TicketRef;
  /** fill the description (and the idempotency key) from GitHub Actions or GitLab CI variables */
  fromCi: boolean;
  /** reply to an open ticket with the same type, establishment and summary instead of opening one */
  dedupe: boolean;
  dryRun: boolean;
  json: JsonOption;
  /** the editor from tix config, if any */
  editor?: string;
  /** once filed, open the ticket's page in the browser */
  web?: boolean;
  /** reopen the request kept for this server when the last one was not sent */
  recover?: boolean;
  /** the server this profile files to: where a request not sent is kept (drafts.ts) */
  server: string;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('create')
    .alias('new')
    .description(t(l, 'create.description'))
    .option('--type <type>', t(l, 'create.type'))
    .option('--establishment <siret|name>', t(l, 'create.establishment'))
    .option('--summary <text>', t(l, 'create.summary'))
    .option('--description <text>', t(l, 'create.descriptionText'))
    .option('--description-file <file>', t(l, 'create.descriptionFile'))
    .option('--field <id=value>', t(l, 'create.field'), collect, [])
    .option('--attach <file>', t(l, 'create.attach'), collect, [])
    .option('--idempotency-key <key>', t(l, 'create.idempotencyKey'))
    .option('--from-json <file>', t(l, 'create.fromJson'))
    .option('--follow-up <id>', t(l, 'create.followUp'))
    .option('--from-ci', t(l, 'create.fromCi'))
    .option('--dedupe', t(l, 'create.dedupe'))
    .option('--dry-run', t(l, 'create.dryRun'))
    .option('--json [fields]', t(l, 'create.json', { fields: TICKET_FIELDS.join(', ') }))
    .option('--web', t(l, 'create.web'))
    .option('--recover', t(l, 'create.recover'))
    .action(
      async (opts: {
        type?: string;
        establishment?: string;
        summary?: string;
        description?: string;
        descriptionFile?: string;
        field: string[];
        attach: string[];
        idempotencyKey?: string;
        fromJson?: string;
        followUp?: string;
        fromCi?: boolean;
        dedupe?: boolean;
        dryRun?: boolean;
        json?: JsonOption;
        web?: boolean;
        recover?: boolean;
      }) => {
        await runF({
          io: f.io,
          env: f.env,
          backend: () => f.backend('tickets', 'requestTypes'),
          type: opts.type,
          establishment: opts.establishment,
          summary: opts.summary,
          description: opts.description,
          descriptionFile: opts.descriptionFile,
          fields: opts.field,
          attach: opts.attach,
          idempotencyKey: opts.idempotencyKey,
          fromJson: opts.fromJson,
          followUp: opts.followUp === undefined ? undefined : parseRef(f.providerInfo(), opts.followUp, '--follow-up'),
          fromCi: Boolean(opts.fromCi),
          dedupe: Boolean(opts.dedupe),
          dryRun: Boolean(opts.dryRun),
          json: opts.json,
          editor: f.config().editor,
          web: Boolean(opts.web),
          recover: Boolean(opts.recover),
          server: f.server(),
        });
      },
    );
  return examples(cmd, [
    'tix ticket create',
    'tix ticket create --type incident --summary "Login returns 500" --description "Since 9:00…" --field severity=high',
    'tix ticket create --type api-integration --establishment 81234567600017 --summary "401 on /v1/payroll" \\\n      --field endpointUrl=https://api.example.com/v1/payroll --field impact=high --description-file notes.md --attach trace.txt',
    'tix ticket create --from-json request.json --idempotency-key "$CI_PIPELINE_ID" --json id,url',
    'tix ticket create --follow-up 42 --description "It happens again since the update"',
    'tix ticket create --recover',
    `# ${t(l, 'create.example.ci')}`,
    'tix ticket create --type incident --field severity=high --from-ci --dedupe',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TICKET_FIELDS);
  const l = o.io.locale;
  if (o.description !== undefined && o.descriptionFile !== undefined) throw usageError(t.text('create.descriptionAndFile'));
  if (o.fromJson === '-' && o.descriptionFile === '-') throw usageError(t.text('create.stdinTwice'));
  if (o.web && o.dryRun) throw usageError(t.text('create.webAndDryRun'));
  if (o.recover && o.fromJson !== undefined) throw usageError(t.text('create.recoverAndJson'));

  // 1. What the script gave: the JSON document (or the request kept from last time) first, flags on top. On a
  // terminal the kept answers are asked again, each one filled in; elsewhere they are used as they are.
  const recovered = o.recover ? loadDraft(o.env, o.server) : undefined;
  if (o.recover && !recovered) throw usageError(t.text('draft.none', { server: o.server }), { code: 'no_draft' });
  const previous = recovered && o.io.canPrompt ? draftOf(recovered) : undefined;
  const draft: Draft = o.fromJson
    ? form.parseRequestJson(await readInputText(o.io, o.fromJson, '--from-json'), o.fromJson)
    : recovered && !previous
      ? draftOf(recovered)
      : { values: {}, attach: [] };
  if (recovered && previous) o.io.err(`${t(l, 'draft.recovered', { type: recovered.type, when: formatTime(o.io, recovered.savedAt) })}\n`);
  if (o.type) draft.type = o.type;
  if (o.establishment) draft.establishment = o.establishment;
  if (o.followUp !== undefined) draft.followUpOf = o.followUp;
  if (o.summary !== undefined) draft.values.summary = o.summary;
  if (o.description !== undefined) draft.values.description = o.description;
  if (o.descriptionFile !== undefined) draft.values.description = await readInputText(o.io, o.descriptionFile, '--description-file');
  draft.attach.push(...form.splitAttachments(o.attach));

  // CI: the run's facts go into the description, and the run names the idempotency key
  let ci: CiContext | undefined;
  if (o.fromCi) {
    ci = detectCi(o.env);
    if (!ci) throw usageError(t.text('create.noCi'));
    draft.values.summary ??= ciSummary(ci);
    draft.values.description = ciDescription(ci, typeof draft.values.description === 'string' ? draft.values.description : undefined);
  }

  const backend = await o.backend();
  const info = backend.provider;
  const tickets = need(backend, 'tickets');
  const show = (ref: TicketRef) => info.showRef(ref);
  // a reference from --from-json is checked by the helpdesk's rules too, before anything is sent
  if (draft.followUpOf !== undefined) draft.followUpOf = parseRef(info, draft.followUpOf, 'followUpOf');
  const [catalog, me, original] = await Promise.all([
    need(backend, 'requestTypes').catalog(),
    backend.me(),
    draft.followUpOf === undefined ? undefined : tickets.view(draft.followUpOf),
  ]);
  const problems = form.parseFieldFlags(
    o.fields,
    catalog.types.find((t) => t.id === draft.type),
    draft.values,
  );
  if (problems.length)
    throw usageError((lc) => problems.map((p) => labelled(lc, p.field, problemText(p, lc))).join('\n'), { fields: problems });
  // a type with a URL field gets the run's URL when none was given
  if (ci && draft.values.url === undefined && catalog.types.find((t) => t.id === draft.type)?.fields.some((f) => f.id === 'url'))
    draft.values.url = ci.runUrl;

  // 2. A follow-up continues a closed ticket: same type and establishment unless told otherwise.
  if (original) {
    if (acceptsReplies(info.statuses, original))
      throw usageError(
        t.text('create.followUpOpen', {
          ref: show(original.ref),
          status: (lc) => statusLabel(statusSpec(info.statuses, original.status), original.status, lc),
          id: original.ref,
        }),
      );
    draft.type ??= original.type;
    draft.establishment ??= original.establishment?.siret;
    draft.values.summary ??= t(l, 'create.followUpSummary', { ref: show(original.ref), summary: original.summary }).slice(0, 200);
  }

  // 3. Complete the form: prompts on a terminal, one error listing everything missing otherwise. A Ctrl-C
  // halfway keeps what was answered (with what a reopened request held besides), as a No at the end does.
  let answered: form.Completed | undefined;
  let completed: form.Completed;
  try {
    completed = await form.completeForm(o.io, o.env, catalog, me.establishments, draft, {
      // helpdesks without establishments file for the person, not for an establishment
      needEstablishment: info.capabilities.includes('organisation'),
      editLongText: (field, initial) => editLongText(o, field, initial),
      previous,
      onAnswer: (sofar) => (answered = sofar),
    });
  } catch (err) {
    if (answered && isCancel(err)) {
      const before = recovered?.type === answered.type.id ? recovered : undefined;
      keepDraft(o, l, {
        server: o.server,
        savedAt: new Date().toISOString(),
        type: answered.type.id,
        ...(answered.establishment ? { establishment: answered.establishment.siret } : {}),
        fields: { ...before?.fields, ...answered.values },
        attach: answered.attach.length ? answered.attach : (before?.attach ?? []),
        ...(draft.followUpOf !== undefined ? { followUpOf: String(draft.followUpOf) } : {}),
      });
    }
    throw err;
  }
  const request: NewTicket = {
    type: completed.type.id,
    ...(completed.establishment ? { establishment: completed.establishment.siret } : {}),
    fields: completed.values,
    ...(draft.followUpOf !== undefined ? { followUpOf: draft.followUpOf } : {}),
    ...(o.dedupe ? { dedupe: true } : {}),
  };
  // a kept request whose send may have reached the helpdesk goes again with its key: it cannot be filed twice
  const keptKey = recovered?.idempotencyKey && sameRequest(recovered, request, completed.attach) ? recovered.idempotencyKey : undefined;
  const chosenKey = o.idempotencyKey ?? ci?.idempotencyKey ?? keptKey;
  // On a terminal, a request answered but not filed is kept (No at the end, a network error, Ctrl-C while it is
  // sent): `--recover` reopens it. Scripts have their command line.
  let sentKey: string | undefined;
  const keep = () =>
    keepDraft(o, l, {
      server: o.server,
      savedAt: new Date().toISOString(),
      type: request.type,
      ...(request.establishment ? { establishment: request.establishment } : {}),
      fields: request.fields,
      attach: completed.attach,
      ...(request.followUpOf !== undefined ? { followUpOf: String(request.followUpOf) } : {}),
      ...(sentKey ? { idempotencyKey: sentKey } : {}),
    });
  try {
    await confirmAndFile();
  } catch (err) {
    keep();
    throw err;
  }
  // filed: the kept request is done with (the one reopened, or the same request filed another way)
  const kept = recovered ?? keptDraftQuietly(o.env, o.server);
  if (kept && (recovered || sameRequest(kept, request, completed.attach))) clearDraft(o.env, o.server);
  return;

  async function confirmAndFile(): Promise<void> {
    if (o.dryRun) {
      printJson(o.io, {
        ...request,
        attachments: completed.attach.map((p) => ({ path: p, name: basename(p) })),
        ...(chosenKey ? { idempotencyKey: chosenKey } : {}),
      });
      o.io.err(`${t(l, 'dryRun')}\n`);
      return;
    }

    // 4. On a terminal: one question per request (seed 001): offer to continue a similar open conversation.
    if (o.io.canPrompt && !o.dedupe) {
      const similar = await findSimilar(tickets, info, completed.establishment, completed.type.id, String(completed.values.summary));
      if (similar) {
        o.io.err(
          `! ${t(l, 'create.similar', { ref: show(similar.ref), summary: similar.summary, status: statusText(o.io, info, similar) })}\n`,
        );
        const choice = await askChoice(
          o.io,
          t(l, 'create.similarQuestion'),
          [
            { value: 'reply', name: t(l, 'create.similarReply', { ref: show(similar.ref) }) },
            { value: 'new', name: t(l, 'create.similarNew') },
          ],
          'reply',
        );
        if (choice === 'reply') {
          // what the form held goes into the reply (the summary and every value, not the description alone),
          // shown before anything is posted
          const body = replyBody(o.io, completed);
          o.io.err(`\n${t(l, 'create.replyPreview', { ref: show(similar.ref) })}\n${body.replace(/^(?=.)/gm, '  ')}\n`);
          if (completed.attach.length) o.io.err(`  📎 ${completed.attach.map((p) => basename(p)).join(', ')}\n`);
          await confirmOrCancel(o.io, t(l, 'create.replyConfirm'), t.text('create.notSent'));
          const reply = await import('./reply.ts');
          return reply.run({
            io: o.io,
            env: o.env,
            backend: o.backend,
            ref: similar.ref,
            body,
            attach: completed.attach,
            json: o.json,
            editor: o.editor,
          });
        }
      }
      printRequest(o.io, completed);
      if (!(await askConfirm(o.io, t(l, 'create.confirm'), false))) {
        // nothing typed is lost: the command that files the same request later (and the draft, kept on the way out)
        o.io.err(`${t(l, 'create.later')}\n  ${equivalentCommand(request, completed.attach)}\n`);
        throw cancelledError(t.text('create.notSent'));
      }
    }

    // 5. Upload, then file. Every create carries an idempotency key (the user's, or one made here) so the
    // client's retries after a lost answer can never file the ticket twice.
    request.attachments = await uploadFiles(o.io, tickets, completed.attach, (name) => t(l, 'uploading', { name }));
    const key = chosenKey ?? `tix-${globalThis.crypto.randomUUID()}`;
    sentKey = key;
    let created: Awaited<ReturnType<TicketsApi['create']>>;
    try {
      created = await tickets.create(request, { idempotencyKey: key, freshKey: chosenKey === undefined });
    } catch (err) {
      // A re-run of a CI job whose report changed (a new log excerpt…): the run already has its ticket.
      const earlier = err instanceof IdempotencyConflictError ? err.existing : undefined;
      if (ci && !o.idempotencyKey && earlier !== undefined) {
        o.io.err(`✓ ${t(l, 'create.ciAlready', { ref: show(earlier) })}\n`);
        if (fields) return printJson(o.io, pick(await tickets.view(earlier), fields));
        return;
      }
      throw err;
    }
    const ticket = created.item;
    // A key made here can only have been replayed by this command's own retry after a lost answer: the ticket
    // is this command's, not an earlier run's.
    const replayed = created.replayed && chosenKey !== undefined;
    const ref = show(ticket.ref);
    const what = created.deduplicated
      ? t(l, 'create.whatDeduplicated', { ref, summary: ticket.summary })
      : t(l, 'create.whatFiled', { ref });
    const notice = `✓ ${
      replayed
        ? t(l, 'create.replayed', { key, what })
        : created.deduplicated
          ? t(l, 'create.deduplicated', { ref, summary: ticket.summary })
          : t(l, 'create.filed', {
              ref,
              summary: ticket.summary,
              details: [completed.type ? form.label(completed.type, o.io) : ticket.type, ticket.establishment?.name]
                .filter(Boolean)
                .join(', '),
            })
    }\n`;
    if (o.web) await (await import('../../io/browser.ts')).openInBrowser(o.io, o.env, ticket.url, { onFailure: 'warn' });
    if (fields) {
      printJson(o.io, pick(ticket, fields));
      // scripts reading the JSON still hear, on stderr, when nothing new was filed
      if (replayed || created.deduplicated) o.io.err(notice);
      return;
    }
    o.io.out(`${ticket.url}\n`);
    o.io.err(notice);
  }
}

/** Keeps a request not filed, on a terminal (scripts have their command line), and says so. */
function keepDraft(o: Options, l: Locale, kept: SavedDraft): void {
  if (!o.io.canPrompt) return;
  try {
    saveDraft(o.env, kept);
  } catch {
    return; // a config dir that cannot be written to: the error that brought us here is the one to report
  }
  o.io.err(`${t(l, 'draft.kept')}\n`);
}

/** Ctrl-C at a question (the prompt library's own error) or one of ours with the same meaning. */
function isCancel(err: unknown): boolean {
  return isPromptCancel(err) || (err instanceof TixError && err.exitCode === ExitCode.cancelled);
}

/** A kept request as the form's starting point. */
function draftOf(kept: SavedDraft): Draft {
  return {
    type: kept.type,
    establishment: kept.establishment,
    values: { ...kept.fields },
    attach: [...kept.attach],
    ...(kept.followUpOf !== undefined ? { followUpOf: kept.followUpOf } : {}),
  };
}

/** The draft kept for this server, if one can be read: a damaged one is only a problem for --recover. */
function keptDraftQuietly(env: Env, server: string): SavedDraft | undefined {
  try {
    return loadDraft(env, server);
  } catch {
    return undefined;
  }
}

async function editLongText(o: Options, field: FieldSpec, initial?: string): Promise<string> {
  return editText(o.io, o.env, {
    initial,
    instructions: `${labelled(o.io.locale, form.label(field, o.io), pickText(field.help, o.io.locale))}\n${t(o.io.locale, 'create.editorHow')}`,
    configured: o.editor,
    what: field.id,
  });
}

/** An open ticket of the same establishment and type whose summary shares most of its words. */
export async function findSimilar(
  tickets: TicketsApi,
  info: ProviderInfo,
  establishment: Establishment | undefined,
  type: string,
  summary: string,
): Promise<Ticket | undefined> {
  const words = significantWords(summary);
  if (words.size === 0) return undefined;
  const status = statusesIn(info.statuses, activeCategories);
  const page = await tickets.list({ type, establishment: establishment?.siret, status, limit: 50 });
  let best: { t: Ticket; score: number } | undefined;
  for (const t of page.items) {
    const other = significantWords(t.summary);
    const shared = [...words].filter((w) => other.has(w)).length;
    const score = shared / Math.max(1, Math.min(words.size, other.size));
    if (score >= 0.6 && (!best || score > best.score)) best = { t, score };
  }
  return best?.t;
}

function significantWords(text: string): Set<string> {
  return new Set(
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2),
  );
}

type Filled = {
  type: { id: string; label: Localized; fields: FieldSpec[] };
  establishment?: Establishment;
  values: Record<string, unknown>;
  attach: string[];
};

/** Each value of the form as people read it: its label, then its value (yes/no, dates and choices in their language). */
function filledLines(io: IOStreams, c: Filled, opts: { cut?: boolean; skipNo?: boolean } = {}): string[] {
  const lines: string[] = [];
  for (const f of c.type.fields) {
    const v = f.kind === 'attachments' ? c.attach.join(', ') : c.values[f.id];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    // an unticked box says nothing in a reply
    if (opts.skipNo && v === false) continue;
    const text = fieldText(io, v, f);
    lines.push(
      labelled(io.locale, form.label(f, io), opts.cut && text.length > 200 ? `${text.slice(0, 200)}…` : text.replace(/\n/g, '\n    ')),
    );
  }
  return lines;
}

function printRequest(io: IOStreams, c: Filled): void {
  const l = io.locale;
  const intro = c.establishment
    ? t(l, 'create.aboutFor', { type: form.label(c.type, io), name: c.establishment.name, siret: c.establishment.siret })
    : t(l, 'create.about', { type: form.label(c.type, io) });
  io.err(
    `\n${intro}\n${filledLines(io, c, { cut: true })
      .map((line) => `  ${line}\n`)
      .join('')}`,
  );
}

/** The reply that carries a form into an existing conversation: the description first, then the other values. */
function replyBody(io: IOStreams, c: Filled): string {
  const description = typeof c.values.description === 'string' ? c.values.description : '';
  const others = filledLines(
    io,
    {
      ...c,
      attach: [],
      type: { ...c.type, fields: c.type.fields.filter((f) => f.id !== 'description' && f.kind !== 'attachments') },
    },
    { skipNo: true },
  );
  return [description, ...(others.length ? ['', ...others] : [])].join('\n').trim();
}

/** A shell word: kept bare when it is safe, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line that files the same request without a question, for a person who said no for now. */
export function equivalentCommand(request: NewTicket, attach: string[]): string {
  const args = ['tix', 'ticket', 'create', '--type', request.type];
  if (request.establishment) args.push('--establishment', request.establishment);
  if (request.followUpOf !== undefined) args.push('--follow-up', String(request.followUpOf));
  for (const [id, v] of Object.entries(request.fields)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (id === 'summary' || id === 'description') args.push(`--${id}`, String(v));
    else if (Array.isArray(v)) for (const item of v) args.push('--field', `${id}=${item}`);
    else args.push('--field', `${id}=${v}`);
  }
  for (const path of attach) args.push('--attach', path);
  return args.map(shellWord).join(' ');
}
