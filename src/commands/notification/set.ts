import { Argument, type Command, Option } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { type NotificationLevel, notificationLevels } from '../../api/types.ts';
import { completeWith, words } from '../../cli/completion/hints.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { usageError } from '../../core/errors.ts';
import { type Locale, locales } from '../../core/i18n.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { levelMeanings } from './list.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  level?: NotificationLevel;
  language?: Locale;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('set')
    .description('Choose how much e-mail you receive about tickets (all, mine or none) and in which language')
    .addArgument(
      completeWith(
        new Argument('[level]', 'all: every request of your establishments; mine: the requests you follow; none: no e-mail'),
        words(notificationLevels),
      ),
    )
    .addOption(new Option('--lang <language>', 'the language of your e-mails').choices(locales))
    .option('--json [fields]', 'print your notification settings as JSON (fields: email, level, language, languageSource)')
    .action(async (level: string | undefined, opts: { lang?: Locale; json?: JsonOption }) => {
      if (level !== undefined && !(notificationLevels as readonly string[]).includes(level))
        throw usageError(`level: expected ${notificationLevels.join(', ')}, got "${level}"`, {
          hint: 'tix notification set mine',
        });
      if (level === undefined && opts.lang === undefined)
        throw usageError('give a level (all, mine or none), --lang en|fr, or both', { hint: 'tix notification set mine --lang fr' });
      await runF({
        io: f.io,
        backend: () => f.backend('notifications'),
        level: level as NotificationLevel | undefined,
        language: opts.lang,
        json: opts.json,
      });
    });
  return examples(cmd, ['tix notification set all', 'tix notification set none', 'tix notification set mine --lang fr']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, ['email', 'level', 'language', 'languageSource']);
  const settings = await need(await o.backend(), 'notifications').update({
    ...(o.level ? { level: o.level } : {}),
    ...(o.language ? { language: o.language } : {}),
  });
  if (fields) return printJson(o.io, pick(settings, fields));
  o.io.err(
    `✓ ${settings.email} receives ${settings.level === 'none' ? 'no e-mail' : `e-mails about ${levelMeanings[settings.level]}`}, in ${settings.language === 'fr' ? 'French' : 'English'}\n`,
  );
}
