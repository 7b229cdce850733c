// What `tix token` says to people, in English and French. Scopes, states in piped rows and dates in JSON stay
// the API's English words.
import { defineMessages } from '../../core/i18n.ts';

export const t = defineMessages({
  en: {
    json: 'print JSON (fields: {fields})',

    'create.description': 'Create a personal access token for CI and scripts (printed once)',
    'create.name': 'what the token is for, e.g. ci-incidents',
    'create.expiresIn': 'lifetime: 30m, 12h, 90d, 6w or 1y (m minutes, h hours, d days, w weeks, y years); at most {max} days',
    'create.scope': 'what it may do: {scopes}',
    'create.exampleSecret': '# store it as the CI secret TIX_TOKEN:',
    'create.badDuration':
      '--expires-in: expected a duration such as 30m, 12h, 90d, 6w or 1y (a whole number and a unit: m minutes, h hours, d days, w weeks, y years of 365 days), got "{value}"',
    'create.tooShort': '--expires-in: "{value}" is too short: a token lives at least 1 minute (e.g. 30m)',
    'create.tooLong': '--expires-in: "{value}" is longer than the server allows: a token lives at most {max} days',
    'create.tooLongHint': 'use --expires-in {max}d (or 1y), and create a new token before this one expires',
    'create.unknownScope': '--scope: unknown {scopes}; choose from {all}',
    'create.badName': '--name: {problem}; name the token for what it is for, e.g. "ci-incidents"',
    'create.nameTooLong': 'at most {max} characters',
    'create.done': '✓ Created token {id} "{name}" ({scopes}), expires {expires}. It is shown only now: store it as a secret.',

    'list.description': 'List your personal access tokens',
    'list.none': 'No personal access tokens. Create one with: tix token create --name NAME',
    'column.id': 'id',
    'column.name': 'name',
    'column.prefix': 'prefix',
    'column.scopes': 'scopes',
    'column.state': 'state',
    'column.expires': 'expires',
    'column.lastUsed': 'last used',
    'state.active': 'active',
    'state.expired': 'expired',
    'state.revoked': 'revoked',
    never: 'never',

    'revoke.description': 'Revoke one of your personal access tokens at once',
    'revoke.id': 'token id, from tix token list',
    'revoke.idWhat': 'token id',
    'revoke.done': '✓ Revoked token {id}',
  },
  fr: {
    json: 'afficher en JSON (champs : {fields})',

    'create.description': "Créer un jeton d'accès personnel pour la CI et les scripts (affiché une seule fois)",
    'create.name': 'à quoi sert le jeton, par exemple ci-incidents',
    'create.expiresIn':
      'durée de vie : 30m, 12h, 90d, 6w ou 1y (m minutes, h heures, d ou j jours, w semaines, y années) ; {max} jours au plus',
    'create.scope': 'ce que le jeton permet : {scopes}',
    'create.exampleSecret': '# enregistrez-le comme secret TIX_TOKEN de la CI :',
    'create.badDuration':
      '--expires-in : une durée est attendue, par exemple 30m, 12h, 90d, 6w ou 1y (un nombre entier et une unité : m minutes, h heures, d ou j jours, w semaines, y années de 365 jours), reçu « {value} »',
    'create.tooShort': '--expires-in : « {value} » est trop court : un jeton vit au moins 1 minute (par exemple 30m)',
    'create.tooLong': '--expires-in : « {value} » dépasse ce que le serveur accepte : un jeton vit {max} jours au plus',
    'create.tooLongHint': "indiquez --expires-in {max}d (ou 1y), et créez un nouveau jeton avant l'expiration de celui-ci",
    'create.unknownScope': '--scope : inconnu : {scopes} ; valeurs possibles : {all}',
    'create.badName': '--name : {problem} ; nommez le jeton selon son usage, par exemple « ci-incidents »',
    'create.nameTooLong': '{max} caractères au plus',
    'create.done':
      '✓ Jeton {id} « {name} » créé ({scopes}), expire le {expires}. Il n’est affiché que maintenant : enregistrez-le comme secret.',

    'list.description': "Lister vos jetons d'accès personnels",
    'list.none': "Aucun jeton d'accès personnel. Créez-en un avec : tix token create --name NOM",
    'column.id': 'n°',
    'column.name': 'nom',
    'column.prefix': 'préfixe',
    'column.scopes': 'droits',
    'column.state': 'état',
    'column.expires': 'expiration',
    'column.lastUsed': 'dernière utilisation',
    'state.active': 'actif',
    'state.expired': 'expiré',
    'state.revoked': 'révoqué',
    never: 'jamais',

    'revoke.description': "Révoquer immédiatement l'un de vos jetons d'accès personnels",
    'revoke.id': 'numéro du jeton, donné par tix token list',
    'revoke.idWhat': 'numéro de jeton',
    'revoke.done': '✓ Jeton {id} révoqué',
  },
});
