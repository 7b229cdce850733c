// The request-type catalog: categories, types and each type's form, as data. The server owns it (and can load
// another one from a JSON file); the CLI builds its prompts, flags and checks from what the server sends, so a
// new type needs no client change. Validation lives here, shared: the CLI reports problems before sending, the
// server refuses what the CLI did not catch.
import { type ContactType, contactTypes, isContactType } from './contacts.ts';
import type { FieldProblem } from './errors.ts';
import { emailProblem } from './identifiers.ts';
import { oneLineProblem } from './text.ts';

// number and multichoice came with the helpdesks' forms (Jira's number fields, Zendesk's integer and decimal
// fields; checkboxes and multi-selects): a number is written as text (`integer` for whole numbers), a multichoice is a list.
export type FieldKind =
  | 'text'
  | 'longtext'
  | 'url'
  | 'email'
  | 'date'
  | 'number'
  | 'choice'
  | 'multichoice'
  | 'boolean'
  | 'urls'
  | 'attachments';
export const fieldKinds: readonly FieldKind[] = [
  'text',
  'longtext',
  'url',
  'email',
  'date',
  'number',
  'choice',
  'multichoice',
  'boolean',
  'urls',
  'attachments',
];

export interface FieldSpec {
  /** camelCase; `--field id=value` also accepts the kebab-case spelling */
  id: string;
  label: string;
  /** the seed's French label */
  labelFr?: string;
  help?: string;
  kind: FieldKind;
  required: boolean;
  default?: string | boolean;
  /** for kinds "choice" and "multichoice" */
  choices?: Array<{ value: string; label: string }>;
  /**
   * for the one-line text kinds: a regular expression (JavaScript syntax) the value must match, as helpdesks
   * such as Request Tracker declare them; `patternHint` says in words what it wants
   */
  pattern?: string;
  patternHint?: string;
  maxLength?: number;
  /** for kind "number": whole numbers only */
  integer?: boolean;
  /**
   * a boolean that must be given as true, explicitly: the acknowledgement of an irreversible action (a required
   * boolean must be true too: a box the form requires to be ticked, such as a consent)
   */
  acknowledgement?: boolean;
  /** for kind "date": the date may not be in the past */
  future?: boolean;
}

export interface RequestType {
  id: string;
  category: string;
  label: string;
  labelFr?: string;
  description: string;
  example?: string;
  /** the request asks for something that cannot be undone (seed 004: user deletion, MFA reset) */
  irreversible?: boolean;
  /**
   * The account contacts told about these requests by e-mail (seed 003), by type; replaces the category's.
   * An empty list tells no contact.
   */
  notify?: ContactType[];
  fields: FieldSpec[];
}

export interface Category {
  id: string;
  label: string;
  labelFr?: string;
  description: string;
  /** the account contacts told about requests of this category by e-mail (seed 003), unless a type says otherwise */
  notify?: ContactType[];
}

export interface Catalog {
  categories: Category[];
  types: RequestType[];
}

/** Field values as the API carries them: strings, booleans, lists of strings. */
export type FieldValue = string | boolean | string[];
export type FieldValues = Record<string, FieldValue>;

// Fields every form shares (seed 004: "on behalf of", a summary, a description; consent and sharing).
const summary: FieldSpec = {
  id: 'summary',
  label: 'Summary',
  labelFr: 'Résumé',
  kind: 'text',
  required: true,
  maxLength: 200,
  help: 'a concise title for the request',
};
const description: FieldSpec = {
  id: 'description',
  label: 'Description',
  labelFr: 'Description',
  kind: 'longtext',
  required: true,
  maxLength: 20000,
  help: 'what happens, the steps to reproduce, error messages; account or employee details when relevant',
};
const onBehalfOf: FieldSpec = {
  id: 'onBehalfOf',
  label: 'On behalf of',
  labelFr: 'Faites cette demande au nom de',
  kind: 'email',
  required: false,
  help: 'the e-mail of the person this request is for; you by default',
};
const attachments: FieldSpec = {
  id: 'attachments',
  label: 'Attachments',
  labelFr: 'Pièces jointes',
  kind: 'attachments',
  required: false,
  help: 'screenshots or files that help the investigation (--attach FILE)',
};
const gdprConsent: FieldSpec = {
  id: 'gdprConsent',
  label: 'GDPR consent',
  labelFr: "Consentement à la collecte et à l'utilisation des données",
  kind: 'boolean',
  required: false,
  default: false,
  help: 'you consent to the collection and use of the data in this request under the privacy policy (GDPR)',
};
const share: FieldSpec = {
  id: 'shareWithAccountManager',
  label: 'Share with account manager',
  labelFr: 'Partager avec',
  kind: 'boolean',
  required: false,
  default: false,
  help: 'also share the request with your account manager',
};
const businessJustification: FieldSpec = {
  id: 'businessJustification',
  label: 'Business justification',
  labelFr: 'Justification commerciale',
  kind: 'longtext',
  required: true,
  maxLength: 5000,
  help: 'why this matters to the organisation',
};
const employeeUrls: FieldSpec = {
  id: 'employeeUrls',
  label: 'Employee URLs',
  labelFr: 'URL du/des employé(s)',
  kind: 'urls',
  required: true,
  help: 'the URL of each employee concerned, e.g. https://app.example.com/employees/1784031',
};
const irreversibleAck: FieldSpec = {
  id: 'irreversibleAck',
  label: 'I understand this action is irreversible',
  labelFr: 'Je comprends que cette action est irréversible',
  kind: 'boolean',
  required: true,
  acknowledgement: true,
  help: 'once done, the data cannot be restored',
};
const impactChoices = [
  { value: 'low', label: 'Low: a minor inconvenience' },
  { value: 'medium', label: 'Medium: some users or features affected' },
  { value: 'high', label: 'High: a key process is blocked' },
  { value: 'critical', label: 'Critical: the service is down for everyone' },
];

const tail = [attachments, gdprConsent, share];

export const defaultCatalog: Catalog = {
  categories: [
    {
      id: 'general',
      label: 'General',
      labelFr: 'Renseignements généraux',
      description: 'questions, interface or translation problems, improvements',
    },
    {
      id: 'technical',
      label: 'Technical',
      labelFr: 'Demandes techniques',
      description: 'API and integrations, incidents, SQL reports, product errors',
      // seed 003: the technical contact receives incidents and technical alerts
      notify: ['technical'],
    },
    {
      id: 'billing',
      label: 'Billing',
      labelFr: 'Facturation',
      description: 'invoices, VAT and billing name, subscription, payment disputes',
      // seed 003: the accounting contact receives what concerns invoices and payments
      notify: ['accounting'],
    },
    {
      id: 'security',
      label: 'Security and privacy',
      labelFr: 'Sécurité et confidentialité',
      description: 'sensitive requests: user deletion, MFA reset, suspected fraud',
    },
  ],
  types: [
    {
      id: 'question',
      category: 'general',
      label: 'Ask a question',
      labelFr: 'Poser une question',
      description: 'a general question about a product, a feature or a service',
      example: 'How do I turn on notifications for team updates?',
      fields: [summary, description, onBehalfOf, ...tail],
    },
    {
      id: 'ui-translation',
      category: 'general',
      label: 'Interface or translation problem',
      labelFr: 'Interface utilisateur ou traduction',
      description: 'a display problem or a wrong translation',
      example: 'The Save button overlaps other text in Spanish',
      fields: [
        summary,
        description,
        onBehalfOf,
        { ...attachments, label: 'Screenshot', labelFr: "Fournir une capture d'écran" },
        gdprConsent,
        share,
      ],
    },
    {
      id: 'improvement',
      category: 'general',
      label: 'Suggest an improvement',
      labelFr: 'Améliorations',
      description: 'an improvement or a new feature',
      example: 'A dark mode would help',
      fields: [summary, { ...description, label: 'Details', labelFr: 'Fournir des détails' }, businessJustification, onBehalfOf, share],
    },
    {
      id: 'how-to',
      category: 'general',
      label: 'How do I…',
      labelFr: 'Comprendre comment réaliser une action',
      description: 'how to do something in the product',
      fields: [
        summary,
        description,
        onBehalfOf,
        { id: 'url', label: 'Page URL', labelFr: 'URL', kind: 'url', required: false, help: 'the page you are on' },
        ...tail,
      ],
    },
    {
      id: 'document',
      category: 'general',
      label: 'Request a document',
      labelFr: 'Un document',
      description: 'a certificate, an attestation or another document',
      fields: [
        summary,
        description,
        onBehalfOf,
        { id: 'desiredDate', label: 'Needed by', labelFr: 'Pour quand', kind: 'date', required: false, future: true, help: 'YYYY-MM-DD' },
        ...tail,
      ],
    },
    {
      id: 'calculation',
      category: 'general',
      label: 'Explain a calculation',
      labelFr: 'Une explication sur un calcul',
      description: 'how an amount was computed',
      fields: [summary, description, onBehalfOf, ...tail],
    },
    {
      id: 'api-integration',
      category: 'technical',
      label: 'API or integrations',
      labelFr: 'API ou intégrations',
      description: 'connectivity, data consistency or other problems with the API or an integration',
      example: 'The API returns 401 when we authenticate with our token',
      fields: [
        summary,
        {
          id: 'endpointUrl',
          label: 'Endpoint URL',
          labelFr: 'URL du point de terminaison',
          kind: 'url',
          required: true,
          help: 'the endpoint concerned',
        },
        { id: 'impact', label: 'Impact', labelFr: 'Impact', kind: 'choice', required: true, choices: impactChoices },
        description,
        onBehalfOf,
        ...tail,
      ],
    },
    {
      id: 'incident',
      category: 'technical',
      label: 'Incident',
      labelFr: 'Incidents',
      description: 'an unplanned event that disrupts the service; the priority is restoring it',
      example: 'Users cannot log in: "Service unavailable"',
      fields: [
        summary,
        description,
        { id: 'severity', label: 'Severity', labelFr: 'Gravité', kind: 'choice', required: true, choices: impactChoices },
        { id: 'url', label: 'URL', labelFr: 'URL', kind: 'url', required: false, help: 'the page where it happens' },
        onBehalfOf,
        ...tail,
      ],
    },
    {
      id: 'sql-report',
      category: 'technical',
      label: 'SQL report',
      labelFr: 'Demande de rapport SQL',
      description: 'a custom report built with SQL',
      example: 'Attendance for Q1 2024, by department',
      fields: [
        summary,
        description,
        {
          id: 'desiredDate',
          label: 'Wanted by',
          labelFr: 'Quand souhaitez-vous que ce rapport soit disponible',
          kind: 'date',
          required: true,
          future: true,
          help: 'the latest date for the report, YYYY-MM-DD',
        },
        onBehalfOf,
        ...tail,
      ],
    },
    {
      id: 'product-error',
      category: 'technical',
      label: 'Error or problem in the product',
      labelFr: 'Résoudre une erreur ou un problème',
      description: 'something does not work as it should',
      fields: [summary, description, { id: 'url', label: 'URL', labelFr: 'URL', kind: 'url', required: false }, onBehalfOf, ...tail],
    },
    {
      id: 'billing-question',
      category: 'billing',
      label: 'Billing question',
      labelFr: 'Questions et demandes de renseignements',
      description: 'where to find invoices, what an invoice line means',
      example: 'I cannot find my invoices',
      fields: [summary, description, onBehalfOf, ...tail],
    },
    {
      id: 'billing-details',
      category: 'billing',
      label: 'Change VAT or billing name',
      labelFr: 'Modifier la TVA ou le nom de facturation',
      description: 'change the VAT number or the company name on invoices',
      example: 'Change the company name to ABC',
      fields: [
        summary,
        description,
        onBehalfOf,
        { ...attachments, required: true, help: 'a valid tax card or registration document' },
        gdprConsent,
        share,
      ],
    },
    {
      id: 'subscription',
      category: 'billing',
      label: 'Change my subscription',
      labelFr: 'Une modification de votre abonnement',
      description: 'upgrade, downgrade or change the subscription',
      // seed 003: the commercial contact is the one for the contract and offers
      notify: ['commercial'],
      fields: [summary, description, onBehalfOf, share],
    },
    {
      id: 'payment-dispute',
      category: 'billing',
      label: 'Payment dispute (chargeback)',
      labelFr: 'Contestation de paiement (chargeback)',
      description: 'a payment contested by a customer or a bank',
      example: 'A customer disputed the payment of invoice F-2026-118',
      // seed 003: the chargebacks contact is told when a payment is disputed
      notify: ['chargebacks'],
      fields: [summary, description, onBehalfOf, ...tail],
    },
    {
      id: 'user-deletion',
      category: 'security',
      label: 'Delete a user',
      labelFr: "Suppression d'utilisateur",
      description: 'permanently delete one or more employees; this cannot be undone',
      example: 'Delete John Doe from account ABC',
      irreversible: true,
      fields: [
        summary,
        { ...description, help: 'full name, employee number and relevant details of each employee to delete' },
        employeeUrls,
        businessJustification,
        onBehalfOf,
        gdprConsent,
        irreversibleAck,
        share,
      ],
    },
    {
      id: 'mfa-reset',
      category: 'security',
      label: 'Reset MFA',
      labelFr: 'MFA',
      description: "remove an employee's multi-factor authentication; this cannot be undone",
      example: 'Remove MFA of John Doe on account ABC',
      irreversible: true,
      fields: [
        summary,
        { ...description, help: 'full name, employee number and relevant details of each employee' },
        employeeUrls,
        onBehalfOf,
        gdprConsent,
        irreversibleAck,
        share,
      ],
    },
    {
      id: 'suspected-fraud',
      category: 'security',
      label: 'Report suspected fraud',
      labelFr: 'Suspicion de fraude',
      description: 'a payment, an account or an access that looks fraudulent',
      example: 'Several payments to an unknown IBAN since yesterday',
      // seed 003: the fraud contact is told when fraud is suspected
      notify: ['fraud'],
      fields: [summary, description, onBehalfOf, ...tail],
    },
  ],
};

/**
 * The account contacts told by e-mail about a request of this type (seed 003): the type's own `notify`, else its
 * category's, else none. A type the catalog no longer has routes by its category.
 */
export function contactRouting(catalog: Catalog, typeId: string, categoryId: string): ContactType[] {
  const type = findType(catalog, typeId);
  if (type?.notify) return type.notify;
  return catalog.categories.find((c) => c.id === categoryId)?.notify ?? [];
}

/** Fields kept on the ticket itself or as its first message, not among the type's extra values. */
export const COMMON_FIELDS = ['summary', 'description', 'onBehalfOf', 'attachments'] as const;

export function findType(catalog: Catalog, id: string): RequestType | undefined {
  return catalog.types.find((t) => t.id === id);
}

/** "endpoint-url" and "endpoint_url" name the field "endpointUrl". */
export function normaliseFieldId(id: string): string {
  return id.trim().replace(/[-_](\w)/g, (_, c: string) => c.toUpperCase());
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'on', 'oui']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off', 'non']);

/** Turns text (a flag, a prompt answer) into the value a field holds; list fields split on commas. */
export function parseFieldText(field: FieldSpec, text: string): FieldValue {
  if (field.kind === 'boolean') {
    const t = text.trim().toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    return text; // left for validation to report
  }
  if (field.kind === 'urls' || field.kind === 'attachments')
    return text
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (field.kind === 'multichoice')
    return text
      .split(',')
      .map((s) => choiceValue(field, s))
      .filter(Boolean);
  if (field.kind === 'choice') return choiceValue(field, text);
  return field.kind === 'longtext' ? text.replace(/\s+$/, '') : text.trim();
}

/** The choice a text names, whatever its case ("HIGH" is "high"; "web portal" is "Web portal"). */
function choiceValue(field: FieldSpec, text: string): string {
  const wanted = text.trim().toLowerCase();
  // one that is none stays as typed, for the error message
  return field.choices?.find((c) => c.value.toLowerCase() === wanted)?.value ?? text.trim();
}

/** A helpdesk's pattern as a regular expression; undefined when this engine cannot read it (not ours to enforce then: the helpdesk checks it). */
export function fieldPattern(field: Pick<FieldSpec, 'pattern'>): RegExp | undefined {
  if (!field.pattern) return undefined;
  try {
    return new RegExp(field.pattern, 'u');
  } catch {
    return undefined;
  }
}

function urlProblem(value: string): string | undefined {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return undefined;
  } catch {
    /* fall through */
  }
  return `not an http(s) URL: "${value.slice(0, 80)}"`;
}

export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Why one value does not fit its field, or undefined. Missing values are the caller's business. */
export function valueProblem(field: FieldSpec, value: FieldValue, now = new Date()): string | undefined {
  switch (field.kind) {
    case 'text':
    case 'longtext':
    case 'email':
    case 'url':
    case 'date':
    case 'number':
    case 'choice': {
      if (typeof value !== 'string') return 'expected text';
      const max = field.maxLength ?? (field.kind === 'longtext' ? 20000 : 500);
      if (value.length > max) return `at most ${max} characters (got ${value.length})`;
      // every kind but longtext is one line: a URL parser would silently drop a newline, for instance
      if (field.kind !== 'longtext') {
        const problem = oneLineProblem(value);
        if (problem) return problem;
      }
      if (field.kind === 'email') return emailProblem(value);
      if (field.kind === 'url') return urlProblem(value);
      if (field.kind === 'date') {
        if (
          !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
          Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
          new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
        ) {
          return `expected a date as YYYY-MM-DD, e.g. ${today(now)}`;
        }
        if (field.future && value < today(now)) return `a date from today (${today(now)}) on`;
      }
      if (field.kind === 'choice' && !field.choices?.some((c) => c.value === value)) {
        return `one of ${field.choices?.map((c) => c.value).join(', ')}`;
      }
      if (field.kind === 'number' && field.integer && !/^-?\d+$/.test(value.trim()))
        return `expected a whole number, e.g. 12, got "${value.slice(0, 40)}"`;
      if (field.kind === 'number' && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim()))
        return `expected a number, e.g. 12 or 2.5`;
      const pattern = fieldPattern(field);
      if (pattern && !pattern.test(value)) {
        if (field.patternHint) return `expected ${field.patternHint}`;
        return `does not have the expected form${field.help ? ` (${field.help})` : ''}: must match ${field.pattern}`;
      }
      return undefined;
    }
    case 'multichoice': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return 'expected a list of choices';
      const unknown = value.filter((v) => !field.choices?.some((c) => c.value === v));
      if (unknown.length) return `${unknown.join(', ')}: not among ${field.choices?.map((c) => c.value).join(', ')}`;
      return undefined;
    }
    case 'boolean':
      if (typeof value !== 'boolean') return 'expected yes or no (true/false)';
      if (field.acknowledgement && value !== true) return 'must be acknowledged explicitly (true): this action cannot be undone';
      if (field.required && value !== true) return 'must be ticked (true): the form requires it';
      return undefined;
    case 'urls':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return 'expected a list of URLs';
      if (value.length > 50) return 'at most 50 URLs';
      return value.map((v) => oneLineProblem(v) ?? urlProblem(v)).find(Boolean);
    case 'attachments':
      if (!Array.isArray(value)) return 'expected a list of files';
      if (value.length > MAX_ATTACHMENTS) return `at most ${MAX_ATTACHMENTS} files`;
      return undefined;
  }
}

export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function isEmpty(v: FieldValue | undefined): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * Every problem with a request at once: unknown fields, missing required ones, bad values. `how` says how a
 * missing field is given (the CLI names its flag, the server its JSON key).
 */
export function requestProblems(
  type: RequestType,
  values: FieldValues,
  opts: { now?: Date; how?: (f: FieldSpec) => string } = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(type.fields.map((f) => f.id));
  for (const id of Object.keys(values)) {
    if (!known.has(id))
      problems.push({ field: id, message: `not a field of ${type.id}; its fields are ${type.fields.map((f) => f.id).join(', ')}` });
  }
  for (const field of type.fields) {
    const value = values[field.id];
    if (isEmpty(value)) {
      if (field.required) problems.push({ field: field.id, message: `is required${opts.how ? ` (${opts.how(field)})` : ''}` });
      continue;
    }
    const problem = valueProblem(field, value!, opts.now);
    if (problem) problems.push({ field: field.id, message: problem });
  }
  return problems;
}

/** Values with each field's default applied where none was given. */
export function withDefaults(type: RequestType, values: FieldValues): FieldValues {
  const out: FieldValues = { ...values };
  for (const f of type.fields) if (out[f.id] === undefined && f.default !== undefined) out[f.id] = f.default;
  return out;
}

/** Checks a catalog loaded from a file; every problem at once, by path. */
export function catalogProblems(data: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  /** the array at `field`, or an empty one after noting the problem */
  const list = (value: unknown, field: string): unknown[] => {
    if (Array.isArray(value)) return value;
    bad(field, 'expected an array');
    return [];
  };
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const id = /^[a-z][a-z0-9-]{0,39}$/;
  if (!obj(data)) return [{ field: '(root)', message: 'expected an object with "categories" and "types"' }];
  const categories = list(data.categories, 'categories');
  const types = list(data.types, 'types');
  const categoryIds = new Set<string>();
  categories.forEach((c: unknown, i: number) => {
    if (!obj(c)) {
      bad(`categories[${i}]`, 'expected an object');
      return;
    }
    if (typeof c.id !== 'string' || !id.test(c.id)) bad(`categories[${i}].id`, 'expected a lowercase id such as "technical"');
    else if (categoryIds.has(c.id)) bad(`categories[${i}].id`, `"${c.id}" appears twice`);
    else categoryIds.add(c.id);
    if (typeof c.label !== 'string' || !c.label) bad(`categories[${i}].label`, 'expected a label');
    notifyProblem(c.notify, `categories[${i}].notify`, bad);
  });
  const typeIds = new Set<string>();
  types.forEach((t: unknown, i: number) => {
    const at = `types[${i}]`;
    if (!obj(t)) {
      bad(at, 'expected an object');
      return;
    }
    if (typeof t.id !== 'string' || !id.test(t.id)) bad(`${at}.id`, 'expected a lowercase id such as "incident"');
    else if (typeIds.has(t.id)) bad(`${at}.id`, `"${t.id}" appears twice`);
    else typeIds.add(t.id);
    if (typeof t.category !== 'string' || !categoryIds.has(t.category))
      bad(`${at}.category`, `expected one of the categories (${[...categoryIds].join(', ')})`);
    if (typeof t.label !== 'string' || !t.label) bad(`${at}.label`, 'expected a label');
    notifyProblem(t.notify, `${at}.notify`, bad);
    const fields = list(t.fields, `${at}.fields`);
    const fieldIds = new Set<string>();
    fields.forEach((f: unknown, j: number) => {
      const fat = `${at}.fields[${j}]`;
      if (!obj(f)) {
        bad(fat, 'expected an object');
        return;
      }
      if (typeof f.id !== 'string' || !/^[a-z][A-Za-z0-9]{0,39}$/.test(f.id))
        bad(`${fat}.id`, 'expected a camelCase id such as "endpointUrl"');
      else if (fieldIds.has(f.id)) bad(`${fat}.id`, `"${f.id}" appears twice`);
      else fieldIds.add(f.id);
      if (!fieldKinds.includes(f.kind as FieldKind)) bad(`${fat}.kind`, `expected one of ${fieldKinds.join(', ')}`);
      if (typeof f.required !== 'boolean') bad(`${fat}.required`, 'expected true or false');
      if (typeof f.label !== 'string' || !f.label) bad(`${fat}.label`, 'expected a label');
      if (
        (f.kind === 'choice' || f.kind === 'multichoice') &&
        (!Array.isArray(f.choices) ||
          f.choices.length === 0 ||
          !f.choices.every((c) => obj(c) && typeof c.value === 'string' && typeof c.label === 'string'))
      ) {
        bad(`${fat}.choices`, 'a choice field needs choices: [{ "value", "label" }, …]');
      }
      if (f.acknowledgement && f.kind !== 'boolean') bad(`${fat}.acknowledgement`, 'only a boolean field can be an acknowledgement');
    });
    for (const required of ['summary', 'description'])
      if (!fieldIds.has(required)) bad(`${at}.fields`, `every type needs a "${required}" field`);
  });
  return problems;
}

/** A catalog's `notify`: absent, or a list of contact types. */
function notifyProblem(value: unknown, field: string, bad: (field: string, message: string) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !isContactType(v)))
    bad(field, `expected a list of contact types, each one of ${contactTypes.join(', ')} (an empty list tells no contact)`);
}
