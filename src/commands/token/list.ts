import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TokenInfo } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { formatTime, jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { t } from './messages.ts';

export const TOKEN_FIELDS = ['id', 'name', 'prefix', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'] as const;

export interface Options {
  io: IOStreams;
  json: JsonOption;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('list')
    .alias('ls')
    .description(t(l, 'list.description'))
    .option('--json [fields]', t(l, 'json', { fields: TOKEN_FIELDS.join(', ') }))
    .action(async (opts: { json?: JsonOption }) => runF({ io: f.io, json: opts.json, backend: () => f.backend('tokens') }));
  return examples(cmd, ['tix token list', 'tix token list --json id,name,expiresAt']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TOKEN_FIELDS);
  const tokens = await need(await o.backend(), 'tokens').list();
  if (fields)
    return printJson(
      o.io,
      tokens.map((token) => pick(token, fields)),
    );
  const l = o.io.locale;
  if (tokens.length === 0 && o.io.isStdoutTTY) return o.io.err(`${t(l, 'list.none')}\n`);
  // piped rows are for programs: the state in English whatever the reader's language
  const stateIn = o.io.isStdoutTTY ? l : 'en';
  const state = (x: TokenInfo) => (x.revokedAt ? 'revoked' : Date.parse(x.expiresAt) <= Date.now() ? 'expired' : 'active');
  await printRows<TokenInfo>(o.io, tokens, [
    { header: t(l, 'column.id'), value: (x) => String(x.id) },
    { header: t(l, 'column.name'), value: (x) => x.name, shrink: 1 },
    { header: t(l, 'column.prefix'), value: (x) => x.prefix },
    { header: t(l, 'column.scopes'), value: (x) => x.scopes.join(','), shrink: 1 },
    { header: t(l, 'column.state'), value: (x) => t(stateIn, `state.${state(x)}`) },
    { header: t(l, 'column.expires'), value: (x) => formatTime(o.io, x.expiresAt) },
    { header: t(l, 'column.lastUsed'), value: (x) => formatTime(o.io, x.lastUsedAt) || (o.io.isStdoutTTY ? t(l, 'never') : '') },
  ]);
}
