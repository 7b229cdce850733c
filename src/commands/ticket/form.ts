// Filling a request type's form from what a script gives (flags, --field, --from-json) and, on a terminal,
// from prompts built from the same schema. Nothing here knows a particular type: a new type on the server is
// a new form here with no change.
import { statSync } from 'node:fs';
import { usageError, type FieldProblem } from '../../core/errors.ts';
import type { Establishment } from '../../api/types.ts';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  normaliseFieldId,
  parseFieldText,
  requestProblems,
  valueProblem,
  type Catalog,
  type FieldSpec,
  type FieldValues,
  type RequestType,
} from '../../core/catalog.ts';
import { siretProblem } from '../../core/identifiers.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { askChoice, askConfirm, askText } from '../../io/prompter.ts';

/** What the user gave before any prompt: --from-json first, then flags on top. */
export interface Draft {
  type?: string;
  establishment?: string;
  values: FieldValues;
  /** files to attach, as paths */
  attach: string[];
  /** the ticket reference to follow up, as given */
  followUpOf?: string;
}

/** The word to type for an irreversible request. */
export const IRREVERSIBLE_WORD = 'irreversible';

/** How the CLI gives each field, for error messages. */
export function flagFor(field: FieldSpec): string {
  if (field.id === 'summary') return '--summary TEXT';
  if (field.id === 'description') return '--description TEXT or --description-file FILE';
  if (field.kind === 'attachments') return '--attach FILE';
  if (field.kind === 'choice') return `--field ${field.id}=${field.choices?.map((c) => c.value).join('|')}`;
  if (field.kind === 'multichoice') return `--field ${field.id}=${field.choices?.map((c) => c.value).join(',')} (one or more)`;
  if (field.kind === 'number') return `--field ${field.id}=NUMBER`;
  if (field.kind === 'boolean') return `--field ${field.id}=true`;
  return `--field ${field.id}=VALUE`;
}

/** Parses repeated `--field id=value`; a list field collects every occurrence. */
export function parseFieldFlags(flags: string[], type: RequestType | undefined, values: FieldValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) {
      problems.push({ field: '--field', message: `expected id=value, got "${flag}"` });
      continue;
    }
    const id = normaliseFieldId(flag.slice(0, eq));
    const text = flag.slice(eq + 1);
    const spec = type?.fields.find((f) => f.id === id);
    if (!spec) {
      // reported with the list of valid fields once the type is known
      values[id] = text;
      continue;
    }
    const value = parseFieldText(spec, text);
    if (Array.isArray(value) && seen.has(id) && Array.isArray(values[id])) values[id] = [...(values[id] as string[]), ...value];
    else values[id] = value;
    seen.add(id);
  }
  return problems;
}

/** A --from-json document: the request as the API takes it, with file paths as attachments. */
export function parseRequestJson(text: string, source: string): Draft {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw usageError(`--from-json ${source}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw usageError(`--from-json ${source}: expected an object such as {"type": "incident", "fields": {"summary": "…"}}`);
  const d = data as Record<string, unknown>;
  const allowed = ['type', 'establishment', 'fields', 'attachments', 'followUpOf'];
  const unknown = Object.keys(d).filter((k) => !allowed.includes(k));
  if (unknown.length) throw usageError(`--from-json ${source}: unknown key ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`);
  const bad = (key: string, what: string) => usageError(`--from-json ${source}: "${key}" must be ${what}`);
  if (d.type !== undefined && typeof d.type !== 'string') throw bad('type', 'a string');
  if (d.establishment !== undefined && typeof d.establishment !== 'string') throw bad('establishment', 'a SIRET string');
  if (d.fields !== undefined && (typeof d.fields !== 'object' || d.fields === null || Array.isArray(d.fields)))
    throw bad('fields', 'an object');
  if (d.attachments !== undefined && (!Array.isArray(d.attachments) || d.attachments.some((a) => typeof a !== 'string')))
    throw bad('attachments', 'an array of file paths');
  // a number on tix serve, a reference such as "SD-42" elsewhere: the provider checks it
  if (
    d.followUpOf !== undefined &&
    typeof d.followUpOf !== 'string' &&
    (typeof d.followUpOf !== 'number' || !Number.isInteger(d.followUpOf))
  )
    throw bad('followUpOf', 'a ticket reference (a number on tix serve)');
  const values: FieldValues = {};
  for (const [k, v] of Object.entries((d.fields ?? {}) as Record<string, unknown>)) values[normaliseFieldId(k)] = v as FieldValues[string];
  return {
    type: d.type as string | undefined,
    establishment: d.establishment as string | undefined,
    values,
    attach: (d.attachments as string[] | undefined) ?? [],
    followUpOf: d.followUpOf === undefined ? undefined : String(d.followUpOf),
  };
}

/** Files to attach: they must exist and fit the limits before a single byte is uploaded. */
export function attachmentProblems(paths: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (paths.length > MAX_ATTACHMENTS)
    problems.push({ field: 'attachments', message: `at most ${MAX_ATTACHMENTS} files per message (got ${paths.length})` });
  for (const path of paths) {
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) {
        problems.push({ field: 'attachments', message: `${path} is not a file` });
        continue;
      }
      size = st.size;
    } catch {
      problems.push({ field: 'attachments', message: `${path}: no such file` });
      continue;
    }
    if (size > MAX_ATTACHMENT_BYTES)
      problems.push({
        field: 'attachments',
        message: `${path} is ${(size / 1024 / 1024).toFixed(1)} MiB; the limit is ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB per file`,
      });
    if (size === 0) problems.push({ field: 'attachments', message: `${path} is empty` });
  }
  return problems;
}

export interface Completed {
  type: RequestType;
  establishment?: Establishment;
  values: FieldValues;
  attach: string[];
}

/**
 * Completes the draft: on a terminal, asks for what is missing (establishment, category, type, then the type's
 * fields in order); otherwise reports every missing or invalid value at once (exit 2) before anything is sent.
 */
export async function completeForm(
  io: IOStreams,
  env: Env,
  catalog: Catalog,
  establishments: Establishment[],
  draft: Draft,
  opts: { needEstablishment: boolean; editLongText: (field: FieldSpec) => Promise<string> },
): Promise<Completed> {
  const problems: FieldProblem[] = [];
  const prompt = io.canPrompt;

  const siret = draft.establishment?.replace(/\s/g, '');
  let establishment = siret ? establishments.find((e) => e.siret === siret) : undefined;
  if (draft.establishment && !establishment) {
    // a mistyped SIRET says so, rather than "not one of yours"
    const typo = siretProblem(siret ?? '');
    problems.push({
      field: '--establishment',
      message: typo
        ? `${draft.establishment}: ${typo}`
        : `${draft.establishment} is not one of your establishments: ${establishments.map((e) => `${e.siret} (${e.name})`).join(', ') || 'none'}`,
    });
  } else if (!establishment && opts.needEstablishment) {
    if (establishments.length === 1) establishment = establishments[0];
    else if (prompt && establishments.length > 1) {
      const siret = await askChoice(
        io,
        'Establishment',
        establishments.map((e) => ({ value: e.siret, name: `${e.name} (${e.siret})` })),
      );
      establishment = establishments.find((e) => e.siret === siret);
    } else
      problems.push({
        field: '--establishment',
        message: `is required: one of ${establishments.map((e) => `${e.siret} (${e.name})`).join(', ')}`,
      });
  }

  let type = draft.type ? catalog.types.find((t) => t.id === draft.type) : undefined;
  if (draft.type && !type) {
    throw usageError(
      `--type: unknown request type "${draft.type}"; one of ${catalog.types.map((t) => t.id).join(', ')} (see tix type list)`,
      { fields: [...problems, { field: '--type', message: 'unknown type' }] },
    );
  }
  if (!type) {
    if (!prompt) {
      problems.push({ field: '--type', message: `is required: one of ${catalog.types.map((t) => t.id).join(', ')}` });
      throw missing(problems, 'TYPE');
    }
    // a helpdesk with one category (Zendesk's forms have none) asks for the type straight away
    const category =
      catalog.categories.length === 1
        ? catalog.categories[0]!.id
        : await askChoice(
            io,
            'Category',
            catalog.categories.map((c) => ({ value: c.id, name: label(c, env), description: c.description })),
          );
    const typeId = await askChoice(
      io,
      'Request type',
      catalog.types.filter((t) => t.category === category).map((t) => ({ value: t.id, name: label(t, env), description: t.description })),
    );
    type = catalog.types.find((t) => t.id === typeId)!;
  }

  const values: FieldValues = {};
  // values given as text (flags given before the type was known) are parsed now that the fields are known
  for (const [id, v] of Object.entries(draft.values)) {
    const spec = type.fields.find((f) => f.id === id);
    values[id] = spec && typeof v === 'string' ? parseFieldText(spec, v) : v;
  }
  const attach = [...draft.attach];

  if (prompt) {
    if (type.irreversible)
      io.err(`! ${label(type, env)}: ${type.description}. You will be asked to confirm by typing "${IRREVERSIBLE_WORD}".\n`);
    for (const field of type.fields) {
      if (field.kind === 'attachments') {
        if (attach.length === 0) attach.push(...(await askFiles(io, field)));
        continue;
      }
      if (values[field.id] !== undefined) continue;
      const answer = await askField(io, env, field, opts.editLongText, Boolean(type.irreversible));
      if (answer !== undefined) values[field.id] = answer;
    }
  }

  problems.push(...requestProblems(type, { ...values, ...(attach.length ? { attachments: attach } : {}) }, { how: flagFor }));
  problems.push(...attachmentProblems(attach));
  if (problems.length) throw missing(problems, type.id);
  return { type, establishment, values, attach };
}

function missing(problems: FieldProblem[], type: string): Error {
  const lines = problems.map((p) => `  ${p.field}: ${p.message}`).join('\n');
  return usageError(`cannot file the request:\n${lines}`, {
    code: 'invalid_fields',
    fields: problems,
    hint: `every field of the form: tix type view ${type}`,
  });
}

export function label(item: { label: string; labelFr?: string }, env: Env): string {
  const fr = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase().startsWith('fr');
  return fr && item.labelFr ? item.labelFr : item.label;
}

async function askField(
  io: IOStreams,
  env: Env,
  field: FieldSpec,
  editLongText: (field: FieldSpec) => Promise<string>,
  irreversible: boolean,
): Promise<FieldValues[string] | undefined> {
  const title = `${label(field, env)}${field.required ? '' : ' (optional)'}`;
  const check = (text: string): string | true => {
    if (text.trim() === '') return field.required ? 'required' : true;
    return valueProblem(field, parseFieldText(field, text)) ?? true;
  };
  switch (field.kind) {
    case 'choice':
      return askChoice(
        io,
        title,
        (field.choices ?? []).map((c) => ({ value: c.value, name: c.label })),
        typeof field.default === 'string' ? field.default : undefined,
      );
    case 'boolean':
      // what cannot be undone is confirmed by typing a word; another must-be-yes (a consent) by answering yes
      if (field.acknowledgement && irreversible) {
        const typed = await askText(io, `${label(field, env)}: type "${IRREVERSIBLE_WORD}" to confirm`, {
          validate: (v) => v.trim().toLowerCase() === IRREVERSIBLE_WORD || `type ${IRREVERSIBLE_WORD} to go on, or Ctrl-C to stop`,
        });
        return typed.trim().toLowerCase() === IRREVERSIBLE_WORD;
      }
      return askConfirm(io, title, field.default === true);
    case 'longtext': {
      const text = await askText(io, `${title} (type it, or press Enter on an empty line to open your editor)`, {
        required: false,
        validate: (v) => (v.trim() === '' ? true : check(v)),
      });
      const value = text.trim() === '' ? await editLongText(field) : text;
      if (value.trim() === '') {
        if (field.required) throw usageError(`${field.id} is required; nothing was sent`);
        return undefined;
      }
      return value;
    }
    case 'urls': {
      const text = await askText(io, `${title} (separate several with commas)`, { required: field.required, validate: check });
      return text.trim() === '' ? undefined : parseFieldText(field, text);
    }
    case 'multichoice': {
      const text = await askText(io, `${title}: one or more of ${field.choices?.map((c) => c.value).join(', ')}, separated by commas`, {
        required: field.required,
        validate: check,
      });
      return text.trim() === '' ? undefined : parseFieldText(field, text);
    }
    default: {
      const hint =
        field.kind === 'date' ? ' (YYYY-MM-DD)' : field.kind === 'number' ? (field.integer ? ' (a whole number)' : ' (a number)') : '';
      const text = await askText(io, `${title}${hint}`, { required: field.required, validate: check });
      return text.trim() === '' ? undefined : parseFieldText(field, text);
    }
  }
}

async function askFiles(io: IOStreams, field: FieldSpec): Promise<string[]> {
  const text = await askText(io, `${field.label}: files to attach${field.required ? '' : ' (optional)'}, separated by commas`, {
    required: field.required,
    validate: (v) => {
      const paths = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (paths.length === 0) return field.required ? 'at least one file is required' : true;
      return (
        attachmentProblems(paths)
          .map((p) => p.message)
          .join('; ') || true
      );
    },
  });
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
