import type { Command } from 'commander';
import type { Backend } from '../../api/backend.ts';
import { TixError } from '../../core/errors.ts';
import type { Me } from '../../api/types.ts';
import type { Session } from '../../auth/credentials.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';

export interface Options {
  io: IOStreams;
  json: JsonOption;
  session: () => Promise<Session>;
  backend: () => Promise<Backend>;
}

const FIELDS = ['server', 'provider', 'profile', 'user', 'company', 'establishments', 'tokenSource', 'token'] as const;

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('status')
    .description('Show the server and its provider, the account, establishments and where the token comes from')
    .option('--json [fields]', `print JSON (fields: ${FIELDS.join(', ')})`)
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
      throw new TixError(4, `${session.server}: the ${describeSource(session.source)} token was rejected: ${err.message}`, {
        code: err.code,
        hint: 'run: tix auth login',
        status: err.status,
      });
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
  if (session.source === 'file')
    o.io.err(
      '! The token is stored in plain text (logged in with --insecure-storage); run tix auth login without it to move it to the OS keychain\n',
    );
  if (fields) return printJson(o.io, pick(status, fields));
  const io = o.io;
  io.out(`${session.server} (profile ${session.profile}, provider ${backend.provider.name}: ${backend.provider.displayName})\n`);
  io.out(
    `  ✓ Logged in as ${me.user.name} <${me.user.email}>, ${me.user.role}${me.company ? ` at ${me.company.name} (SIREN ${me.company.siren})` : ''}\n`,
  );
  if (me.establishments.length > 0) {
    io.out(`  Establishments: ${me.establishments.map((e) => `${e.name} (${e.siret})`).join(', ')}\n`);
  }
  if (me.token) {
    io.out(
      `  Token: ${me.token.kind === 'pat' ? `personal access token "${me.token.name}"` : 'session'} from ${describeSource(session.source)}, expires ${me.token.expiresAt}\n`,
    );
    io.out(`  Scopes: ${me.token.scopes.includes('*') ? 'all' : me.token.scopes.join(', ')}\n`);
  } else io.out(`  Token: from ${describeSource(session.source)}\n`);
}

function describeSource(source: Session['source']): string {
  return source === 'env' ? 'TIX_TOKEN' : source === 'keychain' ? 'the OS keychain' : 'the plain-text credentials file';
}
