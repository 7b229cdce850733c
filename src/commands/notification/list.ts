import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { NotificationLevel } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import type { Locale } from '../../core/i18n.ts';
import { formatTime, jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { t } from './messages.ts';

/** What each level means, as `tix notification list` and `set` explain it. */
export function levelMeaning(level: NotificationLevel, locale: Locale): string {
  return t(locale, `level.${level}`);
}

const FIELDS = ['email', 'level', 'language', 'languageSource', 'subscriptions'] as const;

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('list')
    .alias('ls')
    .description(t(l, 'list.description'))
    .option('--json [fields]', t(l, 'json', { fields: FIELDS.join(', ') }))
    .action(async (opts: { json?: JsonOption }) => runF({ io: f.io, backend: () => f.backend('notifications'), json: opts.json }));
  return examples(cmd, ['tix notification list', 'tix notification list --json level,language']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, FIELDS);
  const settings = await need(await o.backend(), 'notifications').settings();
  if (fields) return printJson(o.io, pick(settings, fields));
  const l = o.io.locale;
  // piped rows are for programs: the yes/no column in English, whatever the reader's language
  const rowLocale = o.io.isStdoutTTY ? l : 'en';
  await printRows(
    o.io,
    [
      ['e-mail', settings.email, t(l, 'list.email')],
      ['level', settings.level, levelMeaning(settings.level, l)],
      ['language', settings.language, t(l, `source.${settings.languageSource}`)],
    ],
    [
      { header: t(l, 'column.setting'), value: (r) => r[0]! },
      { header: t(l, 'column.value'), value: (r) => r[1]! },
      ...(o.io.isStdoutTTY ? [{ header: t(l, 'column.meaning'), value: (r: string[]) => r[2]!, shrink: 1 }] : []),
    ],
  );
  if (!settings.subscriptions.length) return;
  if (o.io.isStdoutTTY) o.io.out(`\n${t(l, 'list.subscriptions')}\n`);
  await printRows(o.io, settings.subscriptions, [
    { header: t(l, 'column.ticket'), value: (s) => `#${s.ticketId}` },
    { header: t(l, 'column.subscribed'), value: (s) => t(rowLocale, s.subscribed ? 'yes' : 'no') },
    { header: t(l, 'column.since'), value: (s) => formatTime(o.io, s.at) },
  ]);
}
