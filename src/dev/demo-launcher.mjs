// `npm run demo` starts here, in plain JavaScript that any Node can parse: on a Node too old for tix (Node 20
// cannot load .ts files and stops with ERR_UNKNOWN_FILE_EXTENSION), it says in words which Node is needed and
// how to get one, in the reader's language, and exits 1. On a supported Node it builds dist/ and runs the demo
// (src/dev/build.ts, then src/dev/demo.ts), passing their exit codes on.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// the same range as package.json's engines and bin/tix.js
const [major, minor] = process.versions.node.split('.').map(Number);
const supported = (major === 22 && minor >= 22) || (major === 24 && minor >= 15) || major >= 25;

// The CLI's language rules (src/core/i18n.ts resolveLocale), which this file cannot import on an old Node:
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
  en: (version) => `npm run demo needs Node.js 22.22+ or 24.15+; this is Node.js ${version}.
Install a supported Node.js, then run npm ci and npm run demo again:
  - with a version manager: nvm install 24 (or fnm install 24, or volta install node@24)
  - from https://nodejs.org/en/download (the current LTS is fine)
  - on Debian or Ubuntu, from NodeSource: https://github.com/nodesource/distributions
`,
  fr: (version) => `npm run demo a besoin de Node.js 22.22+ ou 24.15+ ; celui-ci est Node.js ${version}.
Installez un Node.js pris en charge, puis relancez npm ci et npm run demo :
  - avec un gestionnaire de versions : nvm install 24 (ou fnm install 24, ou volta install node@24)
  - depuis https://nodejs.org/fr/download (la version LTS actuelle convient)
  - sur Debian ou Ubuntu, depuis NodeSource : https://github.com/nodesource/distributions
`,
};

if (!supported) {
  process.stderr.write(tooOld[readerLocale(process.env)](process.version));
  process.exitCode = 1;
} else {
  for (const script of ['build.ts', 'demo.ts']) {
    const r = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
    if (r.status !== 0) {
      process.exitCode = r.status ?? 1;
      break;
    }
  }
}
