// What `tix serve` says to the person who starts it, in English and French. The server's HTTP answers keep their
// English codes and messages (the CLI and the web view word them for their readers), and the last start-up
// line, "tix serve: listening on URL (database: …)", is the same in every language: scripts wait for it.
import { defineMessages } from '../core/i18n.ts';

export const t = defineMessages({
  en: {
    description: 'Run the reference support backend (SQLite by default; PostgreSQL for several instances)',
    host: 'address to listen on',
    port: 'port to listen on (0 picks a free one)',
    db: 'SQLite file, :memory:, or postgres://user@host:port/db (default: $TIX_DATABASE_URL, else $XDG_DATA_HOME/tix/tix.db)',
    demo: 'load the demo organisation (adds nothing twice)',
    seed: 'load an organisation from a JSON file',
    catalog: 'use the request-type catalog in this JSON file instead of the built-in one',
    autoCloseAfter: 'close resolved tickets after this long',
    log: 'log one line per request to stderr',
    publicUrl: 'the address people reach this server at, for ticket links (default: http://HOST:PORT)',
    smtp: 'send notification e-mails through this SMTP server: smtp://host:port (default: $TIX_SMTP_URL)',
    mailFrom: 'the sender of notification e-mails (default: tix <noreply@HOST of the public URL>)',

    badPort: '--port must be a number from 0 to 65535, got "{value}"',
    badAutoClose: '--auto-close-after: expected a duration such as 7d or 12h, got "{value}"',
    flagProblem: '{flag}: {problem}',
    badLease: 'TIX_NOTIFY_LEASE: expected a duration of at least 1s such as 30s or 2m, got "{value}"',
    mailFromWithoutSmtp: '--mail-from needs an SMTP server to send through: add --smtp smtp://host:port',
    'mailFrom.notAddress': '"{value}" is not an address; write it as support@example.com or "Support <support@example.com>"',
    portInUse: 'port {port} on {host} is already in use; pick another with --port, or --port 0 for a free one',
    cannotStart: 'cannot start: {reason}',
    passwordInDb: 'tix serve: warning: a password in --db is visible to other users of this machine; use TIX_DATABASE_URL or PGPASSWORD',
    passwordInSmtp: 'tix serve: warning: a password in --smtp is visible to other users of this machine; use TIX_SMTP_URL',

    'demo.loaded': "demo organisation loaded; every user's password is {password}",
    'demo.present': "demo organisation already present; every user's password is {password}",
    'demo.yann': 'admin of École Paris and École Lille',
    'demo.sarah': 'admin of École Lille',
    'demo.agent': 'support agent',
    'demo.eve': 'employee of École Lyon (no access to messages)',
    'demo.try': 'try: {command}',
    seedLoaded: 'seed loaded: {companies} companies, {establishments} establishments, {users} users added',
    mailThrough: 'notification e-mails go through {smtp} from {from}',
    noSmtp: 'no SMTP server (--smtp or TIX_SMTP_URL): notification e-mails wait in the outbox ({count} now)',
    linksPointAt: 'ticket links point at {url}; give --public-url the address people reach this server at',
    shuttingDown: 'tix serve: shutting down',
    // the same words in every language: scripts and the demo wait for this line
    listening: 'tix serve: listening on {url} (database: {db})',
  },
  fr: {
    description: 'Lancer le serveur de support de référence (SQLite par défaut ; PostgreSQL pour plusieurs instances)',
    host: 'adresse sur laquelle écouter',
    port: 'port sur lequel écouter (0 en choisit un libre)',
    db: 'fichier SQLite, :memory:, ou postgres://user@hôte:port/base (par défaut : $TIX_DATABASE_URL, sinon $XDG_DATA_HOME/tix/tix.db)',
    demo: "charger l'organisation de démonstration (n'ajoute rien deux fois)",
    seed: 'charger une organisation depuis un fichier JSON',
    catalog: 'utiliser le catalogue de types de demande de ce fichier JSON au lieu du catalogue intégré',
    autoCloseAfter: 'clôturer les demandes résolues après ce délai',
    log: 'écrire une ligne par requête sur stderr',
    publicUrl: "l'adresse à laquelle on joint ce serveur, pour les liens des demandes (par défaut : http://HÔTE:PORT)",
    smtp: 'envoyer les e-mails de notification par ce serveur SMTP : smtp://hôte:port (par défaut : $TIX_SMTP_URL)',
    mailFrom: "l'expéditeur des e-mails de notification (par défaut : tix <noreply@HÔTE de l'adresse publique>)",

    badPort: '--port doit être un nombre de 0 à 65535, reçu « {value} »',
    badAutoClose: '--auto-close-after : une durée comme 7d ou 12h est attendue, reçu « {value} »',
    flagProblem: '{flag} : {problem}',
    badLease: "TIX_NOTIFY_LEASE : une durée d'au moins 1s comme 30s ou 2m est attendue, reçu « {value} »",
    mailFromWithoutSmtp: "--mail-from a besoin d'un serveur SMTP par lequel envoyer : ajoutez --smtp smtp://hôte:port",
    'mailFrom.notAddress': "« {value} » n'est pas une adresse ; écrivez-la support@example.com ou « Support <support@example.com> »",
    portInUse: 'le port {port} sur {host} est déjà pris ; choisissez-en un autre avec --port, ou --port 0 pour un port libre',
    cannotStart: 'démarrage impossible : {reason}',
    passwordInDb:
      'tix serve : attention : un mot de passe dans --db est visible des autres utilisateurs de cette machine ; utilisez TIX_DATABASE_URL ou PGPASSWORD',
    passwordInSmtp:
      'tix serve : attention : un mot de passe dans --smtp est visible des autres utilisateurs de cette machine ; utilisez TIX_SMTP_URL',

    'demo.loaded': 'organisation de démonstration chargée ; le mot de passe de chaque utilisateur est {password}',
    'demo.present': 'organisation de démonstration déjà présente ; le mot de passe de chaque utilisateur est {password}',
    'demo.yann': 'administrateur de École Paris et École Lille',
    'demo.sarah': 'administratrice de École Lille',
    'demo.agent': 'agent du support',
    'demo.eve': 'salariée de École Lyon (sans accès aux messages)',
    'demo.try': 'essayez : {command}',
    seedLoaded: 'données chargées : {companies} entreprises, {establishments} établissements, {users} utilisateurs ajoutés',
    mailThrough: 'les e-mails de notification passent par {smtp}, expéditeur {from}',
    noSmtp:
      "pas de serveur SMTP (--smtp ou TIX_SMTP_URL) : les e-mails de notification attendent dans la boîte d'envoi ({count} pour l'instant)",
    linksPointAt: "les liens des demandes pointent vers {url} ; donnez à --public-url l'adresse à laquelle on joint ce serveur",
    shuttingDown: 'tix serve : arrêt',
    listening: 'tix serve: listening on {url} (database: {db})',
  },
});
