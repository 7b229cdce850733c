import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { usageError } from '../../core/errors.ts';
import { defaultPatScopes, MAX_TOKEN_LIFETIME_DAYS, MAX_TOKEN_NAME_LENGTH, tokenScopes } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { parseLifetime } from '../../core/duration.ts';
import { formatDateTime, type Locale } from '../../core/i18n.ts';
import { oneLineProblem } from '../../core/text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { TOKEN_FIELDS } from './list.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  name: string;
  expiresIn: string;
  scopes: string[];
  json: JsonOption;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('create')
    .description(t(l, 'create.description'))
    .requiredOption('--name <name>', t(l, 'create.name'))
    .option('--expires-in <duration>', t(l, 'create.expiresIn', { max: MAX_TOKEN_LIFETIME_DAYS }), '90d')
    .option('--scope <scope...>', t(l, 'create.scope', { scopes: tokenScopes.join(', ') }), [...defaultPatScopes])
    .option('--json [fields]', t(l, 'json', { fields: ['token', ...TOKEN_FIELDS].join(', ') }))
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
    'tix token create --name nightly --expires-in 1y',
    'tix token create --name reporting --scope tickets:read --json token,expiresAt',
    t(l, 'create.exampleSecret'),
    'tix token create --name gha | gh secret set TIX_TOKEN',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, ['token', ...TOKEN_FIELDS]);
  const nameProblem = (l: Locale) =>
    o.name.trim().length > MAX_TOKEN_NAME_LENGTH ? t(l, 'create.nameTooLong', { max: MAX_TOKEN_NAME_LENGTH }) : oneLineProblem(o.name, l);
  if (nameProblem('en')) throw usageError(t.text('create.badName', { problem: (l) => nameProblem(l)! }), { code: 'invalid_value' });
  const ms = expiry(o.expiresIn);
  const scopes = o.scopes
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !(tokenScopes as readonly string[]).includes(s));
  if (unknown.length) throw usageError(t.text('create.unknownScope', { scopes: unknown.join(', '), all: tokenScopes.join(', ') }));
  const created = await need(await o.backend(), 'tokens').create({ name: o.name, expiresInSeconds: Math.round(ms / 1000), scopes });
  if (fields) return printJson(o.io, pick(created, fields));
  o.io.out(`${created.token}\n`);
  const l = o.io.locale;
  o.io.err(
    `${t(l, 'create.done', { id: String(created.id), name: created.name, scopes: created.scopes.join(', '), expires: formatDateTime(l, created.expiresAt) })}\n`,
  );
}

/** --expires-in as milliseconds, checked here against what the server accepts so the error names the flag. */
function expiry(text: string): number {
  const ms = parseLifetime(text);
  if (ms === undefined) throw usageError(t.text('create.badDuration', { value: text }), { code: 'invalid_value' });
  if (ms < 60_000) throw usageError(t.text('create.tooShort', { value: text }), { code: 'invalid_value' });
  if (ms > MAX_TOKEN_LIFETIME_DAYS * 86_400_000)
    throw usageError(t.text('create.tooLong', { value: text, max: MAX_TOKEN_LIFETIME_DAYS }), {
      code: 'invalid_value',
      hint: t.text('create.tooLongHint', { max: MAX_TOKEN_LIFETIME_DAYS }),
      data: { maxDays: MAX_TOKEN_LIFETIME_DAYS },
    });
  return ms;
}
