// Request types on Request Tracker: the queues the user can file tickets in, each with its ticket custom fields
// as its form. REST2 enforces none of a field's rules (a missing mandatory value, a value outside a select list,
// a value that fails the pattern: the ticket is filed and the value silently dropped), so the form carries them
// and tix checks them before sending.
import {
  type Category,
  commonFieldSpecs,
  type FieldSpec,
  type FieldValue,
  type FieldValues,
  type RequestType,
} from '../../core/catalog.ts';
import type { Localized } from '../../core/i18n.ts';
import { KEY_FIELD } from './errors.ts';
import type { RtCustomField, RtFieldValues, RtQueue } from './wire.ts';

/** Request Tracker's own words (queue and field names, descriptions): one language, whichever RT is set up in. */
export const rtText = (text: string): Localized => ({ en: text });

/** RT has no grouping of queues: they are all in one category. */
export const queueCategory: Category = {
  id: 'queue',
  label: { en: 'Queues', fr: 'Files' },
  description: rtText('the Request Tracker queues you can file tickets in'),
};

/** A queue as a request type, and how its form maps to RT's custom fields. */
export interface QueueForm {
  queue: { id: string; name: string };
  type: RequestType;
  /** RT custom field name of each form field beyond summary and description */
  customFields: Map<string, { name: string; multiple: boolean }>;
  /** the queue has the Idempotency-Key ticket custom field (where tix records a create's key) */
  ticketKey: boolean;
  /** ... and the transaction custom field (a reply's key) */
  replyKey: boolean;
}

/** "Customer Support" → "customer-support": what `--type` takes. */
export function typeId(queueName: string): string {
  return (
    queueName
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'queue'
  );
}

/** "Steps to reproduce" → "stepsToReproduce": what `--field` takes (kebab-case works too: steps-to-reproduce). */
export function fieldId(cfName: string): string {
  const words = cfName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const id = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[a-z]/.test(id) ? id.slice(0, 40) : '';
}

const reserved = new Set(['summary', 'description', 'attachments']);

/**
 * The form field id of each custom field, by RT id. Two fields whose names read alike ("Due date", "due-date"), or
 * one named like a field every form has, get the RT id appended; decided in RT id order, so a queue's form and its
 * tickets always agree.
 */
export function fieldIds(cfs: ReadonlyArray<{ id: string | number; name: string }>): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set(reserved);
  for (const cf of [...cfs].sort((a, b) => Number(a.id) - Number(b.id))) {
    const base = fieldId(cf.name) || `cf${cf.id}`;
    const id = taken.has(base) ? `${base}${cf.id}` : base;
    taken.add(id);
    ids.set(String(cf.id), id);
  }
  return ids;
}

// the shared fields, with what they become in Request Tracker as their help
const summary: FieldSpec = { ...commonFieldSpecs.summary, help: rtText("the ticket's subject in Request Tracker") };
const description: FieldSpec = {
  ...commonFieldSpecs.description,
  help: rtText('the first message of the ticket: what happens, the steps, the error messages'),
};
const attachments: FieldSpec = { ...commonFieldSpecs.attachments, help: rtText('files sent with the first message (--attach FILE)') };

/**
 * A Perl pattern in JavaScript words: its `(?#comment)`, which RT shows as the rule, is the hint. RT checks an
 * empty value against the pattern too, so a pattern an empty value fails makes the field required: that is how
 * RT's idiom "(?#Mandatory)." works.
 */
export function readPattern(pattern: string | undefined): { required: boolean; pattern?: string; hint?: string } {
  if (!pattern) return { required: false };
  const hint = /\(\?#([^)]*)\)/.exec(pattern)?.[1]?.trim();
  const source = pattern
    .replace(/\(\?#[^)]*\)/g, '')
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$');
  let regex: RegExp | undefined;
  try {
    regex = new RegExp(source);
  } catch {
    // a Perl construct JavaScript does not read: RT checks it; tix can only say whether it is mandatory
    return { required: /mandatory/i.test(hint ?? '') };
  }
  const required = !regex.test('');
  // the mandatory idiom says nothing beyond "required"
  if (source === '.' || source === '.+' || source === '\\S') return { required };
  return { required, pattern: source, hint };
}

/** A custom field as a form field; undefined for what tix does not file (files in custom fields, its own key). */
export function toFieldSpec(cf: RtCustomField, id: string): FieldSpec | undefined {
  if (cf.Name === KEY_FIELD || cf.Disabled === '1') return undefined;
  const rule = readPattern(cf.Pattern);
  const multiple = cf.MaxValues !== '1';
  const base = {
    id,
    label: rtText(cf.Name),
    required: rule.required,
    help: cf.Description ? rtText(cf.Description) : undefined,
    ...(rule.pattern ? { pattern: rule.pattern, ...(rule.hint ? { patternHint: rule.hint } : {}) } : {}),
  };
  switch (cf.Type) {
    case 'Select': {
      const values = Array.isArray(cf.Values) ? cf.Values : [];
      if (values.length === 0) return { ...base, kind: 'text' };
      return { ...base, kind: multiple ? 'multichoice' : 'choice', choices: values.map((v) => ({ value: v, label: rtText(v) })) };
    }
    case 'Text':
    case 'Wikitext':
    case 'HTML':
      return { ...base, kind: 'longtext', maxLength: 20000 };
    case 'Date':
      return { ...base, kind: 'date' };
    case 'DateTime':
      return {
        ...base,
        kind: 'text',
        help: rtText(`${cf.Description ? `${cf.Description}; ` : ''}YYYY-MM-DD HH:MM:SS, in UTC`),
        pattern: rule.pattern ?? '^\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}(:\\d{2})?)?$',
        patternHint: rule.pattern ? rule.hint : 'a date and time as YYYY-MM-DD HH:MM:SS',
      };
    case 'Image':
    case 'Binary':
      return undefined;
    default:
      // Freeform, Autocomplete, Combobox, IPAddress, IPAddressRange: one line of text (one value)
      return { ...base, kind: 'text', maxLength: 255 };
  }
}

/** A queue and its custom fields (those the user may see, in the queue's order) as a request type. */
export function queueForm(queue: RtQueue, definitions: Map<string, RtCustomField>): QueueForm {
  const fields: FieldSpec[] = [summary, description];
  const customFields = new Map<string, { name: string; multiple: boolean }>();
  const ids = fieldIds(queue.TicketCustomFields ?? []);
  for (const ref of queue.TicketCustomFields ?? []) {
    const cf = definitions.get(String(ref.id));
    if (!cf) continue;
    const id = ids.get(String(ref.id))!;
    const spec = toFieldSpec(cf, id);
    if (!spec) continue;
    fields.push(spec);
    customFields.set(id, { name: cf.Name, multiple: spec.kind === 'multichoice' });
  }
  fields.push(attachments);
  return {
    queue: { id: String(queue.id), name: queue.Name },
    type: {
      id: typeId(queue.Name),
      category: queueCategory.id,
      label: rtText(queue.Name),
      description: rtText(queue.Description || `tickets of the ${queue.Name} queue`),
      fields,
    },
    customFields,
    ticketKey: (queue.TicketCustomFields ?? []).some((cf) => cf.name === KEY_FIELD),
    replyKey: (queue.TicketTransactionCustomFields ?? []).some((cf) => cf.name === KEY_FIELD),
  };
}

/** The form's values as REST2's `CustomFields` (by RT's field names); summary and description go elsewhere. */
export function toCustomFields(form: QueueForm, values: FieldValues): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [id, value] of Object.entries(values)) {
    const cf = form.customFields.get(id);
    if (!cf || value === '' || value === undefined) continue;
    out[cf.name] = Array.isArray(value) ? value : String(value);
  }
  return out;
}

/**
 * A ticket's custom field values as form values: a field that takes one value is a string, one that takes
 * several a list (even of one), so that a field has one shape on every ticket. The key tix records is left out.
 */
export function fromCustomFields(cfs: RtFieldValues[] | undefined): FieldValues {
  const out: FieldValues = {};
  const ids = fieldIds(cfs ?? []);
  for (const cf of cfs ?? []) {
    if (cf.name === KEY_FIELD) continue;
    // (files in custom fields come as objects: tix does not show them)
    const values = cf.values.filter((v): v is string => typeof v === 'string');
    if (values.length === 0) continue;
    const value: FieldValue = cf.MaxValues === '1' ? values[0]! : values;
    out[ids.get(String(cf.id))!] = value;
  }
  return out;
}
