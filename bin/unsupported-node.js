// What a Node too old for tix hears, in plain JavaScript any Node parses: which Node tix needs and how to get one,
// in the reader's language. Loaded only on such a Node, by bin/tix.js (before the bundle, which an old Node may
// not even load) and by `npm run demo`'s launcher (src/dev/demo-launcher.mjs).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The same range as package.json's engines. */
export function supportedNode(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  return (major === 22 && minor >= 22) || (major === 24 && minor >= 15) || major >= 25;
}

// The CLI's language rules (src/core/i18n.ts resolveLocale), which cannot be imported here:
// TIX_LANG, then tix config's lang, then LC_ALL, LC_MESSAGES, LANG; English by default.
function configuredLang(env) {
  const dir = env.TIX_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'tix');
  try {
    return JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).lang;
  } catch {
    return undefined;
  }
}

function readerLocale(env) {
  for (const value of [env.TIX_LANG, configuredLang(env), env.LC_ALL, env.LC_MESSAGES, env.LANG])
    if (typeof value === 'string' && value.trim() !== '')
      return value
        .trim()
        .toLowerCase()
        .split(/[-_.@]/)[0] === 'fr'
        ? 'fr'
        : 'en';
  return 'en';
}

const tooOld = {
  en: (what, version, then) => `${what} needs Node.js 22.22+ or 24.15+; this is Node.js ${version}.
Install a supported Node.js, then ${then}:
  - with a version manager: nvm install 24 (or fnm install 24, or volta install node@24)
  - from https://nodejs.org/en/download (the current LTS is fine)
  - on Debian or Ubuntu, from NodeSource: https://github.com/nodesource/distributions
`,
  fr: (what, version, then) => `${what} a besoin de Node.js 22.22+ ou 24.15+ ; celui-ci est Node.js ${version}.
Installez un Node.js pris en charge, puis ${then} :
  - avec un gestionnaire de versions : nvm install 24 (ou fnm install 24, ou volta install node@24)
  - depuis https://nodejs.org/fr/download (la version LTS actuelle convient)
  - sur Debian ou Ubuntu, depuis NodeSource : https://github.com/nodesource/distributions
`,
};

const nextStep = {
  tix: { en: 'run tix again with that Node first on your PATH', fr: 'relancez tix avec ce Node en tête du PATH' },
  demo: { en: 'run npm ci and npm run demo again', fr: 'relancez npm ci et npm run demo' },
};

/** Writes the explanation on stderr; `what` is 'tix' or 'demo'. */
export function explainUnsupportedNode(what, env = process.env) {
  const locale = readerLocale(env);
  process.stderr.write(tooOld[locale](what === 'demo' ? 'npm run demo' : 'tix', process.version, nextStep[what][locale]));
}
