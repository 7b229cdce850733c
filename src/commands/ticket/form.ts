// Filling a request type's form from what a script gives (flags, --field, --from-json) and, on a terminal,
// from prompts built from the same schema. Nothing here knows a particular type: a new type on the server is
// a new form here with no change.
import { statSync } from 'node:fs';
import { fieldsError, usageError, type FieldProblem } from '../../core/errors.ts';
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
import { type Localized, pickText } from '../../core/i18n.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { askChoice, askConfirm, askPath, askText, showAnswer } from '../../io/prompter.ts';
import type { Locale } from '../../core/i18n.ts';
import { jsonErrorText, problem, problemText } from '../../core/messages.ts';
import { dirname, isAbsolute, resolve } from 'node:path';
import { findEstablishment } from './filters.ts';
import { t } from './messages.ts';

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
      problems.push(problem('--field', t.text('form.fieldFlag', { value: flag })));
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
    throw usageError(t.text('form.jsonInvalid', { source, reason: jsonErrorText(err, text) }));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw usageError(t.text('form.jsonObject', { source }));
  const d = data as Record<string, unknown>;
  const allowed = ['type', 'establishment', 'fields', 'attachments', 'followUpOf'];
  const unknown = Object.keys(d).filter((k) => !allowed.includes(k));
  if (unknown.length) throw usageError(t.text('form.jsonUnknownKey', { source, keys: unknown.join(', '), allowed: allowed.join(', ') }));
  type What = 'form.jsonString' | 'form.jsonSiret' | 'form.jsonObjectValue' | 'form.jsonPaths' | 'form.jsonRef';
  const bad = (key: string, what: What) => usageError(t.text('form.jsonBad', { source, key, what: t.text(what) }));
  if (d.type !== undefined && typeof d.type !== 'string') throw bad('type', 'form.jsonString');
  if (d.establishment !== undefined && typeof d.establishment !== 'string') throw bad('establishment', 'form.jsonSiret');
  if (d.fields !== undefined && (typeof d.fields !== 'object' || d.fields === null || Array.isArray(d.fields)))
    throw bad('fields', 'form.jsonObjectValue');
  if (d.attachments !== undefined && (!Array.isArray(d.attachments) || d.attachments.some((a) => typeof a !== 'string')))
    throw bad('attachments', 'form.jsonPaths');
  // a number on tix serve, a reference such as "SD-42" elsewhere: the provider checks it
  if (
    d.followUpOf !== undefined &&
    typeof d.followUpOf !== 'string' &&
    (typeof d.followUpOf !== 'number' || !Number.isInteger(d.followUpOf))
  )
    throw bad('followUpOf', 'form.jsonRef');
  const values: FieldValues = {};
  for (const [k, v] of Object.entries((d.fields ?? {}) as Record<string, unknown>)) values[normaliseFieldId(k)] = v as FieldValues[string];
  return {
    type: d.type as string | undefined,
    establishment: d.establishment as string | undefined,
    values,
    // paths in the file are relative to the file, wherever tix runs from
    attach: ((d.attachments as string[] | undefined) ?? []).map((a) => (source === '-' || isAbsolute(a) ? a : resolve(dirname(source), a))),
    followUpOf: d.followUpOf === undefined ? undefined : String(d.followUpOf),
  };
}

/** `--attach a.pdf,b.bin` and repeated `--attach`: one list of paths, as the prompt takes them. */
export function splitAttachments(given: string[]): string[] {
  return given
    .flatMap((g) => g.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Mebibytes with one decimal, the locale's way ("10.0", "10,0"); whole numbers without one ("10"). */
function mebibytes(locale: Locale, bytes: number): string {
  const n = bytes / 1024 / 1024;
  const digits = Number.isInteger(n) ? 0 : 1;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: 1 }).format(n);
}

/** Files to attach: they must exist and fit the limits before a single byte is uploaded. */
export function attachmentProblems(paths: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (paths.length > MAX_ATTACHMENTS)
    problems.push(problem('attachments', t.text('form.filesTooMany', { max: MAX_ATTACHMENTS, count: paths.length })));
  for (const path of paths) {
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) {
        problems.push(problem('attachments', t.text('form.notFile', { path })));
        continue;
      }
      size = st.size;
    } catch {
      problems.push(problem('attachments', t.text('form.noFile', { path })));
      continue;
    }
    if (size > MAX_ATTACHMENT_BYTES)
      problems.push(
        problem('attachments', (l) => t(l, 'form.tooBig', { path, size: mebibytes(l, size), limit: mebibytes(l, MAX_ATTACHMENT_BYTES) })),
      );
    if (size === 0) problems.push(problem('attachments', t.text('form.emptyFile', { path })));
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
  _env: Env,
  catalog: Catalog,
  establishments: Establishment[],
  draft: Draft,
  opts: {
    needEstablishment: boolean;
    editLongText: (field: FieldSpec, initial?: string) => Promise<string>;
    /** answers given last time (a kept request): every question is asked again with its answer filled in */
    previous?: Draft;
    /** told after each field answered at a prompt, with everything known so far: a Ctrl-C later can keep it */
    onAnswer?: (answered: Completed) => void;
  },
): Promise<Completed> {
  const previous = opts.previous;
  const problems: FieldProblem[] = [];
  const prompt = io.canPrompt;

  // a SIRET, or a name only one of the user's establishments has ("Lille")
  const found = draft.establishment ? findEstablishment(establishments, draft.establishment) : undefined;
  let establishment = found && 'establishment' in found ? found.establishment : undefined;
  if (found && 'problem' in found) {
    problems.push(found.problem);
  } else if (!establishment && opts.needEstablishment) {
    if (establishments.length === 1) establishment = establishments[0];
    else if (prompt && establishments.length > 1) {
      const siret = await askChoice(
        io,
        t(io.locale, 'form.establishmentPrompt'),
        establishments.map((e) => ({ value: e.siret, name: `${e.name} (${e.siret})` })),
        establishments.find((e) => e.siret === previous?.establishment)?.siret,
      );
      establishment = establishments.find((e) => e.siret === siret);
    } else
      problems.push(
        problem(
          '--establishment',
          t.text('form.establishmentRequired', { list: establishments.map((e) => `${e.siret} (${e.name})`).join(', ') }),
        ),
      );
  }

  let type = draft.type ? catalog.types.find((t) => t.id === draft.type) : undefined;
  if (draft.type && !type) {
    const suggestion = closest(
      draft.type,
      catalog.types.map((x) => x.id),
    );
    throw usageError(
      suggestion
        ? t.text('form.unknownTypeSuggest', { value: draft.type, suggestion })
        : t.text('form.unknownType', { value: draft.type, types: catalog.types.map((x) => x.id).join(', ') }),
      { fields: [...problems, problem('--type', t.text('form.unknownTypeShort'))] },
    );
  }
  if (!type) {
    const before = catalog.types.find((x) => x.id === previous?.type);
    if (!prompt) {
      problems.push(problem('--type', t.text('form.typeRequired', { types: catalog.types.map((x) => x.id).join(', ') })));
      throw missing(problems, 'TYPE');
    }
    // a helpdesk with one category (Zendesk's forms have none) asks for the type straight away
    const category =
      catalog.categories.length === 1
        ? catalog.categories[0]!.id
        : await askChoice(
            io,
            t(io.locale, 'form.categoryPrompt'),
            catalog.categories.map((c) => ({ value: c.id, name: label(c, io), description: pickText(c.description, io.locale) })),
            before?.category,
          );
    const typeId = await askChoice(
      io,
      t(io.locale, 'form.typePrompt'),
      catalog.types
        .filter((t) => t.category === category)
        .map((t) => ({ value: t.id, name: label(t, io), description: pickText(t.description, io.locale) })),
      before?.category === category ? before.id : undefined,
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
      io.err(
        `! ${t(io.locale, 'form.irreversible', { label: label(type, io), description: pickText(type.description, io.locale), word: t(io.locale, 'form.word') })}\n`,
      );
    for (const field of type.fields) {
      if (field.kind === 'attachments') {
        if (attach.length === 0) attach.push(...(await askFiles(io, field, previous?.type === type.id ? previous.attach : [])));
      } else {
        if (values[field.id] !== undefined) continue;
        const before = previous?.type === type.id ? previous.values[field.id] : undefined;
        const answer = await askField(io, field, opts.editLongText, Boolean(type.irreversible), before);
        if (answer !== undefined) values[field.id] = answer;
      }
      opts.onAnswer?.({ type, establishment, values: { ...values }, attach: [...attach] });
    }
  }

  problems.push(...requestProblems(type, { ...values, ...(attach.length ? { attachments: attach } : {}) }, { how: flagFor }));
  problems.push(...attachmentProblems(attach));
  if (problems.length) throw missing(problems, type.id);
  return { type, establishment, values, attach };
}

function missing(problems: FieldProblem[], type: string): Error {
  return fieldsError(problems, t.text('form.cannotFile'), { hint: t.text('form.everyField', { type }) });
}

/** The one known word a typo most likely meant (`incidnet` → incident), by edit distance; none when far off. */
export function closest(given: string, known: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++)
        current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
    return previous[b.length]!;
  };
  const ranked = known.map((k) => ({ k, d: distance(given.toLowerCase(), k) })).sort((a, b) => a.d - b.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(given.length / 3)) ? best.k : undefined;
}

/** What the catalog calls a category, type or field, in the reader's language. */
export function label(item: { label: Localized }, io: IOStreams): string {
  return pickText(item.label, io.locale);
}

async function askField(
  io: IOStreams,
  field: FieldSpec,
  editLongText: (field: FieldSpec, initial?: string) => Promise<string>,
  irreversible: boolean,
  before?: FieldValues[string],
): Promise<FieldValues[string] | undefined> {
  const l = io.locale;
  // last time's answer, on the line to keep (Enter) or edit
  const filled =
    before === undefined || before === ''
      ? {}
      : { default: Array.isArray(before) ? before.join(', ') : String(before), prefill: 'editable' as const };
  const title = field.required ? label(field, io) : t(l, 'form.optional', { label: label(field, io) });
  const check = (text: string): string | true => {
    if (text.trim() === '') return field.required ? t(l, 'form.required') : true;
    return valueProblem(field, parseFieldText(field, text), new Date(), l) ?? true;
  };
  switch (field.kind) {
    case 'choice':
      return askChoice(
        io,
        title,
        (field.choices ?? []).map((c) => ({ value: c.value, name: pickText(c.label, io.locale) })),
        typeof before === 'string' ? before : typeof field.default === 'string' ? field.default : undefined,
      );
    case 'boolean':
      // what cannot be undone is confirmed by typing a word; another must-be-yes (a consent) by answering yes
      if (field.acknowledgement && irreversible) {
        // the word in the reader's language; the English one is always accepted too
        const word = t(l, 'form.word');
        const accepted = (v: string) => [word, IRREVERSIBLE_WORD].includes(v.trim().toLowerCase());
        const typed = await askText(io, t(l, 'form.ackPrompt', { label: label(field, io), word }), {
          validate: (v) => accepted(v) || t(l, 'form.ackInvalid', { word }),
        });
        return accepted(typed);
      }
      return askConfirm(io, title, before === undefined ? field.default === true : before === true);
    case 'longtext': {
      // a text of several lines kept from last time is reopened in the editor, where it can be read whole
      if (typeof before === 'string' && before.includes('\n')) {
        const value = await editLongText(field, before);
        showAnswer(io, title, writtenPreview(l, value));
        if (value.trim() === '' && field.required) throw usageError(t.text('form.longtextRequired', { field: field.id }));
        return value.trim() === '' ? undefined : value;
      }
      // Enter on an empty line opens the editor: the prompt makes way for a line that shows what was written there
      const text = await askText(io, t(l, 'form.longtextPrompt', { title }), {
        ...filled,
        required: false,
        validate: (v) => (v.trim() === '' ? true : check(v)),
        eraseWhenEmpty: true,
      });
      let value = text;
      if (text.trim() === '') {
        value = await editLongText(field);
        showAnswer(io, title, writtenPreview(l, value));
      }
      if (value.trim() === '') {
        if (field.required) throw usageError(t.text('form.longtextRequired', { field: field.id }));
        return undefined;
      }
      return value;
    }
    case 'urls': {
      const text = await askText(io, t(l, 'form.urlsPrompt', { title }), { ...filled, required: field.required, validate: check });
      return text.trim() === '' ? undefined : parseFieldText(field, text);
    }
    case 'multichoice': {
      const text = await askText(io, `${title}: one or more of ${field.choices?.map((c) => c.value).join(', ')}, separated by commas`, {
        ...filled,
        required: field.required,
        validate: check,
      });
      return text.trim() === '' ? undefined : parseFieldText(field, text);
    }
    default: {
      const prompt =
        field.kind === 'date'
          ? t(l, 'form.datePrompt', { title })
          : field.kind === 'number'
            ? t(l, field.integer ? 'form.integerPrompt' : 'form.numberPrompt', { title })
            : title;
      const text = await askText(io, prompt, { ...filled, required: field.required, validate: check });
      return text.trim() === '' ? undefined : parseFieldText(field, text);
    }
  }
}

/** What came back from the editor, on one line: its first line, and how many lines there are in all. */
export function writtenPreview(locale: Locale, text: string): string {
  const lines = text.trim() === '' ? [] : text.trim().split('\n');
  if (lines.length === 0) return '';
  const first = lines.find((line) => line.trim() !== '')!.trim();
  const shown = first.length > 60 ? `${first.slice(0, 59)}…` : first;
  return t(locale, 'form.written', { first: shown, count: lines.length });
}

async function askFiles(io: IOStreams, field: FieldSpec, before: string[]): Promise<string[]> {
  const l = io.locale;
  // Tab completes the path being typed (not a tab character in the answer); a draft's files come back editable
  const text = await askPath(io, t(l, field.required ? 'form.filesPrompt' : 'form.filesPromptOptional', { label: label(field, io) }), {
    ...(before.length ? { default: before.join(', ') } : {}),
    required: field.required,
    validate: (v) => {
      const paths = splitAttachments([v]);
      if (paths.length === 0) return field.required ? t(l, 'form.filesRequired') : true;
      return (
        attachmentProblems(paths)
          .map((p) => problemText(p, l))
          .join('; ') || true
      );
    },
  });
  return splitAttachments([text]);
}
