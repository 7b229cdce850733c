// What `tix auth login|logout|status|token` say to people, in English and French. (A provider's own words, such
// as the description of its login options or the notes of its profile checks, come from the provider.)
import { defineMessages, type Locale } from '../../core/i18n.ts';

export const t = defineMessages({
  en: {
    'login.description': 'Log in to a helpdesk (tix serve by default) and keep the token in the OS keychain',
    'login.provider': "the helpdesk behind the server: {providers} (default: the profile's, else tix)",
    'login.server': "server URL (default: the profile's, else http://127.0.0.1:8787)",
    'login.email': 'account e-mail',
    'login.passwordStdin': 'read the password from standard input',
    'login.withToken': 'read a token (e.g. a personal access token) from standard input instead of logging in with a password',
    'login.insecureStorage': 'store the token in a plain-text file (mode 0600) instead of the OS keychain',
    'login.providerOption': '{description} ({providers}; kept in the profile; {env} overrides it)',
    'login.example.otherHelpdesk': 'another helpdesk: the profile remembers which',
    'login.example.jira': 'Jira Service Management Cloud: your e-mail and an API token; Data Center: a personal access token alone',
    'login.example.noKeychain': 'no keychain on this machine (a container, a CI runner): opt in to a 0600 file',

    'login.prompt.server': 'Server URL',
    'login.prompt.email': 'E-mail',
    'login.prompt.password': 'Password',

    'login.stdinAndToken': '--password-stdin and --with-token cannot be combined: choose one way to log in',
    'login.passwordOnly': '--with-token: {provider} logs in with an e-mail and password: use --email and --password-stdin',
    'login.tokenOnly': '{provider} logs in with a token: pipe it to tix auth login --provider {name} --with-token',
    'login.noPasswordLogin': '{provider} cannot log in with a password: use --with-token',
    'login.serverFlag': '--server: {problem}',
    'login.server.scheme': 'expected a URL with its scheme, e.g. http://{example}',
    'login.server.protocol': 'expected an http:// or https:// URL, got "{value}"',
    'login.server.credentials':
      'put no user name or password in the server URL: tix logs in with --email and a password or token on standard input',
    'login.server.invalid': 'expected a URL such as http://127.0.0.1:8787, got "{value}"',
    'login.noToken': '--with-token: no token on standard input',
    'login.missing.email': 'the account e-mail is required',
    'login.missing.password': 'pipe the password on standard input (or use --with-token)',
    'login.noTerminal': 'cannot log in without a terminal to prompt on',
    'login.emptyStdin': '--password-stdin: standard input was empty',
    'login.cannotStore': 'could not store the token: {reason}',
    'login.optionOfOther': '--{flag}: {provider} (provider {name}) takes no --{flag}',
    'login.optionEmpty': '--{flag}: expected a value',

    // a login refused, each case for what it is
    'login.wrong': 'wrong e-mail or password',
    'login.wrong.again': {
      one: '✗ wrong e-mail or password for {email}; type the password again ({count} try left)',
      other: '✗ wrong e-mail or password for {email}; type the password again ({count} tries left)',
    },
    'login.wrong.hint.stdin': 'check the e-mail (--email {email}) and the password given on standard input',
    'login.wrong.hint.prompt': 'check the e-mail ({email}) and the password; an administrator of your account can reset it',
    'login.tokenRefused': 'the server did not accept this token ({reason})',
    'login.tokenRefused.hint': 'check the token given on standard input; tix token create makes a new one from a logged-in session',
    'login.lockedOut': 'too many failed logins: wait {wait}, then log in again',
    'login.lockedOut.hint': 'the server refuses logins for this account (or this address) for a while after several wrong passwords',
    'login.busy': 'the server is busy and did not check the password ({message})',
    'login.busy.retryAfter': 'the server is busy and did not check the password ({message}); it asks to wait {wait}',
    'login.busy.hint': 'nothing was stored; log in again in a moment',

    'login.done': '✓ Logged in to {server} ({provider}) as {name} <{email}> ({role})',
    'login.plainText': '! The token is stored in plain text in {path} (mode 0600). Anyone who can read that file can act as you.',
    'login.keychain': '✓ Token stored in the OS keychain',

    'logout.description': 'Revoke the session on the server and forget the stored token',
    'logout.fromEnv':
      'the token comes from TIX_TOKEN, which tix cannot forget; unset TIX_TOKEN (and revoke it with tix token revoke ID if it leaked)',
    'logout.notRevoked': '! could not revoke the token on {server}: {reason}',
    'logout.done': '✓ Logged out of {server}',
    'logout.doneAs': '✓ Logged out of {server} ({email})',
    'logout.notLoggedIn': 'not logged in to {server} (profile {profile}): nothing to log out of',

    'status.description': 'Show the server and its provider, the account, establishments and where the token comes from',
    'status.json': 'print JSON (fields: {fields})',
    'status.rejected': '{server}: the token from {source} was rejected: {reason}',
    'status.rejected.hint': 'log in again: tix auth login',
    'status.server': '{server} (profile {profile}, provider {provider}: {providerName})',
    'status.loggedIn': '✓ Logged in as {name} <{email}>, {role}',
    'status.loggedInAt': '✓ Logged in as {name} <{email}>, {role} at {company} (SIREN {siren})',
    'status.establishments': 'Establishments: {list}',
    'status.token.pat': 'Token: personal access token "{name}" from {source}, expires {expires}',
    'status.token.session': 'Token: session from {source}, expires {expires}',
    'status.token.unknown': 'Token: from {source}',
    'status.scopes': 'Scopes: {scopes}',
    'status.scopes.all': 'all',
    'role.admin': 'admin',
    'role.agent': 'agent',
    'role.employee': 'employee',
    'role.customer': 'customer',
    'source.env': 'TIX_TOKEN',
    'source.keychain': 'the OS keychain',
    'source.file': 'the plain-text credentials file',

    'token.description': 'Print the token tix uses, for scripts',
    'token.example.curl': 'use it with another tool:',
  },
  fr: {
    'login.description': 'Se connecter à un outil de support (tix serve par défaut) et garder le jeton dans le trousseau du système',
    'login.provider': "l'outil de support derrière le serveur : {providers} (par défaut : celui du profil, sinon tix)",
    'login.server': 'adresse du serveur (par défaut : celle du profil, sinon http://127.0.0.1:8787)',
    'login.email': 'adresse e-mail du compte',
    'login.passwordStdin': "lire le mot de passe sur l'entrée standard",
    'login.withToken':
      "lire un jeton (par exemple un jeton d'accès personnel) sur l'entrée standard au lieu de se connecter avec un mot de passe",
    'login.insecureStorage': 'garder le jeton dans un fichier en clair (mode 0600) au lieu du trousseau du système',
    'login.providerOption': '{description} ({providers} ; gardé dans le profil ; {env} le remplace)',
    'login.example.otherHelpdesk': 'un autre outil de support : le profil retient lequel',
    'login.example.jira': "Jira Service Management Cloud : votre e-mail et un jeton d'API ; Data Center : un jeton d'accès personnel seul",
    'login.example.noKeychain': 'pas de trousseau sur cette machine (un conteneur, un exécuteur de CI) : choisissez un fichier 0600',

    'login.prompt.server': 'Adresse du serveur',
    'login.prompt.email': 'E-mail',
    'login.prompt.password': 'Mot de passe',

    'login.stdinAndToken': '--password-stdin et --with-token ne vont pas ensemble : choisissez une façon de vous connecter',
    'login.passwordOnly': '--with-token : {provider} se connecte avec un e-mail et un mot de passe : utilisez --email et --password-stdin',
    'login.tokenOnly': '{provider} se connecte avec un jeton : passez-le à tix auth login --provider {name} --with-token',
    'login.noPasswordLogin': '{provider} ne se connecte pas avec un mot de passe : utilisez --with-token',
    'login.serverFlag': '--server : {problem}',
    'login.server.scheme': 'une adresse avec son protocole est attendue, par exemple http://{example}',
    'login.server.protocol': 'une adresse http:// ou https:// est attendue, reçu « {value} »',
    'login.server.credentials':
      "ne mettez ni nom d'utilisateur ni mot de passe dans l'adresse du serveur : tix se connecte avec --email et un mot de passe ou un jeton sur l'entrée standard",
    'login.server.invalid': 'une adresse comme http://127.0.0.1:8787 est attendue, reçu « {value} »',
    'login.noToken': "--with-token : aucun jeton sur l'entrée standard",
    'login.missing.email': "l'adresse e-mail du compte est obligatoire",
    'login.missing.password': "passez le mot de passe sur l'entrée standard (ou utilisez --with-token)",
    'login.noTerminal': 'impossible de se connecter sans terminal pour poser les questions',
    'login.emptyStdin': "--password-stdin : l'entrée standard était vide",
    'login.cannotStore': "impossible d'enregistrer le jeton : {reason}",
    'login.optionOfOther': "--{flag} : {provider} (fournisseur {name}) ne prend pas d'option --{flag}",
    'login.optionEmpty': '--{flag} : une valeur est attendue',

    'login.wrong': 'adresse e-mail ou mot de passe incorrect',
    'login.wrong.again': {
      one: '✗ adresse e-mail ou mot de passe incorrect pour {email} ; retapez le mot de passe ({count} essai restant)',
      other: '✗ adresse e-mail ou mot de passe incorrect pour {email} ; retapez le mot de passe ({count} essais restants)',
    },
    'login.wrong.hint.stdin': "vérifiez l'adresse e-mail (--email {email}) et le mot de passe passé sur l'entrée standard",
    'login.wrong.hint.prompt':
      "vérifiez l'adresse e-mail ({email}) et le mot de passe ; un administrateur de votre compte peut le réinitialiser",
    'login.tokenRefused': "le serveur n'a pas accepté ce jeton ({reason})",
    'login.tokenRefused.hint':
      "vérifiez le jeton passé sur l'entrée standard ; tix token create en crée un nouveau depuis une session connectée",
    'login.lockedOut': 'trop de connexions échouées : attendez {wait}, puis reconnectez-vous',
    'login.lockedOut.hint':
      'après plusieurs mauvais mots de passe, le serveur refuse un moment les connexions de ce compte (ou de cette adresse)',
    'login.busy': "le serveur est occupé et n'a pas vérifié le mot de passe ({message})",
    'login.busy.retryAfter': "le serveur est occupé et n'a pas vérifié le mot de passe ({message}) ; il demande d'attendre {wait}",
    'login.busy.hint': "rien n'a été enregistré ; reconnectez-vous dans un moment",

    'login.done': '✓ Connecté à {server} ({provider}) en tant que {name} <{email}> ({role})',
    'login.plainText': '! Le jeton est enregistré en clair dans {path} (mode 0600). Quiconque peut lire ce fichier peut agir en votre nom.',
    'login.keychain': '✓ Jeton enregistré dans le trousseau du système',

    'logout.description': 'Révoquer la session sur le serveur et oublier le jeton enregistré',
    'logout.fromEnv':
      "le jeton vient de TIX_TOKEN, que tix ne peut pas oublier ; supprimez TIX_TOKEN (et révoquez-le avec tix token revoke ID s'il a fuité)",
    'logout.notRevoked': '! impossible de révoquer le jeton sur {server} : {reason}',
    'logout.done': '✓ Déconnecté de {server}',
    'logout.doneAs': '✓ Déconnecté de {server} ({email})',
    'logout.notLoggedIn': "vous n'êtes pas connecté à {server} (profil {profile}) : rien à déconnecter",

    'status.description': "Afficher le serveur et son fournisseur, le compte, les établissements et l'origine du jeton",
    'status.json': 'afficher en JSON (champs : {fields})',
    'status.rejected': '{server} : le jeton venant {source} a été refusé : {reason}',
    'status.rejected.hint': 'reconnectez-vous : tix auth login',
    'status.server': '{server} (profil {profile}, fournisseur {provider} : {providerName})',
    'status.loggedIn': '✓ Connecté en tant que {name} <{email}>, {role}',
    'status.loggedInAt': '✓ Connecté en tant que {name} <{email}>, {role} chez {company} (SIREN {siren})',
    'status.establishments': 'Établissements : {list}',
    'status.token.pat': "Jeton : jeton d'accès personnel « {name} » venant {source}, expire le {expires}",
    'status.token.session': 'Jeton : session venant {source}, expire le {expires}',
    'status.token.unknown': 'Jeton : venant {source}',
    'status.scopes': 'Portées : {scopes}',
    'status.scopes.all': 'toutes',
    'role.admin': 'administrateur',
    'role.agent': 'agent du support',
    'role.employee': 'salarié',
    'role.customer': 'client',
    'source.env': 'de TIX_TOKEN',
    'source.keychain': 'du trousseau du système',
    'source.file': "du fichier d'identifiants en clair",

    'token.description': 'Afficher le jeton utilisé par tix, pour les scripts',
    'token.example.curl': 'avec un autre outil :',
  },
});

/** A role as people read it: the word tix uses in English (admin, agent…), in French a word. */
export function roleText(locale: Locale, role: string): string {
  return ['admin', 'agent', 'employee', 'customer'].includes(role) ? t(locale, `role.${role}` as 'role.admin') : role;
}

/** How long to wait, from a Retry-After in seconds: "45 seconds", "3 minutes" (rounded up) / "3 minutes". */
export function waitText(locale: Locale, seconds: number): string {
  const [value, unit] = seconds < 60 ? [Math.max(1, Math.ceil(seconds)), 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
