// What `tix api` says to people, in English and French. The answer it prints is the helpdesk's, as sent.
import { defineMessages } from '../core/i18n.ts';

export const t = defineMessages({
  en: {
    description: "Make an authenticated request to the helpdesk's API and print the answer (JSON pretty-printed on a terminal)",
    path: 'a path under the API base (/api/v1 on tix serve), e.g. tickets/42 (a leading /api/v1 is accepted)',
    method: 'HTTP method (default: GET, or POST with --field or --input unless --paginate)',
    field:
      'a parameter (repeatable): a JSON body field, or a query parameter for GET and with --input; true, false, null and numbers become JSON values',
    header: 'an HTTP header, "Name: value" (repeatable)',
    input: 'the request body, sent as is, from a file or - for standard input',
    paginate: 'follow nextCursor and print the items of every page as one JSON array (GET)',
    include: 'print the status line and the response headers to stderr',
    badPair: '{flag}: expected {example}, got "{value}"',
    otherServer: 'PATH: {url} is not an API URL of the configured server {server}; give a path under {basePath}, e.g. tickets/42',
    badMethod: '--method: expected an HTTP method such as {methods}, got "{value}"',
    paginateGetOnly: '--paginate follows the pages of a GET; it cannot be combined with another method',
    notAPage: '--paginate: {path} does not answer with a page ({"items": [...], "nextCursor": ...})',
  },
  fr: {
    description:
      "Envoyer une requête authentifiée à l'API de l'outil de support et afficher la réponse (JSON mis en forme sur un terminal)",
    path: "un chemin sous la base de l'API (/api/v1 sur tix serve), par exemple tickets/42 (un /api/v1 en tête est accepté)",
    method: 'méthode HTTP (par défaut : GET, ou POST avec --field ou --input sauf avec --paginate)',
    field:
      "un paramètre (répétable) : un champ du corps JSON, ou un paramètre d'URL pour GET et avec --input ; true, false, null et les nombres deviennent des valeurs JSON",
    header: 'un en-tête HTTP, « Nom: valeur » (répétable)',
    input: "le corps de la requête, envoyé tel quel, depuis un fichier ou - pour l'entrée standard",
    paginate: 'suivre nextCursor et afficher les éléments de toutes les pages en un seul tableau JSON (GET)',
    include: "afficher la ligne d'état et les en-têtes de la réponse sur stderr",
    badPair: '{flag} : {example} est attendu, reçu « {value} »',
    otherServer:
      "PATH : {url} n'est pas une adresse de l'API du serveur configuré {server} ; donnez un chemin sous {basePath}, par exemple tickets/42",
    badMethod: '--method : une méthode HTTP comme {methods} est attendue, reçu « {value} »',
    paginateGetOnly: "--paginate suit les pages d'un GET ; il ne va pas avec une autre méthode",
    notAPage: '--paginate : {path} ne répond pas par une page ({"items": [...], "nextCursor": ...})',
  },
});
