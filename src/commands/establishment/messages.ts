// What `tix establishment` says to people, in English and French ("établissement", SIRET and SIREN as in seed 000).
import { defineMessages } from '../../core/i18n.ts';

export const t = defineMessages({
  en: {
    'list.description': 'List the establishments you administer',
    json: 'print JSON (fields: {fields})',
    'list.none': 'You administer no establishment.',
    'column.siret': 'siret',
    'column.siren': 'siren',
    'column.name': 'name',
  },
  fr: {
    'list.description': 'Lister les établissements que vous administrez',
    json: 'afficher en JSON (champs : {fields})',
    'list.none': "Vous n'administrez aucun établissement.",
    'column.siret': 'siret',
    'column.siren': 'siren',
    'column.name': 'nom',
  },
});
