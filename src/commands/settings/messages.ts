// What `tix settings` says to people, in English and French. Setting names and values are what people type
// (mark-read on-open): they stay as they are in every language, like the JSON.
import { defineMessages } from '../../core/i18n.ts';

export const t = defineMessages({
  en: {
    'list.description': "Show your organisation's settings",
    'list.company': "the company's SIREN (support agents)",
    'list.json': 'print JSON (fields: {fields})',
    'list.title': 'Settings of {company} (SIREN {siren})',
    'list.companyRequired': '--company is required for support agents: the SIREN of the company (tix settings list --company SIREN)',
    'column.setting': 'setting',
    'column.value': 'value',
    'column.meaning': 'meaning',
    'meaning.mark-read': 'manual: only tix ticket read clears unread messages; on-open: viewing a ticket does',
    'meaning.language': "the language of the notification e-mails the company's account contacts receive",

    'set.description': "Change an organisation setting (the company's administrators)",
    'set.setting': 'the setting: {settings}',
    'set.value': 'the new value',
    'set.unknown': 'unknown setting "{key}"; settings: {settings}',
    'set.badValue': '{setting}: expected {values}, got "{value}"',
    'set.done': '✓ {setting} is now {value} for {company}',
  },
  fr: {
    'list.description': 'Afficher les paramètres de votre organisation',
    'list.company': "le SIREN de l'entreprise (agents du support)",
    'list.json': 'afficher en JSON (champs : {fields})',
    'list.title': 'Paramètres de {company} (SIREN {siren})',
    'list.companyRequired':
      "--company est obligatoire pour les agents du support : le SIREN de l'entreprise (tix settings list --company SIREN)",
    'column.setting': 'paramètre',
    'column.value': 'valeur',
    'column.meaning': 'signification',
    'meaning.mark-read': 'manual : seul tix ticket read marque les messages comme lus ; on-open : consulter une demande suffit',
    'meaning.language': "la langue des e-mails de notification que reçoivent les contacts du compte de l'entreprise",

    'set.description': "Modifier un paramètre de l'organisation (administrateurs de l'entreprise)",
    'set.setting': 'le paramètre : {settings}',
    'set.value': 'la nouvelle valeur',
    'set.unknown': 'paramètre inconnu « {key} » ; paramètres : {settings}',
    'set.badValue': '{setting} : {values} attendu, reçu « {value} »',
    'set.done': '✓ {setting} vaut maintenant {value} pour {company}',
  },
});
