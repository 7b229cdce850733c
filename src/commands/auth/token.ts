import type { Command } from 'commander';
import type { Session } from '../../auth/credentials.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  session: () => Promise<Session>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('token')
    .description(t(f.io.locale, 'token.description'))
    .action(async () => runF({ io: f.io, session: f.session }));
  return examples(cmd, [
    'tix auth token',
    `# ${t(f.io.locale, 'token.example.curl')}`,
    'curl -H "Authorization: Bearer $(tix auth token)" http://127.0.0.1:8787/api/v1/me',
  ]);
}

export async function run(o: Options): Promise<void> {
  o.io.out(`${(await o.session()).token}\n`);
}
