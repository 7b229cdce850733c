import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { NotificationLevel, NotificationSettings } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { formatTime, jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';

/** What each level means, as `tix notification list` and `set` explain it. */
export const levelMeanings: Record<NotificationLevel, string> = {
  all: 'every request of the establishments you administer',
  mine: 'the requests you filed, that were filed on your behalf, that you wrote on or subscribed to',
  none: 'no e-mail',
};

const FIELDS = ['email', 'level', 'language', 'languageSource', 'subscriptions'] as const;

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('list')
    .alias('ls')
    .description('Show which e-mail notifications you receive, in which language, and the tickets you subscribed to')
    .option('--json [fields]', `print JSON (fields: ${FIELDS.join(', ')})`)
    .action(async (opts: { json?: JsonOption }) => runF({ io: f.io, backend: () => f.backend('notifications'), json: opts.json }));
  return examples(cmd, ['tix notification list', 'tix notification list --json level,language']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, FIELDS);
  const settings = await need(await o.backend(), 'notifications').settings();
  if (fields) return printJson(o.io, pick(settings, fields));
  const source: Record<NotificationSettings['languageSource'], string> = {
    chosen: 'chosen with tix notification set --lang',
    login: 'the language of the tix you logged in with',
    company: "your company's (tix settings set language)",
  };
  await printRows(
    o.io,
    [
      ['e-mail', settings.email, 'where the notifications go'],
      ['level', settings.level, levelMeanings[settings.level]],
      ['language', settings.language, source[settings.languageSource]],
    ],
    [
      { header: 'setting', value: (r) => r[0]! },
      { header: 'value', value: (r) => r[1]! },
      ...(o.io.isStdoutTTY ? [{ header: 'meaning', value: (r: string[]) => r[2]!, flexible: true }] : []),
    ],
  );
  if (!settings.subscriptions.length) return;
  if (o.io.isStdoutTTY) o.io.out('\nTickets you subscribed to or unsubscribed from (tix ticket subscribe|unsubscribe):\n');
  await printRows(o.io, settings.subscriptions, [
    { header: 'ticket', value: (s) => `#${s.ticketId}` },
    { header: 'subscribed', value: (s) => (s.subscribed ? 'yes' : 'no') },
    { header: 'since', value: (s) => formatTime(o.io, s.at) },
  ]);
}
