import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { usageError } from '../../core/errors.ts';
import { defaultPatScopes, tokenScopes } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { parseDuration } from '../../core/duration.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { TOKEN_FIELDS } from './list.ts';

export interface Options {
  io: IOStreams;
  name: string;
  expiresIn: string;
  scopes: string[];
  json: JsonOption;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('create')
    .description('Create a personal access token for CI and scripts (printed once)')
    .requiredOption('--name <name>', 'what the token is for, e.g. ci-incidents')
    .option('--expires-in <duration>', 'lifetime: 30d, 12h, 1y (at most 366 days)', '90d')
    .option('--scope <scope...>', `what it may do: ${tokenScopes.join(', ')}`, [...defaultPatScopes])
    .option('--json [fields]', `print JSON (fields: token, ${TOKEN_FIELDS.join(', ')})`)
    .action(async (opts: { name: string; expiresIn: string; scope: string[]; json?: JsonOption }) => {
      await runF({
        io: f.io,
        name: opts.name,
        expiresIn: opts.expiresIn,
        scopes: opts.scope,
        json: opts.json,
        backend: () => f.backend('tokens'),
      });
    });
  return examples(cmd, [
    'tix token create --name ci-incidents --expires-in 30d',
    'tix token create --name reporting --scope tickets:read --json token,expiresAt',
    '# store it as the CI secret TIX_TOKEN:',
    'tix token create --name gha | gh secret set TIX_TOKEN',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, ['token', ...TOKEN_FIELDS]);
  const ms = parseDuration(o.expiresIn);
  if (ms === undefined || ms < 60_000) throw usageError(`--expires-in: expected a duration such as 30d, 12h or 1y, got "${o.expiresIn}"`);
  const scopes = o.scopes
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !(tokenScopes as readonly string[]).includes(s));
  if (unknown.length) throw usageError(`--scope: unknown ${unknown.join(', ')}; choose from ${tokenScopes.join(', ')}`);
  const created = await need(await o.backend(), 'tokens').create({ name: o.name, expiresInSeconds: Math.round(ms / 1000), scopes });
  if (fields) return printJson(o.io, pick(created, fields));
  o.io.out(`${created.token}\n`);
  o.io.err(
    `✓ Created token ${created.id} "${created.name}" (${created.scopes.join(', ')}), expires ${created.expiresAt}. It is shown only now: store it as a secret.\n`,
  );
}
