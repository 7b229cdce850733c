import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { Settings } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';

/** The settings `tix settings` knows: CLI name, API field, allowed values, meaning. */
export const settingKeys = [
  {
    name: 'mark-read',
    field: 'markRead',
    values: ['manual', 'on-open'],
    meaning: 'manual: only tix ticket read clears unread messages; on-open: viewing a ticket does',
  },
  {
    name: 'language',
    field: 'language',
    values: ['en', 'fr'],
    meaning: "the language of the notification e-mails the company's account contacts receive",
  },
] as const;

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  company?: string;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('list')
    .alias('ls')
    .description("Show your organisation's settings")
    .option('--company <siren>', 'the company (support agents)')
    .option('--json [fields]', 'print JSON (fields: company, markRead, language)')
    .action(async (opts: { company?: string; json?: JsonOption }) =>
      runF({ io: f.io, backend: () => f.backend('settings'), company: opts.company, json: opts.json }),
    );
  return examples(cmd, ['tix settings list', 'tix settings list --json markRead']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, ['company', 'markRead', 'language']);
  const settings = await need(await o.backend(), 'settings').get(o.company);
  if (fields) return printJson(o.io, pick(settings, fields));
  if (o.io.isStdoutTTY) o.io.out(`Settings of ${settings.company.name} (SIREN ${settings.company.siren})\n`);
  await printRows(
    o.io,
    [...settingKeys],
    [
      { header: 'setting', value: (k) => k.name },
      { header: 'value', value: (k) => String(settings[k.field as keyof Settings]) },
      ...(o.io.isStdoutTTY ? [{ header: 'meaning', value: (k: (typeof settingKeys)[number]) => k.meaning, shrink: 1 }] : []),
    ],
  );
}
