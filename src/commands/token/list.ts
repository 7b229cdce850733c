import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TokenInfo } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { formatTime, jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';

export const TOKEN_FIELDS = ['id', 'name', 'prefix', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'] as const;

export interface Options {
  io: IOStreams;
  json: JsonOption;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('list')
    .alias('ls')
    .description('List your personal access tokens')
    .option('--json [fields]', `print JSON (fields: ${TOKEN_FIELDS.join(', ')})`)
    .action(async (opts: { json?: JsonOption }) => runF({ io: f.io, json: opts.json, backend: () => f.backend('tokens') }));
  return examples(cmd, ['tix token list', 'tix token list --json id,name,expiresAt']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TOKEN_FIELDS);
  const tokens = await need(await o.backend(), 'tokens').list();
  if (fields)
    return printJson(
      o.io,
      tokens.map((t) => pick(t, fields)),
    );
  if (tokens.length === 0 && o.io.isStdoutTTY)
    return o.io.err('No personal access tokens. Create one with: tix token create --name NAME\n');
  await printRows<TokenInfo>(o.io, tokens, [
    { header: 'id', value: (t) => String(t.id) },
    { header: 'name', value: (t) => t.name, flexible: true },
    { header: 'prefix', value: (t) => t.prefix },
    { header: 'scopes', value: (t) => t.scopes.join(','), flexible: true },
    { header: 'state', value: (t) => (t.revokedAt ? 'revoked' : Date.parse(t.expiresAt) <= Date.now() ? 'expired' : 'active') },
    { header: 'expires', value: (t) => formatTime(o.io, t.expiresAt) },
    { header: 'last used', value: (t) => formatTime(o.io, t.lastUsedAt) || (o.io.isStdoutTTY ? 'never' : '') },
  ]);
}
