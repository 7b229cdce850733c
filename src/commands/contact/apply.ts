import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { fieldsError, usageError } from '../../core/errors.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { readInputText } from '../../io/files.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { describeContact, planSize, printPlan } from './format.ts';
import { confirmOrCancel } from '../../io/prompter.ts';

export const APPLY_FIELDS = ['plan', 'applied', 'fingerprint'] as const;

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  /** a path, or - for standard input */
  file: string;
  dryRun: boolean;
  yes: boolean;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('apply')
    .description("Make the company's contacts those of a file (administrators): shows the plan, then applies it all or nothing")
    .requiredOption(
      '-f, --file <file>',
      'the contacts, as JSON: {"contacts": [{"type", "name", "emails", "phone"}]} or a bare array; - for standard input',
    )
    .option('--dry-run', 'show the plan and change nothing')
    .option('-y, --yes', 'apply without asking (needed without a terminal when the plan removes contacts)')
    .option('--json [fields]', `print the plan and the outcome as JSON (fields: ${APPLY_FIELDS.join(', ')})`)
    .action(async (opts: { file: string; dryRun?: boolean; yes?: boolean; json?: JsonOption }) => {
      await runF({
        io: f.io,
        backend: () => f.backend('contacts'),
        file: opts.file,
        dryRun: Boolean(opts.dryRun),
        yes: Boolean(opts.yes),
        json: opts.json,
      });
    });
  return examples(cmd, [
    'tix contact apply -f contacts.json --dry-run',
    'tix contact apply -f contacts.json',
    '# start from what is there: the output of list --json can be applied back',
    'tix contact list --json > contacts.json && $EDITOR contacts.json && tix contact apply -f contacts.json',
    'tix contact apply -f contacts.json --yes --json applied',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, APPLY_FIELDS);
  const source = o.file === '-' ? 'standard input' : o.file;
  const text = await readInputText(o.io, o.file, '--file');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw usageError(`${source} is not valid JSON (${(err as Error).message}); nothing was changed`);
  }
  // Every problem of the file, by its path, before anything is sent.
  const { parseContactList } = await import('../../core/contact-input.ts');
  const { contacts, problems } = parseContactList(data, { ignore: ['id', 'createdAt', 'updatedAt'] });
  if (problems.length) throw fieldsError(problems, `${source} is not a valid contact list; nothing was changed`);

  const api = need(await o.backend(), 'contacts');
  const planned = await api.apply({ contacts, dryRun: true });
  const { plan } = planned;
  printPlan(o.io, plan);
  if (o.dryRun || planSize(plan) === 0) {
    o.io.err(o.dryRun ? 'dry run: nothing was changed\n' : `✓ The contacts already match ${source}; nothing to change\n`);
    if (fields) printJson(o.io, pick(planned, fields));
    return;
  }
  if (!o.yes) {
    if (o.io.canPrompt) {
      await confirmOrCancel(
        o.io,
        `Apply this plan (${plan.add.length} to add, ${plan.change.length} to change, ${plan.remove.length} to remove)? The changes take effect at once.`,
      );
    } else if (plan.remove.length) {
      throw usageError(
        `this plan removes ${plan.remove.length} contact${plan.remove.length > 1 ? 's' : ''}, which needs --yes without a terminal; nothing was changed:\n${plan.remove.map((c) => `  - ${describeContact(c)}`).join('\n')}`,
        {
          code: 'confirmation_required',
          hint: `check the plan with --dry-run, then: tix contact apply -f ${o.file} --yes`,
          data: { remove: plan.remove.map((c) => c.id) },
        },
      );
    }
  }
  // Applied only if it is still the plan shown: another administrator's change in between stops it (exit 5).
  const result = await api.apply({ contacts, dryRun: false, ifFingerprint: planned.fingerprint });
  o.io.err(`✓ Applied: ${result.plan.add.length} added, ${result.plan.change.length} changed, ${result.plan.remove.length} removed\n`);
  if (fields) printJson(o.io, pick(result, fields));
}
