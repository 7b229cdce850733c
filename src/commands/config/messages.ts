// What `tix config` says to people, in English and French. Keys and values are what people type (color never):
// they stay as they are in every language; what each key means comes with the keys (src/auth/config.ts).
import { defineMessages } from '../../core/i18n.ts';

export const t = defineMessages({
  en: {
    key: 'one of {keys}',
    value: 'the new value',
    'column.key': 'key',
    'column.value': 'value',
    'column.meaning': 'meaning',

    'get.description': 'Print a preference: its value, else its default, else nothing (exit 0)',
    'list.description': 'List the preferences and their values (a default when unset)',
    'list.json': 'print JSON, one field per key, null when unset without a default (fields: {fields})',

    'set.description': 'Set a preference in config.json (checked against its allowed values)',
    'set.badValue': '{key}: "{value}" is not a valid value; one of {values}',
    'set.oneOf': 'one of {values}',
    'set.empty': '{key}: the value cannot be empty; to go back to the default: tix config unset {key}',
    'set.done': '✓ Set {key} to {value}',
    'set.noProfile': '! there is no profile "{profile}" yet; log in to create it: tix --profile {profile} auth login',

    'unset.description': 'Remove a preference from config.json: its default applies again',
    'unset.done': '✓ Unset {key}',
    'unset.doneDefault': '✓ Unset {key} (now {default}, the default)',
  },
  fr: {
    key: 'une clé parmi {keys}',
    value: 'la nouvelle valeur',
    'column.key': 'clé',
    'column.value': 'valeur',
    'column.meaning': 'signification',

    'get.description': 'Afficher une préférence : sa valeur, sinon sa valeur par défaut, sinon rien (code de sortie 0)',
    'list.description': 'Lister les préférences et leurs valeurs (la valeur par défaut quand elles ne sont pas définies)',
    'list.json':
      'afficher en JSON, un champ par clé, null quand elle n’est pas définie et n’a pas de valeur par défaut (champs : {fields})',

    'set.description': 'Définir une préférence dans config.json (vérifiée selon ses valeurs permises)',
    'set.badValue': "{key} : « {value} » n'est pas une valeur valide ; valeurs possibles : {values}",
    'set.oneOf': 'valeurs possibles : {values}',
    'set.empty': '{key} : la valeur ne peut pas être vide ; pour revenir à la valeur par défaut : tix config unset {key}',
    'set.done': '✓ {key} vaut maintenant {value}',
    'set.noProfile': "! le profil « {profile} » n'existe pas encore ; connectez-vous pour le créer : tix --profile {profile} auth login",

    'unset.description': 'Retirer une préférence de config.json : sa valeur par défaut s’applique à nouveau',
    'unset.done': '✓ {key} retiré',
    'unset.doneDefault': '✓ {key} retiré (désormais {default}, la valeur par défaut)',
  },
});
