import type { Command } from 'commander';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';
import { jsonFields, printJson, type JsonOption } from '../io/output.ts';
import { VERSION } from '../version.ts';
import type { Backend } from '../api/backend.ts';

export interface Options {
  io: IOStreams;
  server: boolean;
  json: JsonOption;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('version')
    .description("Print tix's version, and with --server the configured server's")
    .option('--server', 'also ask the configured server for its version and API version')
    .option('--json [fields]', 'print JSON (fields: client, server)')
    .action(async (opts: { server?: boolean; json?: JsonOption }) => {
      await runF({ io: f.io, server: Boolean(opts.server), json: opts.json, backend: async () => f.backendFor(f.server()) });
    });
  return examples(cmd, ['tix version', 'tix version --server', 'tix version --server --json']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, ['client', 'server']);
  const backend = o.server ? await o.backend() : undefined;
  const info = backend ? { ...(await backend.serverInfo()), url: backend.server } : undefined;
  if (fields)
    return printJson(
      o.io,
      Object.fromEntries(fields.map((f) => [f, f === 'client' ? { version: VERSION, node: process.versions.node } : (info ?? null)])),
    );
  o.io.out(`tix version ${VERSION}\n`);
  if (info) o.io.out(`server ${info.url}: ${info.name} ${info.version}, API v${info.apiVersion}\n`);
}
