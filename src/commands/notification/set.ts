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
import { levelMeaning } from './list.ts';
import { t } from './messages.ts';

const SET_FIELDS = ['email', 'level', 'language', 'languageSource'] as const;

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  level?: NotificationLevel;
  language?: Locale;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('set')
    .description(t(l, 'set.description'))
    .addArgument(completeWith(new Argument('[level]', t(l, 'set.level')), words(notificationLevels)))
    .addOption(new Option('--lang <language>', t(l, 'set.lang')).choices(locales))
    .option('--json [fields]', t(l, 'json', { fields: SET_FIELDS.join(', ') }))
    .action(async (level: string | undefined, opts: { lang?: Locale; json?: JsonOption }) => {
      if (level !== undefined && !(notificationLevels as readonly string[]).includes(level))
        throw usageError(t.text('set.badLevel', { levels: notificationLevels.join(', '), value: level }), {
          hint: 'tix notification set mine',
        });
      if (level === undefined && opts.lang === undefined)
        throw usageError(t.text('set.nothing'), { hint: 'tix notification set mine --lang fr' });
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
  const fields = jsonFields(o.json, SET_FIELDS);
  const settings = await need(await o.backend(), 'notifications').update({
    ...(o.level ? { level: o.level } : {}),
    ...(o.language ? { language: o.language } : {}),
  });
  if (fields) return printJson(o.io, pick(settings, fields));
  const l = o.io.locale;
  const what = settings.level === 'none' ? levelMeaning('none', l) : t(l, 'set.about', { meaning: levelMeaning(settings.level, l) });
  o.io.err(`${t(l, 'set.done', { email: settings.email, what, language: t(l, `language.${settings.language}`) })}\n`);
}
