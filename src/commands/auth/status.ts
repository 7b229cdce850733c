import type { Command } from 'commander';
import type { Backend } from '../../api/backend.ts';
import { TixError } from '../../core/errors.ts';
import type { Me } from '../../api/types.ts';
import type { Session } from '../../auth/credentials.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { errorText } from '../../cli/report.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { formatDateTime, type Locale } from '../../core/i18n.ts';
import { roleText, t } from './messages.ts';

export interface Options {
  io: IOStreams;
  json: JsonOption;
  session: () => Promise<Session>;
  backend: () => Promise<Backend>;
}

const FIELDS = ['server', 'provider', 'profile', 'user', 'company', 'establishments', 'tokenSource', 'token'] as const;

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('status')
    .description(t(l, 'status.description'))
    .option('--json [fields]', t(l, 'status.json', { fields: FIELDS.join(', ') }))
    .action(async (opts: { json?: JsonOption }) => {
      await runF({ io: f.io, json: opts.json, session: f.session, backend: f.backend });
    });
  return examples(cmd, ['tix auth status', 'tix auth status --json user,tokenSource', 'tix --profile ci auth status']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, FIELDS);
  const session = await o.session(); // not logged in: exit 4 with the login hint
  let me: Me;
  let backend: Backend;
  try {
    backend = await o.backend();
    me = await backend.me();
  } catch (err) {
    if (err instanceof TixError && err.exitCode === 4) {
      const source = session.source;
      throw new TixError(
        4,
        t.text('status.rejected', { server: session.server, source: t.text(`source.${source}`), reason: (l) => errorText(err, l) }),
        {
          code: err.code,
          hint: t.text('status.rejected.hint'),
          status: err.status,
          // why (expired, revoked…): the report words it, and says how to replace a TIX_TOKEN
          data: err.data,
        },
      );
    }
    throw err;
  }
  const status = {
    server: session.server,
    // the provider in use (the profile's, or TIX_PROVIDER)
    provider: backend.provider.name,
    profile: session.profile,
    user: me.user,
    company: me.company,
    establishments: me.establishments,
    tokenSource: session.source,
    token: me.token,
  };
  // (a token kept in plain text is pointed out by the session itself, each time a command uses it)
  if (fields) return printJson(o.io, pick(status, fields));
  const io = o.io;
  const l = io.locale;
  const source = t(l, `source.${session.source}`);
  io.out(
    `${t(l, 'status.server', { server: session.server, profile: session.profile, provider: backend.provider.name, providerName: backend.provider.displayName })}\n`,
  );
  const who = { name: me.user.name, email: me.user.email, role: roleText(l, me.user.role) };
  io.out(
    `  ${me.company ? t(l, 'status.loggedInAt', { ...who, company: me.company.name, siren: me.company.siren }) : t(l, 'status.loggedIn', who)}\n`,
  );
  if (me.establishments.length > 0)
    io.out(`  ${t(l, 'status.establishments', { list: me.establishments.map((e) => `${e.name} (${e.siret})`).join(', ') })}\n`);
  if (me.token) {
    const expires = expiry(l, me.token.expiresAt);
    io.out(
      `  ${me.token.kind === 'pat' ? t(l, 'status.token.pat', { name: me.token.name ?? '', source, expires }) : t(l, 'status.token.session', { source, expires })}\n`,
    );
    io.out(
      `  ${t(l, 'status.scopes', { scopes: me.token.scopes.includes('*') ? t(l, 'status.scopes.all') : me.token.scopes.join(', ') })}\n`,
    );
  } else io.out(`  ${t(l, 'status.token.unknown', { source })}\n`);
}

/** An expiry date the reader's way; a value that is not a date is shown as given. */
function expiry(l: Locale, at: string): string {
  return Number.isNaN(Date.parse(at)) ? at : formatDateTime(l, at);
}
