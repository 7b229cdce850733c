// What `tix version` says to people, in English and French (the version lines themselves are data: the same
// words in both languages, as scripts read them).
import { defineMessages } from '../core/i18n.ts';

export const t = defineMessages({
  en: {
    description: "Print tix's version, and with --server the configured server's",
    server: 'also ask the configured server for its version and API version',
    json: 'print JSON (fields: {fields})',
  },
  fr: {
    description: 'Afficher la version de tix, et avec --server celle du serveur configuré',
    server: 'demander aussi au serveur configuré sa version et celle de son API',
    json: 'afficher en JSON (champs : {fields})',
  },
});
