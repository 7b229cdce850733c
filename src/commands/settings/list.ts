import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { Settings } from '../../api/types.ts';
import { TixError } from '../../core/errors.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { t } from './messages.ts';

/** The settings `tix settings` knows: CLI name, API field, allowed values (the meaning is in messages.ts). */
export const settingKeys = [
  { name: 'mark-read', field: 'markRead', values: ['manual', 'on-open'] },
  { name: 'language', field: 'language', values: ['en', 'fr'] },
] as const;

const SETTINGS_FIELDS = ['company', 'markRead', 'language'];

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  company?: string;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('list')
    .alias('ls')
    .description(t(l, 'list.description'))
    .option('--company <siren>', t(l, 'list.company'))
    .option('--json [fields]', t(l, 'list.json', { fields: SETTINGS_FIELDS.join(', ') }))
    .action(async (opts: { company?: string; json?: JsonOption }) =>
      runF({ io: f.io, backend: () => f.backend('settings'), company: opts.company, json: opts.json }),
    );
  return examples(cmd, ['tix settings list', 'tix settings list --json markRead']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, SETTINGS_FIELDS);
  const settings = await need(await o.backend(), 'settings')
    .get(o.company)
    .catch((err: unknown) => {
      throw companyRequired(err) ?? err;
    });
  if (fields) return printJson(o.io, pick(settings, fields));
  const l = o.io.locale;
  if (o.io.isStdoutTTY) o.io.out(`${t(l, 'list.title', { company: settings.company.name, siren: settings.company.siren })}\n`);
  await printRows(
    o.io,
    [...settingKeys],
    [
      { header: t(l, 'column.setting'), value: (k) => k.name },
      { header: t(l, 'column.value'), value: (k) => String(settings[k.field as keyof Settings]) },
      ...(o.io.isStdoutTTY
        ? [{ header: t(l, 'column.meaning'), value: (k: (typeof settingKeys)[number]) => t(l, `meaning.${k.name}`), shrink: 1 }]
        : []),
    ],
  );
}

/** Support agents name the company: the server's refusal, told with the flag and in the reader's language. */
function companyRequired(err: unknown): TixError | undefined {
  if (!(err instanceof TixError) || err.code !== 'invalid_fields') return undefined;
  if (!err.fields?.some((f) => f.field === 'company' && f.message.startsWith('is required for support agents'))) return undefined;
  const english = err.message;
  return new TixError(err.exitCode, (l) => (l === 'en' ? english : t(l, 'list.companyRequired')), {
    code: err.code,
    fields: err.fields,
    status: err.status,
    data: err.data,
    cause: err,
  });
}
