import type { Command } from 'commander';
import type { Backend } from '../../api/backend.ts';
import { TixError, usageError } from '../../core/errors.ts';
import type { ConfigData } from '../../auth/config.ts';
import { forgetSession, type Session } from '../../auth/credentials.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { errorText } from '../../cli/report.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  profile: string;
  /** the profile's server (TIX_SERVER first), named when there is nothing to log out of */
  server: string;
  config: ConfigData;
  session: () => Promise<Session>;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('logout')
    .description(t(f.io.locale, 'logout.description'))
    .action(async () => {
      await runF({
        io: f.io,
        env: f.env,
        profile: f.profile(),
        server: f.server(),
        config: f.config(),
        session: f.session,
        backend: f.backend,
      });
    });
  return examples(cmd, ['tix auth logout', 'tix --profile staging auth logout']);
}

export async function run(o: Options): Promise<void> {
  const l = o.io.locale;
  let session: Session;
  try {
    session = await o.session();
  } catch (err) {
    // Logging out twice leaves things as the first time did: a note, not an error (exit 0), so a clean-up
    // step of a script may run it whatever happened before. A keychain that cannot be read is still an error.
    if (err instanceof TixError && err.code === 'not_logged_in') {
      o.io.err(`${t(l, 'logout.notLoggedIn', { server: o.server, profile: o.profile })}\n`);
      return;
    }
    throw err;
  }
  if (session.source === 'env') throw usageError(t.text('logout.fromEnv'));
  // Revoke first; an unreachable server must not keep a local logout from happening, but the user is told.
  try {
    await (await o.backend()).logout();
  } catch (err) {
    if (!(err instanceof TixError) || err.exitCode !== 4)
      o.io.err(
        `${t(l, 'logout.notRevoked', { server: session.server, reason: err instanceof TixError ? errorText(err, l) : (err as Error).message })}\n`,
      );
  }
  await forgetSession(o.env, o.profile, o.config);
  o.io.err(
    `${session.email ? t(l, 'logout.doneAs', { server: session.server, email: session.email }) : t(l, 'logout.done', { server: session.server })}\n`,
  );
}
