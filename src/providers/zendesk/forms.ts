// Zendesk's ticket forms and the ticket fields end users see, as tix's request types and their forms; and the
// values of a request both ways (tix's field values <-> Zendesk's custom_fields, type and priority).
//
// | Zendesk field type        | tix kind                       |
// | ------------------------- | ------------------------------ |
// | subject                   | summary (text, required)       |
// | description               | description (longtext, req.)   |
// | text                      | text                           |
// | textarea                  | longtext                       |
// | regexp                    | text with its pattern          |
// | tagger (drop-down)        | choice                         |
// | multiselect               | multichoice                    |
// | checkbox                  | boolean (required: ticked)     |
// | date                      | date                           |
// | integer / decimal         | number (whole / any)           |
// | tickettype, priority      | choice (the request's own)     |
// | partialcreditcard, lookup | left out (not for end users)   |
import type { Catalog, FieldSpec, FieldValue, FieldValues, RequestType } from '../../core/catalog.ts';
import type { Localized } from '../../core/i18n.ts';
import { wording } from './messages.ts';
import type { ZdCustomValue, ZdRequest, ZdTicketField, ZdTicketForm } from './wire.ts';

/** Zendesk's own words (form and field titles, descriptions): one language, whichever the account is set up in. */
export const zendeskText = (text: string): Localized => ({ en: text });

/** How one tix field of a form is written to Zendesk. */
type Target =
  | { to: 'subject' }
  | { to: 'description' }
  | { to: 'attachments' }
  | { to: 'type' }
  | { to: 'priority' }
  | { to: 'custom'; id: number };

interface MappedField {
  spec: FieldSpec;
  target: Target;
  /** the Zendesk field's type (checkbox, multiselect…), for values */
  zendeskType: string;
  /** end users may set it (some fields are only shown to them) */
  editable: boolean;
}

interface MappedForm {
  /** null: the account has no ticket forms (requests are filed without ticket_form_id) */
  formId: number | null;
  type: RequestType;
  fields: MappedField[];
}

/** Field types that are not for end users to fill in, even when shown (card numbers, lookups of other records). */
const LEFT_OUT = new Set(['partialcreditcard', 'lookup', 'status', 'group', 'assignee', 'custom_status']);

/** The account's forms as request types, with the mapping of their fields. */
export class ZendeskForms {
  readonly catalog: Catalog;
  private readonly forms: MappedForm[];
  /** every field end users see, by Zendesk id: values of requests filed on any form */
  private readonly fieldsById: Map<number, MappedField>;
  private readonly defaultFormId: number | null;

  constructor(zdForms: ZdTicketForm[], zdFields: ZdTicketField[]) {
    const visible = zdFields
      .filter((f) => f.active !== false && f.visible_in_portal !== false && !LEFT_OUT.has(f.type))
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id);
    this.fieldsById = new Map(fieldIds(visible).map(([f, id]) => [f.id, mapField(f, id)]));
    const forms = zdForms
      .filter((f) => f.active !== false && f.end_user_visible !== false)
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id);
    const slugs = typeIds(forms);
    const build = (formId: number | null, id: string, label: Localized, description: Localized, fieldIds: number[] | undefined) => {
      const own = (fieldIds ?? visible.map((f) => f.id))
        .map((fid) => this.fieldsById.get(fid))
        .filter((f): f is MappedField => f?.editable === true && f.target.to !== 'subject' && f.target.to !== 'description');
      const fields = [summaryField(visible), descriptionField(visible), ...own, attachmentsField];
      return { formId, fields, type: { id, category: wording.category.id, label, description, fields: fields.map((f) => f.spec) } };
    };
    this.forms = forms.length
      ? forms.map((f) =>
          build(
            f.id,
            slugs.get(f.id)!,
            zendeskText(f.display_name || f.name),
            zendeskText(wording.formDescription(f.name)),
            f.ticket_field_ids,
          ),
        )
      : [build(null, wording.defaultForm.id, wording.defaultForm.label, wording.defaultForm.label, undefined)];
    this.defaultFormId = forms.find((f) => f.default)?.id ?? forms[0]?.id ?? null;
    const { id, label, description } = wording.category;
    this.catalog = { categories: [{ id, label, description }], types: this.forms.map((f) => f.type) };
  }

  /** A type by its tix id, or by the Zendesk form's number. */
  form(typeId: string): MappedForm | undefined {
    return this.forms.find((f) => f.type.id === typeId) ?? this.forms.find((f) => f.formId !== null && String(f.formId) === typeId.trim());
  }

  typeIds(): string[] {
    return this.forms.map((f) => f.type.id);
  }

  /** The type of a request: its form's (no form: the default one). */
  typeOf(request: Pick<ZdRequest, 'ticket_form_id'>): string {
    const formId = request.ticket_form_id ?? this.defaultFormId;
    return this.forms.find((f) => f.formId === formId)?.type.id ?? (formId === null ? wording.defaultForm.id : `form-${formId}`);
  }

  /** A request's form values as tix shows them (summary and description apart). */
  valuesOf(request: ZdRequest): FieldValues {
    const values: FieldValues = {};
    const form = this.forms.find((f) => f.formId === (request.ticket_form_id ?? this.defaultFormId));
    const onForm = (f: MappedField) => !form || form.fields.some((x) => x.spec.id === f.spec.id);
    for (const { id, value } of request.custom_fields ?? []) {
      const field = this.fieldsById.get(id);
      if (!field || !onForm(field)) continue;
      const v = fromZendesk(field, value);
      if (v !== undefined) values[field.spec.id] = v;
    }
    for (const field of this.fieldsById.values()) {
      const own = field.target.to === 'type' ? request.type : field.target.to === 'priority' ? request.priority : undefined;
      if (own && onForm(field)) values[field.spec.id] = own;
    }
    return values;
  }

  /** What Create Request takes for a type's values (summary and description are the caller's). */
  toZendesk(
    form: MappedForm,
    values: FieldValues,
  ): {
    ticket_form_id?: number;
    type?: string;
    priority?: string;
    custom_fields?: Array<{ id: number; value: ZdCustomValue }>;
  } {
    const custom: Array<{ id: number; value: ZdCustomValue }> = [];
    const out: ReturnType<ZendeskForms['toZendesk']> = form.formId === null ? {} : { ticket_form_id: form.formId };
    for (const field of form.fields) {
      const value = values[field.spec.id];
      if (value === undefined || value === '') continue;
      if (field.target.to === 'type') out.type = String(value);
      else if (field.target.to === 'priority') out.priority = String(value);
      else if (field.target.to === 'custom') custom.push({ id: field.target.id, value: toZendesk(field, value) });
    }
    if (custom.length) out.custom_fields = custom;
    return out;
  }
}

// --- fields ------------------------------------------------------------------------------------------------------

const attachmentsField: MappedField = {
  spec: {
    id: 'attachments',
    label: { en: 'Attachments', fr: 'Pièces jointes' },
    kind: 'attachments',
    required: false,
    help: zendeskText(wording.attachmentsHelp),
  },
  target: { to: 'attachments' },
  zendeskType: 'attachments',
  editable: true,
};

function summaryField(visible: ZdTicketField[]): MappedField {
  const z = visible.find((f) => f.type === 'subject');
  return {
    spec: {
      id: 'summary',
      label: z ? zendeskText(portalTitle(z)) : { en: 'Subject', fr: 'Objet' },
      kind: 'text',
      required: true,
      maxLength: 250,
      help: zendeskText(z?.description || wording.summaryHelp),
    },
    target: { to: 'subject' },
    zendeskType: 'subject',
    editable: true,
  };
}

function descriptionField(visible: ZdTicketField[]): MappedField {
  const z = visible.find((f) => f.type === 'description');
  return {
    spec: {
      id: 'description',
      label: z ? zendeskText(portalTitle(z)) : { en: 'Description', fr: 'Description' },
      kind: 'longtext',
      required: true,
      maxLength: 65_000,
      help: zendeskText(z?.description || wording.descriptionHelp),
    },
    target: { to: 'description' },
    zendeskType: 'description',
    editable: true,
  };
}

function portalTitle(f: ZdTicketField): string {
  return (f.title_in_portal || f.title).trim();
}

/** One Zendesk field as a tix field; `id` is its tix id. */
function mapField(f: ZdTicketField, id: string): MappedField {
  return { ...mapKind(f, id), editable: f.editable_in_portal !== false };
}

function mapKind(f: ZdTicketField, id: string): Omit<MappedField, 'editable'> {
  const base = {
    id,
    label: zendeskText(portalTitle(f)),
    required: f.required_in_portal === true,
    ...(f.description ? { help: zendeskText(f.description) } : {}),
  };
  const choices = (options: Array<{ name: string; value: string }> | undefined) =>
    (options ?? []).map((o) => ({ value: o.value, label: zendeskText(o.name) }));
  const custom: Target = { to: 'custom', id: f.id };
  switch (f.type) {
    case 'subject':
      return { spec: { ...base, kind: 'text' }, target: { to: 'subject' }, zendeskType: f.type };
    case 'description':
      return { spec: { ...base, kind: 'longtext' }, target: { to: 'description' }, zendeskType: f.type };
    case 'tickettype':
      return { spec: { ...base, kind: 'choice', choices: choices(f.system_field_options) }, target: { to: 'type' }, zendeskType: f.type };
    case 'priority':
      return {
        spec: { ...base, kind: 'choice', choices: choices(f.system_field_options) },
        target: { to: 'priority' },
        zendeskType: f.type,
      };
    case 'textarea':
      return { spec: { ...base, kind: 'longtext' }, target: custom, zendeskType: f.type };
    case 'regexp': {
      const pattern = jsPattern(f.regexp_for_validation);
      return { spec: { ...base, kind: 'text', ...(pattern ? { pattern } : {}) }, target: custom, zendeskType: f.type };
    }
    case 'tagger':
      return { spec: { ...base, kind: 'choice', choices: choices(f.custom_field_options) }, target: custom, zendeskType: f.type };
    case 'multiselect':
      return { spec: { ...base, kind: 'multichoice', choices: choices(f.custom_field_options) }, target: custom, zendeskType: f.type };
    case 'checkbox':
      return { spec: { ...base, kind: 'boolean', default: false }, target: custom, zendeskType: f.type };
    case 'date':
      return { spec: { ...base, kind: 'date' }, target: custom, zendeskType: f.type };
    case 'integer':
      return { spec: { ...base, kind: 'number', integer: true }, target: custom, zendeskType: f.type };
    case 'decimal':
      return { spec: { ...base, kind: 'number' }, target: custom, zendeskType: f.type };
    default:
      // text, and types newer than this client: text is what Zendesk's portal shows them as
      return { spec: { ...base, kind: 'text' }, target: custom, zendeskType: f.type };
  }
}

/** Zendesk checks patterns as Ruby regular expressions: \A and \z anchors are ^ and $ here. */
function jsPattern(ruby: string | null | undefined): string | undefined {
  if (!ruby) return undefined;
  return ruby.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
}

function fromZendesk(field: MappedField, value: ZdCustomValue): FieldValue | undefined {
  if (value === null || value === '') return undefined;
  if (field.spec.kind === 'boolean') return value === true || value === 'true';
  if (field.spec.kind === 'multichoice') return (Array.isArray(value) ? value : String(value).split(/\s+/)).map(String).filter(Boolean);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function toZendesk(field: MappedField, value: FieldValue): ZdCustomValue {
  if (field.spec.kind === 'boolean') return value === true;
  if (field.spec.kind === 'multichoice') return Array.isArray(value) ? value : [String(value)];
  return Array.isArray(value) ? value.join(', ') : String(value);
}

// --- ids ---------------------------------------------------------------------------------------------------------

const RESERVED = new Set(['summary', 'description', 'attachments']);

/** tix ids for Zendesk's fields: camelCase of the title end users read ("Product area" is productArea), unique. */
function fieldIds(fields: ZdTicketField[]): Array<[ZdTicketField, string]> {
  const taken = new Set(RESERVED);
  return fields.map((f) => {
    const fixed =
      f.type === 'subject' ? 'summary' : f.type === 'description' ? 'description' : f.type === 'tickettype' ? 'ticketType' : undefined;
    if (fixed) return [f, fixed];
    let id = camelCase(portalTitle(f)) || `field${f.id}`;
    if (taken.has(id)) id = `${id.slice(0, 30)}${f.id}`;
    taken.add(id);
    return [f, id];
  });
}

/** tix ids for forms: the name end users read, in kebab-case ("Report an incident" is report-an-incident), unique. */
function typeIds(forms: ZdTicketForm[]): Map<number, string> {
  const taken = new Set<string>();
  const ids = new Map<number, string>();
  for (const f of forms) {
    let id = words(f.display_name || f.name)
      .join('-')
      .slice(0, 40)
      .replace(/-+$/, '');
    if (!/^[a-z]/.test(id)) id = `form-${id}`.replace(/-+$/, '');
    if (taken.has(id)) id = `${id.slice(0, 30)}-${f.id}`;
    taken.add(id);
    ids.set(f.id, id);
  }
  return ids;
}

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function camelCase(text: string): string {
  let id = '';
  for (const [i, w] of words(text).entries()) {
    const next = i === 0 ? w : w[0]!.toUpperCase() + w.slice(1);
    if ((id + next).length > 40) break;
    id += next;
  }
  return /^[a-z]/.test(id) ? id : id ? `f${id}`.slice(0, 40) : '';
}
