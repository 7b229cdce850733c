// A request type's form, from JSM's field list (/servicedesk/{id}/requesttype/{id}/field) to tix's form schema,
// and the values both ways. Mapping (README: "Jira Service Management: fields"):
//   string (summary)                  → text        string (description, textarea) → longtext
//   string (url custom field)         → url         string (other)                 → text
//   number                            → number      date                           → date
//   option, priority (select, radio)  → choice      array of option, one choice    → boolean (a consent box)
//   array of option (checkboxes, multi-select)      → multichoice
//   array of string (labels)          → text (words separated by spaces)
//   array of attachment               → attachments (--attach)
// Hidden fields are left out. A required field with a default is optional in tix (JSM fills the default). A
// field of a kind tix cannot fill (user pickers, cascading selects…) is left out when optional and kept as text
// when required (JSM then says what it wants). Choices are written as their label in lower case with dashes
// ("Time off" → time-off), so `--field priority=high` works; field ids are Jira's, in camelCase
// (customfield_10060 → customfield10060, and `--field customfield_10060=…` works too).
import type { FieldSpec, FieldValue, FieldValues } from '../../core/catalog.ts';
import { normaliseFieldId } from '../../core/catalog.ts';
import type { FieldProblem } from '../../core/errors.ts';
import { say } from './messages.ts';
import type { JsmFieldValue, JsmRequestTypeField, JsmRequestTypeFields } from './wire.ts';

/** A tix form and, for each of its fields, the Jira field behind it. */
export interface JsmForm {
  fields: FieldSpec[];
  jira: Map<string, JsmRequestTypeField>;
  canRaiseOnBehalfOf: boolean;
  /** a required box to tick says the request cannot be undone */
  irreversible: boolean;
}

/** tix's id for the person a request is raised for (JSM's raiseOnBehalfOf) */
export const ON_BEHALF_OF = 'onBehalfOf';
/** tix's id for the files of a form */
export const ATTACHMENTS = 'attachments';

const SYSTEM_LIMITS: Record<string, number> = { summary: 255, description: 32767, environment: 32767 };

/** Jira's field id as tix writes field ids: customfield_10060 → customfield10060; attachment → attachments. */
export function tixFieldId(jiraId: string): string {
  if (jiraId === 'attachment') return ATTACHMENTS;
  const id = normaliseFieldId(jiraId).replace(/[^A-Za-z0-9]/g, '');
  return id.charAt(0).toLowerCase() + id.slice(1);
}

/** "Time off" → "time-off", "Élevée" → "elevee": what people type for a choice. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** Each valid value's tix value: its slug, or its Jira id when two labels give the same slug (or none). */
function choicesOf(values: JsmFieldValue[]): Array<{ value: string; label: string; jiraId: string }> {
  const slugs = values.map((v) => slug(v.label));
  return values.map((v, i) => {
    const s = slugs[i]!;
    const unique = s !== '' && slugs.indexOf(s) === slugs.lastIndexOf(s);
    return { value: unique ? s : v.value.toLowerCase(), label: v.label, jiraId: v.value };
  });
}

type Mapped = Omit<FieldSpec, 'id' | 'label' | 'required'> | undefined;

function kindOf(f: JsmRequestTypeField): Mapped {
  const { type, items, system, custom = '' } = f.jiraSchema;
  const choices = choicesOf(f.validValues ?? []).map(({ value, label }) => ({ value, label }));
  if (type === 'string') {
    if (system === 'summary') return { kind: 'text', maxLength: SYSTEM_LIMITS.summary };
    if (system === 'description' || system === 'environment' || custom.endsWith(':textarea'))
      return { kind: 'longtext', maxLength: SYSTEM_LIMITS[system ?? ''] ?? 32767 };
    if (custom.endsWith(':url')) return { kind: 'url' };
    return { kind: 'text', maxLength: 255 };
  }
  if (type === 'number') return { kind: 'number' };
  if (type === 'date') return { kind: 'date' };
  if ((type === 'option' || type === 'priority') && choices.length) return { kind: 'choice', choices };
  if (type === 'array' && items === 'option' && choices.length === 1) return { kind: 'boolean' };
  if (type === 'array' && items === 'option' && choices.length > 1) return { kind: 'multichoice', choices };
  if (type === 'array' && items === 'string') return { kind: 'text', help: say.wordsHelp() };
  if (type === 'array' && items === 'attachment') return { kind: 'attachments' };
  return undefined;
}

/** The tix form of a request type; hidden fields are left out. */
export function formOf(answer: JsmRequestTypeFields): JsmForm {
  const fields: FieldSpec[] = [];
  const jira = new Map<string, JsmRequestTypeField>();
  let irreversible = false;
  for (const f of answer.requestTypeFields) {
    if (f.visible === false) continue;
    const id = tixFieldId(f.fieldId);
    const mapped = kindOf(f);
    const defaults = f.defaultValues ?? [];
    // JSM fills a default the customer leaves out: such a field is optional for tix
    const required = f.required && defaults.length === 0;
    if (!mapped && !required) continue;
    const spec: FieldSpec = {
      id,
      label: f.name,
      kind: 'text',
      required,
      ...(f.description ? { help: f.description } : {}),
      ...(mapped ?? { help: say.unsupportedFieldHelp(f.jiraSchema.custom ?? f.jiraSchema.type) }),
    };
    if (spec.kind === 'choice' && defaults[0]) {
      spec.default = choicesOf(f.validValues ?? []).find((c) => c.jiraId === defaults[0]!.value)?.value;
    }
    if (spec.kind === 'boolean') {
      spec.default = defaults.length > 0;
      // a box that must be ticked (a consent, "I understand this is irreversible") is given explicitly
      if (required) spec.acknowledgement = true;
      if (required && /irreversib|cannot be undone|permanent/i.test(f.name)) irreversible = true;
      spec.label = f.name;
    }
    fields.push(spec);
    jira.set(id, f);
  }
  if (answer.canRaiseOnBehalfOf)
    fields.push({ id: ON_BEHALF_OF, label: say.onBehalfOfLabel(), kind: 'email', required: false, help: say.onBehalfOfHelp() });
  return { fields, jira, canRaiseOnBehalfOf: Boolean(answer.canRaiseOnBehalfOf), irreversible };
}

/** tix's values as requestFieldValues; problems name the tix field. Attachments and onBehalfOf are not fields in JSM. */
export function toJiraValues(form: JsmForm, values: FieldValues): { values: Record<string, unknown>; problems: FieldProblem[] } {
  const out: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [id, value] of Object.entries(values)) {
    if (id === ATTACHMENTS || id === ON_BEHALF_OF) continue;
    const jira = form.jira.get(id);
    const spec = form.fields.find((f) => f.id === id);
    if (!jira || !spec) {
      problems.push({ field: id, message: say.notAField(form.fields.map((f) => f.id)) });
      continue;
    }
    const choices = choicesOf(jira.validValues ?? []);
    const idOf = (v: string) => choices.find((c) => c.value === v)?.jiraId;
    switch (spec.kind) {
      case 'number': {
        const n = Number(value);
        if (typeof value !== 'string' || !Number.isFinite(n)) problems.push({ field: id, message: say.notANumber() });
        else out[jira.fieldId] = n;
        break;
      }
      case 'choice': {
        const choice = typeof value === 'string' ? idOf(value) : undefined;
        if (choice === undefined) problems.push({ field: id, message: say.notAChoice(choices.map((c) => c.value)) });
        else out[jira.fieldId] = { id: choice };
        break;
      }
      case 'multichoice': {
        const ids = (Array.isArray(value) ? value : [String(value)]).map(idOf);
        if (ids.some((x) => x === undefined)) problems.push({ field: id, message: say.notAChoice(choices.map((c) => c.value)) });
        else out[jira.fieldId] = ids.map((x) => ({ id: x }));
        break;
      }
      case 'boolean':
        // a ticked box is its one option; an unticked one is left out
        if (value === true) out[jira.fieldId] = [{ id: choices[0]!.jiraId }];
        break;
      default:
        if (jira.jiraSchema.type === 'array' && jira.jiraSchema.items === 'string')
          out[jira.fieldId] = String(value)
            .split(/[\s,]+/)
            .filter(Boolean);
        else out[jira.fieldId] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return { values: out, problems };
}

/** A request's field values as tix shows them (summary, description and attachments apart). */
export function fromJiraValues(form: JsmForm | undefined, requestFieldValues: Array<{ fieldId: string; value?: unknown }>): FieldValues {
  const out: FieldValues = {};
  for (const { fieldId, value } of requestFieldValues) {
    if (fieldId === 'summary' || fieldId === 'description' || fieldId === 'attachment') continue;
    if (value === undefined || value === null || value === '') continue;
    const id = tixFieldId(fieldId);
    const jira = form?.jira.get(id);
    const spec = form?.fields.find((f) => f.id === id);
    const converted = jira && spec ? known(spec, jira, value) : loose(value);
    if (converted !== undefined) out[id] = converted;
  }
  return out;
}

/** A Jira option as JSM shows it: `{id, value}` (custom fields) or `{id, name}` (priority). */
type JiraOption = { id?: string; value?: string; name?: string };

function known(spec: FieldSpec, jira: JsmRequestTypeField, value: unknown): FieldValue | undefined {
  const choices = choicesOf(jira.validValues ?? []);
  const choiceOf = (o: JiraOption) =>
    choices.find((c) => c.jiraId === o.id || c.label === o.value || c.label === o.name)?.value ?? slug(o.value ?? o.name ?? o.id ?? '');
  switch (spec.kind) {
    case 'choice':
      return typeof value === 'object' ? choiceOf(value as JiraOption) : String(value);
    case 'multichoice':
      return Array.isArray(value) ? value.map((o: JiraOption) => choiceOf(o)) : undefined;
    case 'boolean':
      return Array.isArray(value) ? value.length > 0 : Boolean(value);
    default:
      return loose(value);
  }
}

/** A value of a field tix has no form for: text, options by their label, lists joined. */
function loose(value: unknown): FieldValue | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v ? labelOf(v as JiraOption) : String(v))).join(' ');
  if (typeof value === 'object' && value) return labelOf(value as JiraOption);
  return undefined;
}

function labelOf(o: JiraOption & { displayName?: string }): string {
  return o.value ?? o.name ?? o.displayName ?? o.id ?? '';
}
