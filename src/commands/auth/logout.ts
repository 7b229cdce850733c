import type { Command } from 'commander';
import type { Backend } from '../../api/backend.ts';
import { TixError, usageError } from '../../core/errors.ts';
import type { ConfigData } from '../../auth/config.ts';
import { forgetSession, type Session } from '../../auth/credentials.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  profile: string;
  config: ConfigData;
  session: () => Promise<Session>;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('logout')
    .description('Revoke the session on the server and forget the stored token')
    .action(async () => {
      await runF({ io: f.io, env: f.env, profile: f.profile(), config: f.config(), session: f.session, backend: f.backend });
    });
  return examples(cmd, ['tix auth logout', 'tix --profile staging auth logout']);
}

export async function run(o: Options): Promise<void> {
  const session = await o.session();
  if (session.source === 'env') {
    throw usageError(
      'the token comes from TIX_TOKEN, which tix cannot forget; unset TIX_TOKEN (and revoke it with tix token revoke ID if it leaked)',
    );
  }
  // Revoke first; an unreachable server must not keep a local logout from happening, but the user is told.
  try {
    await (await o.backend()).logout();
  } catch (err) {
    if (!(err instanceof TixError) || err.exitCode !== 4)
      o.io.err(`! could not revoke the token on ${session.server}: ${(err as Error).message}\n`);
  }
  await forgetSession(o.env, o.profile, o.config);
  o.io.err(`✓ Logged out of ${session.server}${session.email ? ` (${session.email})` : ''}\n`);
}
