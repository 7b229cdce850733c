// The request-type catalog: categories, types and each type's form, as data. The server owns it (and can load
// another one from a JSON file); the CLI builds its prompts, flags and checks from what the server sends, so a
// new type needs no client change. Validation lives here, shared: the CLI reports problems before sending, the
// server refuses what the CLI did not catch.
import { type ContactType, contactTypes, isContactType } from './contacts.ts';
import type { FieldProblem } from './errors.ts';
import { type Locale, type LocalText, type Localized, locales, pickText } from './i18n.ts';
import { emailProblem } from './identifiers.ts';
import { problem, t } from './messages.ts';
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
  /** what the form calls it, per language (seed 004's French labels) */
  label: Localized;
  help?: Localized;
  kind: FieldKind;
  required: boolean;
  default?: string | boolean;
  /** for kinds "choice" and "multichoice": the value sent, and what people read */
  choices?: Array<{ value: string; label: Localized }>;
  /**
   * for the one-line text kinds: a regular expression (JavaScript syntax) the value must match, as helpdesks
   * such as Request Tracker declare them; `patternHint` says in words what it wants (the helpdesk's words)
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
  label: Localized;
  description: Localized;
  example?: Localized;
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
  label: Localized;
  description: Localized;
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
  label: { en: 'Summary', fr: 'Résumé' },
  kind: 'text',
  required: true,
  maxLength: 200,
  help: { en: 'a concise title for the request', fr: 'un titre concis résumant votre demande' },
};
const description: FieldSpec = {
  id: 'description',
  label: { en: 'Description', fr: 'Description' },
  kind: 'longtext',
  required: true,
  maxLength: 20000,
  help: {
    en: 'what happens, the steps to reproduce, error messages; account or employee details when relevant',
    fr: "ce qui se passe, les étapes pour reproduire le problème, les messages d'erreur ; les informations sur le compte ou l'employé le cas échéant",
  },
};
const onBehalfOf: FieldSpec = {
  id: 'onBehalfOf',
  label: { en: 'On behalf of', fr: 'Faites cette demande au nom de' },
  kind: 'email',
  required: false,
  help: {
    en: 'the e-mail of the person this request is for; you by default',
    fr: "l'adresse e-mail de la personne pour qui vous faites cette demande ; vous par défaut",
  },
};
const attachments: FieldSpec = {
  id: 'attachments',
  label: { en: 'Attachments', fr: 'Pièces jointes' },
  kind: 'attachments',
  required: false,
  help: {
    en: 'screenshots or files that help the investigation (--attach FILE)',
    fr: "captures d'écran ou fichiers utiles à l'enquête (--attach FICHIER)",
  },
};
/** The shared fields as they are, for a provider that words only their help its own way (Request Tracker). */
export const commonFieldSpecs = { summary, description, onBehalfOf, attachments } as const;

const gdprConsent: FieldSpec = {
  id: 'gdprConsent',
  label: { en: 'GDPR consent', fr: "Consentement à la collecte et à l'utilisation des données" },
  kind: 'boolean',
  required: false,
  default: false,
  help: {
    en: 'you consent to the collection and use of the data in this request under the privacy policy (GDPR)',
    fr: "vous consentez à la collecte et à l'utilisation des données de cette demande conformément à la politique de confidentialité (RGPD)",
  },
};
const share: FieldSpec = {
  id: 'shareWithAccountManager',
  label: { en: 'Share with account manager', fr: 'Partager avec votre gestionnaire de compte' },
  kind: 'boolean',
  required: false,
  default: false,
  help: { en: 'also share the request with your account manager', fr: 'partager aussi la demande avec votre gestionnaire de compte' },
};
const businessJustification: FieldSpec = {
  id: 'businessJustification',
  label: { en: 'Business justification', fr: 'Justification commerciale' },
  kind: 'longtext',
  required: true,
  maxLength: 5000,
  help: { en: 'why this matters to the organisation', fr: "pourquoi c'est important pour l'organisation" },
};
const employeeUrls: FieldSpec = {
  id: 'employeeUrls',
  label: { en: 'Employee URLs', fr: 'URL du/des employé(s)' },
  kind: 'urls',
  required: true,
  help: {
    en: 'the URL of each employee concerned, e.g. https://app.example.com/employees/1784031',
    fr: "l'URL de chaque employé concerné, par exemple https://app.example.com/employees/1784031",
  },
};
const irreversibleAck: FieldSpec = {
  id: 'irreversibleAck',
  label: { en: 'I understand this action is irreversible', fr: 'Je comprends que cette action est irréversible' },
  kind: 'boolean',
  required: true,
  acknowledgement: true,
  help: { en: 'once done, the data cannot be restored', fr: 'une fois fait, les données ne peuvent pas être restaurées' },
};
const impactChoices = [
  { value: 'low', label: { en: 'Low: a minor inconvenience', fr: 'Faible : une gêne mineure' } },
  {
    value: 'medium',
    label: { en: 'Medium: some users or features affected', fr: 'Moyen : certains utilisateurs ou fonctionnalités sont touchés' },
  },
  { value: 'high', label: { en: 'High: a key process is blocked', fr: 'Élevé : un processus clé est bloqué' } },
  {
    value: 'critical',
    label: { en: 'Critical: the service is down for everyone', fr: 'Critique : le service est indisponible pour tous' },
  },
];
const url = (en: string, fr: string, help?: Localized): FieldSpec => ({
  id: 'url',
  label: { en, fr },
  kind: 'url',
  required: false,
  ...(help ? { help } : {}),
});

const tail = [attachments, gdprConsent, share];

export const defaultCatalog: Catalog = {
  categories: [
    {
      id: 'general',
      label: { en: 'General', fr: 'Renseignements généraux' },
      description: {
        en: 'questions, interface or translation problems, improvements',
        fr: "questions générales, problèmes d'interface ou de traduction, améliorations",
      },
    },
    {
      id: 'technical',
      label: { en: 'Technical', fr: 'Demandes techniques' },
      description: {
        en: 'API and integrations, incidents, SQL reports, product errors',
        fr: 'API et intégrations, incidents techniques, rapports SQL, erreurs du produit',
      },
      // seed 003: the technical contact receives incidents and technical alerts
      notify: ['technical'],
    },
    {
      id: 'billing',
      label: { en: 'Billing', fr: 'Facturation' },
      description: {
        en: 'invoices, VAT and billing name, subscription, payment disputes',
        fr: 'factures, TVA et nom de facturation, abonnement, contestations de paiement',
      },
      // seed 003: the accounting contact receives what concerns invoices and payments
      notify: ['accounting'],
    },
    {
      id: 'security',
      label: { en: 'Security and privacy', fr: 'Sécurité et confidentialité' },
      description: {
        en: 'sensitive requests: user deletion, MFA reset, suspected fraud',
        fr: "demandes délicates : suppression d'utilisateur, réinitialisation de la MFA, soupçon de fraude",
      },
    },
  ],
  types: [
    {
      id: 'question',
      category: 'general',
      label: { en: 'Ask a question', fr: 'Poser une question' },
      description: {
        en: 'a general question about a product, a feature or a service',
        fr: 'une question générale sur un produit, une fonctionnalité ou un service',
      },
      example: {
        en: 'How do I turn on notifications for team updates?',
        fr: "Comment puis-je activer les notifications pour les mises à jour de l'équipe ?",
      },
      fields: [summary, description, onBehalfOf, ...tail],
    },
    {
      id: 'ui-translation',
      category: 'general',
      label: { en: 'Interface or translation problem', fr: "Problèmes d'interface utilisateur ou de traduction" },
      description: { en: 'a display problem or a wrong translation', fr: "un problème d'affichage ou une erreur de traduction" },
      example: {
        en: 'The Save button overlaps other text in Spanish',
        fr: "Le bouton « Enregistrer » ne s'affiche pas correctement en espagnol",
      },
      fields: [
        summary,
        description,
        onBehalfOf,
        { ...attachments, label: { en: 'Screenshot', fr: "Fournir une capture d'écran" } },
        gdprConsent,
        share,
      ],
    },
    {
      id: 'improvement',
      category: 'general',
      label: { en: 'Suggest an improvement', fr: 'Améliorations' },
      description: { en: 'an improvement or a new feature', fr: 'une amélioration ou une nouvelle fonctionnalité' },
      example: { en: 'A dark mode would help', fr: "Il serait utile d'avoir une option de mode sombre sur la plateforme" },
      fields: [summary, { ...description, label: { en: 'Details', fr: 'Fournir des détails' } }, businessJustification, onBehalfOf, share],
    },
    {
      id: 'how-to',
      category: 'general',
      label: { en: 'How do I…', fr: 'Comprendre comment réaliser une action' },
      description: { en: 'how to do something in the product', fr: 'comment faire quelque chose dans le produit' },
      fields: [
        summary,
        description,
        onBehalfOf,
        url('Page URL', 'URL', { en: 'the page you are on', fr: 'la page où vous êtes' }),
        ...tail,
      ],
    },
    {
      id: 'document',
      category: 'general',
      label: { en: 'Request a document', fr: 'Un document' },
      description: { en: 'a certificate, an attestation or another document', fr: 'un certificat, une attestation ou un autre document' },
      fields: [
        summary,
        description,
        onBehalfOf,
        {
          id: 'desiredDate',
          label: { en: 'Needed by', fr: 'Pour quand' },
          kind: 'date',
          required: false,
          future: true,
          help: { en: 'YYYY-MM-DD', fr: 'AAAA-MM-JJ' },
        },
        ...tail,
      ],
    },
    {
      id: 'calculation',
      category: 'general',
      label: { en: 'Explain a calculation', fr: 'Une explication sur un calcul' },
      description: { en: 'how an amount was computed', fr: 'comment un montant a été calculé' },
      fields: [summary, description, onBehalfOf, ...tail],
    },
    {
      id: 'api-integration',
      category: 'technical',
      label: { en: 'API or integrations', fr: 'API ou intégrations' },
      description: {
        en: 'connectivity, data consistency or other problems with the API or an integration',
        fr: "problèmes de connectivité, de cohérence des données ou autre difficulté avec l'API ou une intégration",
      },
      example: {
        en: 'The API returns 401 when we authenticate with our token',
        fr: "L'API renvoie une erreur 401 lorsque nous essayons de nous authentifier avec notre jeton",
      },
      fields: [
        summary,
        {
          id: 'endpointUrl',
          label: { en: 'Endpoint URL', fr: 'URL du point de terminaison' },
          kind: 'url',
          required: true,
          help: { en: 'the endpoint concerned', fr: 'le point de terminaison concerné' },
        },
        { id: 'impact', label: { en: 'Impact', fr: 'Impact' }, kind: 'choice', required: true, choices: impactChoices },
        description,
        onBehalfOf,
        ...tail,
      ],
    },
    {
      id: 'incident',
      category: 'technical',
      label: { en: 'Incident', fr: 'Incidents' },
      description: {
        en: 'an unplanned event that disrupts the service; the priority is restoring it',
        fr: 'un événement imprévu qui perturbe le service ; la priorité est de le rétablir',
      },
      example: {
        en: 'Users cannot log in: "Service unavailable"',
        fr: 'Les utilisateurs ne peuvent pas se connecter : « Service indisponible »',
      },
      fields: [
        summary,
        description,
        { id: 'severity', label: { en: 'Severity', fr: 'Gravité' }, kind: 'choice', required: true, choices: impactChoices },
        url('URL', 'URL', { en: 'the page where it happens', fr: 'la page où cela se produit' }),
        onBehalfOf,
        ...tail,
      ],
    },
    {
      id: 'sql-report',
      category: 'technical',
      label: { en: 'SQL report', fr: 'Demande de rapport SQL' },
      description: { en: 'a custom report built with SQL', fr: 'un rapport personnalisé construit en SQL' },
      example: { en: 'Attendance for Q1 2024, by department', fr: 'Présence des employés au premier trimestre 2024, par service' },
      fields: [
        summary,
        description,
        {
          id: 'desiredDate',
          label: { en: 'Wanted by', fr: 'Quand souhaitez-vous que ce rapport soit disponible' },
          kind: 'date',
          required: true,
          future: true,
          help: { en: 'the latest date for the report, YYYY-MM-DD', fr: 'la date maximale pour le rapport, AAAA-MM-JJ' },
        },
        onBehalfOf,
        ...tail,
      ],
    },
    {
      id: 'product-error',
      category: 'technical',
      label: { en: 'Error or problem in the product', fr: 'Résoudre une erreur ou un problème' },
      description: { en: 'something does not work as it should', fr: 'quelque chose ne fonctionne pas comme prévu' },
      fields: [summary, description, url('URL', 'URL'), onBehalfOf, ...tail],
    },
    {
      id: 'billing-question',
      category: 'billing',
      label: { en: 'Billing question', fr: 'Questions et demandes de renseignements' },
      description: {
        en: 'where to find invoices, what an invoice line means',
        fr: "où trouver les factures, ce que signifie une ligne d'une facture",
      },
      example: { en: 'I cannot find my invoices', fr: 'Je ne trouve pas mes factures' },
      fields: [summary, description, onBehalfOf, ...tail],
    },
    {
      id: 'billing-details',
      category: 'billing',
      label: { en: 'Change VAT or billing name', fr: 'Modifier la TVA ou le nom de facturation' },
      description: {
        en: 'change the VAT number or the company name on invoices',
        fr: "changer le numéro de TVA ou le nom de l'entreprise sur les factures",
      },
      example: { en: 'Change the company name to ABC', fr: 'Changer le nom de la société ABC' },
      fields: [
        summary,
        description,
        onBehalfOf,
        {
          ...attachments,
          required: true,
          help: { en: 'a valid tax card or registration document', fr: "une carte fiscale valide ou un justificatif d'immatriculation" },
        },
        gdprConsent,
        share,
      ],
    },
    {
      id: 'subscription',
      category: 'billing',
      label: { en: 'Change my subscription', fr: 'Une modification de votre abonnement' },
      description: { en: 'upgrade, downgrade or change the subscription', fr: "changer d'offre ou modifier l'abonnement" },
      // seed 003: the commercial contact is the one for the contract and offers
      notify: ['commercial'],
      fields: [summary, description, onBehalfOf, share],
    },
    {
      id: 'payment-dispute',
      category: 'billing',
      label: { en: 'Payment dispute (chargeback)', fr: 'Contestation de paiement (chargeback)' },
      description: { en: 'a payment contested by a customer or a bank', fr: 'un paiement contesté par un client ou une banque' },
      example: {
        en: 'A customer disputed the payment of invoice F-2026-118',
        fr: 'Un client a contesté le paiement de la facture F-2026-118',
      },
      // seed 003: the chargebacks contact is told when a payment is disputed
      notify: ['chargebacks'],
      fields: [summary, description, onBehalfOf, ...tail],
    },
    {
      id: 'user-deletion',
      category: 'security',
      label: { en: 'Delete a user', fr: "Suppression d'utilisateur" },
      description: {
        en: 'permanently delete one or more employees; this cannot be undone',
        fr: 'supprimer définitivement un ou plusieurs employés ; cette action est irréversible',
      },
      example: { en: 'Delete John Doe from account ABC', fr: 'Demande de suppression de John Doe du compte ABC' },
      irreversible: true,
      fields: [
        summary,
        {
          ...description,
          help: {
            en: 'full name, employee number and relevant details of each employee to delete',
            fr: "nom complet, numéro d'employé et tout autre détail pertinent de chaque employé à supprimer",
          },
        },
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
      label: { en: 'Reset MFA', fr: 'MFA' },
      description: {
        en: "remove an employee's multi-factor authentication; this cannot be undone",
        fr: "retirer l'authentification multifacteur d'un employé ; cette action est irréversible",
      },
      example: { en: 'Remove MFA of John Doe on account ABC', fr: 'Demande de suppression de MFA John Doe du compte ABC' },
      irreversible: true,
      fields: [
        summary,
        {
          ...description,
          help: {
            en: 'full name, employee number and relevant details of each employee',
            fr: "nom complet, numéro d'employé et tout autre détail pertinent de chaque employé",
          },
        },
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
      label: { en: 'Report suspected fraud', fr: 'Suspicion de fraude' },
      description: {
        en: 'a payment, an account or an access that looks fraudulent',
        fr: 'un paiement, un compte ou un accès qui semble frauduleux',
      },
      example: { en: 'Several payments to an unknown IBAN since yesterday', fr: 'Plusieurs paiements vers un IBAN inconnu depuis hier' },
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

function urlProblem(value: string, locale: Locale): string | undefined {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return undefined;
  } catch {
    /* fall through */
  }
  return t(locale, 'value.url', { value: value.slice(0, 80) });
}

export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Why one value does not fit its field, or undefined. Missing values are the caller's business. In English by
 * default (the server's answers); the CLI asks in the reader's language.
 */
export function valueProblem(field: FieldSpec, value: FieldValue, now = new Date(), locale: Locale = 'en'): string | undefined {
  switch (field.kind) {
    case 'text':
    case 'longtext':
    case 'email':
    case 'url':
    case 'date':
    case 'number':
    case 'choice': {
      if (typeof value !== 'string') return t(locale, 'value.text');
      const max = field.maxLength ?? (field.kind === 'longtext' ? 20000 : 500);
      if (value.length > max) return t(locale, 'value.tooLong', { max: String(max), length: String(value.length) });
      // every kind but longtext is one line: a URL parser would silently drop a newline, for instance
      if (field.kind !== 'longtext') {
        const problem = oneLineProblem(value, locale);
        if (problem) return problem;
      }
      if (field.kind === 'email') return emailProblem(value, locale);
      if (field.kind === 'url') return urlProblem(value, locale);
      if (field.kind === 'date') {
        if (
          !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
          Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
          new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
        ) {
          return t(locale, 'value.date', { today: today(now) });
        }
        if (field.future && value < today(now)) return t(locale, 'value.pastDate', { today: today(now) });
      }
      if (field.kind === 'choice' && !field.choices?.some((c) => c.value === value)) {
        return t(locale, 'value.choice', { choices: field.choices?.map((c) => c.value).join(', ') ?? '' });
      }
      if (field.kind === 'number' && field.integer && !/^-?\d+$/.test(value.trim()))
        return t(locale, 'value.integer', { value: value.slice(0, 40) });
      if (field.kind === 'number' && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim())) return t(locale, 'value.number');
      const pattern = fieldPattern(field);
      if (pattern && !pattern.test(value)) {
        if (field.patternHint) return t(locale, 'value.patternHint', { hint: field.patternHint });
        return t(locale, 'value.pattern', { pattern: field.pattern ?? '', help: field.help ? ` (${pickText(field.help, locale)})` : '' });
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
      if (typeof value !== 'boolean') return t(locale, 'value.boolean');
      if (field.acknowledgement && value !== true) return t(locale, 'value.acknowledge');
      if (field.required && value !== true) return t(locale, 'value.tick');
      return undefined;
    case 'urls':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return t(locale, 'value.urls');
      if (value.length > 50) return t(locale, 'value.tooManyUrls');
      return value.map((v) => oneLineProblem(v, locale) ?? urlProblem(v, locale)).find(Boolean);
    case 'attachments':
      if (!Array.isArray(value)) return t(locale, 'value.files');
      if (value.length > MAX_ATTACHMENTS) return t(locale, 'value.tooManyFiles', { max: MAX_ATTACHMENTS });
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
 * missing field is given (the CLI names its flag, the server its JSON key). Each problem reads in English
 * (`message`) and in the reader's language (`text`).
 */
export function requestProblems(
  type: RequestType,
  values: FieldValues,
  opts: { now?: Date; how?: (f: FieldSpec) => string | LocalText } = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(type.fields.map((f) => f.id));
  for (const id of Object.keys(values)) {
    if (!known.has(id))
      problems.push(problem(id, t.text('form.unknownField', { type: type.id, fields: type.fields.map((f) => f.id).join(', ') })));
  }
  for (const field of type.fields) {
    const value = values[field.id];
    if (isEmpty(value)) {
      const how = opts.how?.(field);
      if (field.required)
        problems.push(
          problem(field.id, (l) =>
            how === undefined ? t(l, 'form.required') : t(l, 'form.requiredHow', { how: typeof how === 'string' ? how : how(l) }),
          ),
        );
      continue;
    }
    if (valueProblem(field, value!, opts.now)) problems.push(problem(field.id, (l) => valueProblem(field, value!, opts.now, l)!));
  }
  return problems;
}

/** Values with each field's default applied where none was given. */
export function withDefaults(type: RequestType, values: FieldValues): FieldValues {
  const out: FieldValues = { ...values };
  for (const f of type.fields) if (out[f.id] === undefined && f.default !== undefined) out[f.id] = f.default;
  return out;
}

/** Why a label is not text per language: `{"en": "Incident", "fr": "Incidents"}`, at least one of them. */
function localizedProblem(value: unknown): string | undefined {
  const expected = `expected a label per language, e.g. {"en": "Incident", "fr": "Incidents"} (languages: ${locales.join(', ')})`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected;
  const entries = Object.entries(value);
  if (
    entries.length === 0 ||
    entries.some(([k, v]) => !(locales as readonly string[]).includes(k) || typeof v !== 'string' || v.trim() === '')
  )
    return expected;
  return undefined;
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
    const label = localizedProblem(c.label);
    if (label) bad(`categories[${i}].label`, label);
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
    const label = localizedProblem(t.label);
    if (label) bad(`${at}.label`, label);
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
      const fieldLabel = localizedProblem(f.label);
      if (fieldLabel) bad(`${fat}.label`, fieldLabel);
      if (
        (f.kind === 'choice' || f.kind === 'multichoice') &&
        (!Array.isArray(f.choices) ||
          f.choices.length === 0 ||
          !f.choices.every((c) => obj(c) && typeof c.value === 'string' && localizedProblem(c.label) === undefined))
      ) {
        bad(`${fat}.choices`, 'a choice field needs choices: [{ "value", "label": {"en", "fr"} }, …]');
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
