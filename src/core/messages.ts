// What the kernel says to people: why a value is refused (shared by the CLI, which speaks the reader's language,
// and the server, whose API answers in English), what each contact type and status category means. The French
// reads like the seeds: "adresse e-mail", "établissement", "au format international" (seed 003).
import { defineMessages, type Locale, type LocalText } from './i18n.ts';
import type { FieldProblem } from './errors.ts';

export const t = defineMessages({
  en: {
    // one line of plain text (src/core/text.ts)
    'text.blank': 'is blank: give some text (spaces alone do not count)',
    'text.control': 'must be one line of plain text: it contains a control character ({code}) at position {position}; remove it',
    'text.override':
      'must be one line of plain text: it contains a right-to-left/left-to-right override ({code}) at position {position}; remove it',

    // where a JSON text stops being JSON (JSON.parse's own words are V8's, in English)
    'json.at': 'line {line}, column {column}',
    'json.token': "unexpected '{token}'",
    'json.end': 'the text ends before the JSON does',
    'json.other': 'check its brackets, commas and quotes',

    // identifiers (seed 000)
    'siren.format': 'a SIREN is exactly 9 digits, e.g. 732829320',
    'siren.luhn': 'this SIREN fails its check digit (Luhn); check for a typo',
    'siret.format': 'a SIRET is exactly 14 digits (SIREN + 5-digit NIC), e.g. 73282932000074',
    'siret.luhn': 'this SIRET fails its check digit (Luhn); check for a typo',
    'email.invalid': 'not a valid e-mail address, e.g. support@example.com',

    // request forms (src/core/catalog.ts)
    'value.text': 'expected text',
    'value.tooLong': 'at most {max} characters (got {length})',
    'value.url': 'not an http(s) URL: "{value}"',
    'value.date': 'expected a date as YYYY-MM-DD, e.g. {today}',
    'value.pastDate': 'a date from today ({today}) on',
    'value.choice': 'one of {choices}',
    'value.boolean': 'expected yes or no (true/false)',
    'value.acknowledge': 'must be acknowledged explicitly (true): this action cannot be undone',
    'value.tick': 'must be ticked (true): the form requires it',
    'value.integer': 'expected a whole number, e.g. 12, got "{value}"',
    'value.number': 'expected a number, e.g. 12 or 2.5',
    'value.patternHint': 'expected {hint}',
    'value.pattern': 'does not have the expected form{help}: must match {pattern}',
    'value.urls': 'expected a list of URLs',
    'value.tooManyUrls': 'at most 50 URLs',
    'value.files': 'expected a list of files',
    'value.tooManyFiles': 'at most {max} files',
    'form.unknownField': 'not a field of {type}; its fields are {fields}',
    'form.required': 'is required',
    'form.requiredHow': 'is required ({how})',

    // contacts (seed 003)
    'contactType.commercial': 'the contract, offers and the business relationship',
    'contactType.accounting': 'invoices and everything about accounting and payments',
    'contactType.technical': 'transaction status, payment failures and technical alerts',
    'contactType.fraud': 'told when fraud is suspected',
    'contactType.chargebacks': 'told when a payment is disputed (chargeback)',
    'contact.unknownType': 'unknown contact type "{value}"; one of {types}',
    'contact.nameRequired': 'is required: who this contact is, e.g. "Ops team" or "Marie Dupont"',
    'contact.nameTooLong': 'at most {max} characters',
    'contact.badEmail': '"{email}": {problem}',
    'contact.noEmail': 'at least one e-mail address is required (a group address such as technique@example.com is fine)',
    'contact.tooManyEmails': 'at most {max} addresses per contact (got {count}); use a group or distribution address for a team',
    'contactFile.shape':
      'expected {"contacts": [{"type": "technical", "name": "…", "emails": ["…"], "phone": "+33…"}]} or a bare array of contacts',
    'contactFile.array': 'expected an array of contacts',
    'contactFile.tooMany': 'at most {max} contacts (got {count})',
    'contactFile.entry': 'expected an object with type, name, emails and optionally phone',
    'contactFile.unknownKey': 'unknown key; allowed: {keys}',
    'contactFile.required': 'is required',
    'contactFile.string': 'expected a string',
    'contactFile.emailsRequired': 'is required: an array of e-mail addresses, e.g. ["ops@example.com"]',
    'contactFile.emailsArray': 'expected an array of e-mail addresses, e.g. ["ops@example.com"]',
    'contactFile.phone': 'expected a string in international form, e.g. "+33 6 12 34 56 78", or null',
    'contactFile.twice': '"{name}" is listed twice among the {type} contacts (also {first}); a contact is known by its type and name',

    // phone numbers (seed 003: "au format +indicatif")
    'phone.empty': 'is empty; write it in international form, e.g. {example}, or leave it out',
    'phone.notPhone': '"{value}" is not a phone number; write it in international form, e.g. {example}',
    'phone.noCountry': '"{value}" has no country code; write it in international form, e.g. {example}',
    'phone.invalid': '"{value}" is not a valid phone number; check the country code and the digits, e.g. {example}',

    // status categories, the same on every helpdesk
    'category.new': 'nobody has answered yet',
    'category.open': "support's turn",
    'category.waiting': 'waiting on the customer',
    'category.resolved': 'done; may still be reopened',
    'category.closed': 'final',
  },
  fr: {
    'text.blank': 'est vide : saisissez du texte (des espaces seuls ne comptent pas)',
    'text.control':
      'doit tenir sur une ligne de texte simple : il contient un caractère de contrôle ({code}) en position {position} ; supprimez-le',
    'text.override':
      "doit tenir sur une ligne de texte simple : il contient un forçage du sens d'écriture ({code}) en position {position} ; supprimez-le",
    'json.at': 'ligne {line}, colonne {column}',
    'json.token': '« {token} » inattendu',
    'json.end': "le texte s'arrête avant la fin du JSON",
    'json.other': 'vérifiez ses crochets, virgules et guillemets',

    'siren.format': 'un SIREN compte exactement 9 chiffres, par exemple 732829320',
    'siren.luhn': 'ce SIREN a une clé de contrôle fausse (Luhn) : vérifiez la saisie',
    'siret.format': 'un SIRET compte exactement 14 chiffres (SIREN + NIC à 5 chiffres), par exemple 73282932000074',
    'siret.luhn': 'ce SIRET a une clé de contrôle fausse (Luhn) : vérifiez la saisie',
    'email.invalid': "ce n'est pas une adresse e-mail valide, par exemple support@example.com",

    'value.text': 'un texte est attendu',
    'value.tooLong': '{max} caractères au plus ({length} saisis)',
    'value.url': "ce n'est pas une URL http(s) : « {value} »",
    'value.date': 'une date au format AAAA-MM-JJ est attendue, par exemple {today}',
    'value.pastDate': "une date à partir d'aujourd'hui ({today})",
    'value.choice': "l'une des valeurs {choices}",
    'value.boolean': 'oui ou non attendu (true/false)',
    'value.acknowledge': 'doit être confirmé explicitement (true) : cette action est irréversible',
    'value.tick': "doit être coché (true) : le formulaire l'exige",
    'value.integer': 'un nombre entier est attendu, par exemple 12 ; reçu « {value} »',
    'value.number': 'un nombre est attendu, par exemple 12 ou 2,5',
    'value.patternHint': 'attendu : {hint}',
    'value.pattern': "n'a pas la forme attendue{help} : doit correspondre à {pattern}",
    'value.urls': "une liste d'URL est attendue",
    'value.tooManyUrls': '50 URL au plus',
    'value.files': 'une liste de fichiers est attendue',
    'value.tooManyFiles': '{max} fichiers au plus',
    'form.unknownField': "n'est pas un champ de {type} ; ses champs sont {fields}",
    'form.required': 'est obligatoire',
    'form.requiredHow': 'est obligatoire ({how})',

    'contactType.commercial': 'le contrat, les offres et la relation commerciale',
    'contactType.accounting': 'les factures et tout ce qui concerne la comptabilité et les paiements',
    'contactType.technical': 'le statut des transactions, les échecs de paiement et les alertes techniques',
    'contactType.fraud': 'informé en cas de suspicion de fraude',
    'contactType.chargebacks': 'informé en cas de contestation de paiement (chargeback)',
    'contact.unknownType': 'type de contact inconnu « {value} » ; types possibles : {types}',
    'contact.nameRequired': 'est obligatoire : qui est ce contact, par exemple « Équipe technique » ou « Marie Dupont »',
    'contact.nameTooLong': '{max} caractères au plus',
    'contact.badEmail': '« {email} » : {problem}',
    'contact.noEmail': 'au moins une adresse e-mail est obligatoire (une adresse de groupe comme technique@example.com convient)',
    'contact.tooManyEmails':
      '{max} adresses au plus par contact ({count} saisies) ; pour une équipe, utilisez une adresse de groupe ou de distribution',
    'contactFile.shape':
      'attendu : {"contacts": [{"type": "technical", "name": "…", "emails": ["…"], "phone": "+33…"}]} ou un tableau de contacts',
    'contactFile.array': 'un tableau de contacts est attendu',
    'contactFile.tooMany': '{max} contacts au plus ({count} dans le fichier)',
    'contactFile.entry': 'un objet est attendu, avec type, name, emails et éventuellement phone',
    'contactFile.unknownKey': 'clé inconnue ; clés possibles : {keys}',
    'contactFile.required': 'est obligatoire',
    'contactFile.string': 'une chaîne de caractères est attendue',
    'contactFile.emailsRequired': 'est obligatoire : un tableau d\'adresses e-mail, par exemple ["ops@example.com"]',
    'contactFile.emailsArray': 'un tableau d\'adresses e-mail est attendu, par exemple ["ops@example.com"]',
    'contactFile.phone': 'une chaîne au format international est attendue, par exemple "+33 6 12 34 56 78", ou null',
    'contactFile.twice':
      '« {name} » figure deux fois parmi les contacts {type} (aussi en {first}) ; un contact se reconnaît à son type et à son nom',

    'phone.empty': 'est vide : écrivez-le au format international, par exemple {example}, ou ne le donnez pas',
    'phone.notPhone': "« {value} » n'est pas un numéro de téléphone : écrivez-le au format international, par exemple {example}",
    'phone.noCountry': "« {value} » n'a pas d'indicatif pays : écrivez-le au format international, par exemple {example}",
    'phone.invalid': "« {value} » n'est pas un numéro valide : vérifiez l'indicatif et les chiffres, par exemple {example}",

    'category.new': "personne n'a encore répondu",
    'category.open': 'au tour du support',
    'category.waiting': 'en attente du client',
    'category.resolved': 'terminé ; peut encore être rouvert',
    'category.closed': 'définitif',
  },
});

/**
 * A problem with one field, readable in every language: `message` is the English text (the server's answer,
 * the JSON error line), `text` renders it in the reader's language. `text` is not enumerable, so JSON and
 * comparisons see `{field, message}` only.
 */
export function problem(field: string, text: LocalText): FieldProblem {
  const p: FieldProblem = { field, message: text('en') };
  Object.defineProperty(p, 'text', { value: text, enumerable: false });
  return p;
}

/** A problem's text for a reader (problems from a server have their English text only). */
export function problemText(p: FieldProblem, locale: Locale): string {
  return p.text?.(locale) ?? p.message;
}

/**
 * Where a text given as JSON stops being JSON, in the reader's words, from JSON.parse's error (whose message is
 * V8's English): the line and column when it tells the position, else the unexpected character, else a hint.
 */
export function jsonErrorText(err: unknown, text: string): LocalText {
  const message = err instanceof Error ? err.message : String(err);
  const at = /at position (\d+)/.exec(message);
  if (at) {
    // at the very end: the text stops before the JSON does (a bracket or a quote never closed)
    if (Number(at[1]) >= text.trimEnd().length) return (l) => t(l, 'json.end');
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return (l) => t(l, 'json.at', { line, column });
  }
  const token = /Unexpected token '(.+?)'/.exec(message)?.[1];
  if (token) return (l) => t(l, 'json.token', { token });
  if (/end of JSON input/.test(message)) return (l) => t(l, 'json.end');
  return (l) => t(l, 'json.other');
}
