import { basename } from 'node:path';
import type { Command } from 'commander';
import { type Backend, need, type TicketsApi } from '../../api/backend.ts';
import type { ProviderInfo } from '../../api/provider.ts';
import type { Establishment, NewTicket, Ticket, TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import { IdempotencyConflictError, usageError } from '../../core/errors.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { FieldSpec } from '../../core/catalog.ts';
import { acceptsReplies, activeCategories, statusesIn } from '../../core/status.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { readInputText } from '../../io/files.ts';
import { uploadFiles } from '../../api/uploads.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { editText } from '../../io/editor.ts';
import { askChoice, confirmOrCancel } from '../../io/prompter.ts';
import { ciDescription, ciSummary, detectCi, type CiContext } from './ci.ts';
import * as form from './form.ts';
import type { Draft } from './form.ts';
import { TICKET_FIELDS } from './format.ts';

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
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('create')
    .alias('new')
    .description('File a request: prompts on a terminal, flags or JSON in scripts')
    .option('--type <type>', 'request type (tix type list)')
    .option('--establishment <siret>', 'establishment SIRET (not needed when you administer only one)')
    .option('--summary <text>', 'a concise title')
    .option('--description <text>', 'what happens, steps, error messages')
    .option('--description-file <file>', 'read the description from a file, or - for standard input')
    .option('--field <id=value>', 'any form field (repeat for several; repeat a list field for several values)', collect, [])
    .option('--attach <file>', 'attach a file (repeatable; at most 10 files of 10 MiB)', collect, [])
    .option('--idempotency-key <key>', 'a retry with the same key returns the same ticket instead of filing a second one')
    .option('--from-json <file>', 'read the whole request from a JSON file, or - for standard input')
    .option('--follow-up <id>', 'file a new ticket that follows up a closed one (its reference)')
    .option(
      '--from-ci',
      'add the CI run (URL, commit, branch, job) from GitHub Actions or GitLab CI to the description; a re-run of the same job files nothing new',
    )
    .option('--dedupe', 'reply to an open ticket of the same type and establishment with the same summary instead of opening a new one')
    .option('--dry-run', 'print the request that would be sent, and send nothing')
    .option('--json [fields]', `print the new ticket as JSON (fields: ${TICKET_FIELDS.join(', ')})`)
    .option('--web', "once filed, open the ticket's page in your browser (the web view is read-only: the request is filed here)")
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
        });
      },
    );
  return examples(cmd, [
    'tix ticket create',
    'tix ticket create --type incident --summary "Login returns 500" --description "Since 9:00…" --field severity=high',
    'tix ticket create --type api-integration --establishment 81234567600017 --summary "401 on /v1/payroll" \\\n      --field endpointUrl=https://api.example.com/v1/payroll --field impact=high --description-file notes.md --attach trace.txt',
    'tix ticket create --from-json request.json --idempotency-key "$CI_PIPELINE_ID" --json id,url',
    'tix ticket create --follow-up 42 --description "It happens again since the update"',
    '# in a CI job, with TIX_TOKEN from a secret: one ticket per failing run, re-runs file nothing new',
    'tix ticket create --type incident --field severity=high --from-ci --dedupe',
  ]);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TICKET_FIELDS);
  if (o.description !== undefined && o.descriptionFile !== undefined)
    throw usageError('--description and --description-file cannot be combined');
  if (o.fromJson === '-' && o.descriptionFile === '-')
    throw usageError('--from-json - and --description-file - cannot both read standard input');
  if (o.web && o.dryRun) throw usageError('--web opens the filed ticket, and --dry-run files nothing: use one or the other');

  // 1. What the script gave: the JSON document first, flags on top.
  const draft: Draft = o.fromJson
    ? form.parseRequestJson(await readInputText(o.io, o.fromJson, '--from-json'), o.fromJson)
    : { values: {}, attach: [] };
  if (o.type) draft.type = o.type;
  if (o.establishment) draft.establishment = o.establishment;
  if (o.followUp !== undefined) draft.followUpOf = o.followUp;
  if (o.summary !== undefined) draft.values.summary = o.summary;
  if (o.description !== undefined) draft.values.description = o.description;
  if (o.descriptionFile !== undefined) draft.values.description = await readInputText(o.io, o.descriptionFile, '--description-file');
  draft.attach.push(...o.attach);

  // CI: the run's facts go into the description, and the run names the idempotency key
  let ci: CiContext | undefined;
  if (o.fromCi) {
    ci = detectCi(o.env);
    if (!ci) throw usageError('--from-ci: no CI run found (GITHUB_ACTIONS or GITLAB_CI and their run variables are not set)');
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
  if (problems.length) throw usageError(problems.map((p) => `${p.field}: ${p.message}`).join('\n'), { fields: problems });
  // a type with a URL field gets the run's URL when none was given
  if (ci && draft.values.url === undefined && catalog.types.find((t) => t.id === draft.type)?.fields.some((f) => f.id === 'url'))
    draft.values.url = ci.runUrl;

  // 2. A follow-up continues a closed ticket: same type and establishment unless told otherwise.
  if (original) {
    if (acceptsReplies(info.statuses, original))
      throw usageError(
        `--follow-up: ${show(original.ref)} is ${original.status}, not closed: reply there instead (tix ticket reply ${original.ref})`,
      );
    draft.type ??= original.type;
    draft.establishment ??= original.establishment?.siret;
    draft.values.summary ??= `Follow-up to ${show(original.ref)}: ${original.summary}`.slice(0, 200);
  }

  // 3. Complete the form: prompts on a terminal, one error listing everything missing otherwise.
  const completed = await form.completeForm(o.io, o.env, catalog, me.establishments, draft, {
    // helpdesks without establishments file for the person, not for an establishment
    needEstablishment: info.capabilities.includes('organisation'),
    editLongText: (field) => editLongText(o, field),
  });
  const request: NewTicket = {
    type: completed.type.id,
    ...(completed.establishment ? { establishment: completed.establishment.siret } : {}),
    fields: completed.values,
    ...(draft.followUpOf !== undefined ? { followUpOf: draft.followUpOf } : {}),
    ...(o.dedupe ? { dedupe: true } : {}),
  };
  const chosenKey = o.idempotencyKey ?? ci?.idempotencyKey;

  if (o.dryRun) {
    printJson(o.io, {
      ...request,
      attachments: completed.attach.map((p) => ({ path: p, name: basename(p) })),
      ...(chosenKey ? { idempotencyKey: chosenKey } : {}),
    });
    o.io.err('dry run: nothing was sent\n');
    return;
  }

  // 4. On a terminal: one question per request (seed 001): offer to continue a similar open conversation.
  if (o.io.canPrompt && !o.dedupe) {
    const similar = await findSimilar(tickets, info, completed.establishment, completed.type.id, String(completed.values.summary));
    if (similar) {
      o.io.err(`! ${show(similar.ref)} "${similar.summary}" (${similar.status}) looks like the same request.\n`);
      const choice = await askChoice(
        o.io,
        'Keep the conversation in one place?',
        [
          { value: 'reply', name: `Reply to ${show(similar.ref)} instead` },
          { value: 'new', name: 'File a new ticket anyway' },
        ],
        'reply',
      );
      if (choice === 'reply') {
        const reply = await import('./reply.ts');
        return reply.run({
          io: o.io,
          env: o.env,
          backend: o.backend,
          ref: similar.ref,
          body: String(completed.values.description),
          attach: completed.attach,
          json: o.json,
          editor: o.editor,
        });
      }
    }
    printRequest(o.io, o.env, completed, form.label);
    await confirmOrCancel(o.io, 'Send this request?');
  }

  // 5. Upload, then file. Every create carries an idempotency key (the user's, or one made here) so the
  // client's retries after a lost answer can never file the ticket twice.
  request.attachments = await uploadFiles(o.io, tickets, completed.attach);
  const key = chosenKey ?? `tix-${globalThis.crypto.randomUUID()}`;
  let created: Awaited<ReturnType<TicketsApi['create']>>;
  try {
    created = await tickets.create(request, { idempotencyKey: key, freshKey: chosenKey === undefined });
  } catch (err) {
    // A re-run of a CI job whose report changed (a new log excerpt…): the run already has its ticket.
    const earlier = err instanceof IdempotencyConflictError ? err.existing : undefined;
    if (ci && !o.idempotencyKey && earlier !== undefined) {
      o.io.err(`✓ This CI run already reported ticket ${show(earlier)}: nothing new was filed\n`);
      if (fields) return printJson(o.io, pick(await tickets.view(earlier), fields));
      return;
    }
    throw err;
  }
  const ticket = created.item;
  // A key made here can only have been replayed by this command's own retry after a lost answer: the ticket
  // is this command's, not an earlier run's.
  const replayed = created.replayed && chosenKey !== undefined;
  const what = created.deduplicated
    ? `replied to open ticket ${show(ticket.ref)} "${ticket.summary}" (same type, establishment and summary)`
    : `filed ticket ${show(ticket.ref)}`;
  const notice = replayed
    ? `✓ Already done with idempotency key ${key} (${what}): nothing new was sent\n`
    : created.deduplicated
      ? `✓ ${what[0]!.toUpperCase()}${what.slice(1)}\n`
      : `✓ Filed ticket ${show(ticket.ref)}: ${ticket.summary} (${[ticket.type, ticket.establishment?.name].filter(Boolean).join(', ')})\n`;
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

async function editLongText(o: Options, field: FieldSpec): Promise<string> {
  return editText(o.io, o.env, {
    instructions: `${field.label}: ${field.help ?? ''}\nLines starting with # are ignored. Save and quit to go on; leave it empty to skip.`,
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

function printRequest(
  io: IOStreams,
  env: Env,
  c: { type: { id: string; fields: FieldSpec[] }; establishment?: Establishment; values: Record<string, unknown>; attach: string[] },
  label: (x: { label: string; labelFr?: string }, env: Env) => string,
): void {
  io.err(`\nAbout to file this ${c.type.id} request${c.establishment ? ` for ${c.establishment.name} (${c.establishment.siret})` : ''}:\n`);
  for (const f of c.type.fields) {
    const v = f.kind === 'attachments' ? c.attach.join(', ') : c.values[f.id];
    if (v === undefined || v === '') continue;
    const text = Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
    io.err(`  ${label(f, env)}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text.replace(/\n/g, '\n    ')}\n`);
  }
}
