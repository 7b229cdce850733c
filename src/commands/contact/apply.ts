import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { fieldsError, usageError } from '../../core/errors.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { LocalText } from '../../core/i18n.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { readInputText } from '../../io/files.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { contactText, inFlagTerms, planSize, printPlan } from './format.ts';
import { confirmOrCancel } from '../../io/prompter.ts';
import { t } from './messages.ts';
import { jsonErrorText } from '../../core/messages.ts';

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
  const l = f.io.locale;
  const cmd = parent
    .command('apply')
    .description(t(l, 'apply.description'))
    .requiredOption('-f, --file <file>', t(l, 'apply.file'))
    .option('--dry-run', t(l, 'apply.dryRun'))
    .option('-y, --yes', t(l, 'apply.yes'))
    .option('--json [fields]', t(l, 'apply.json', { fields: APPLY_FIELDS.join(', ') }))
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
    t(l, 'apply.exampleRoundTrip'),
    'tix contact list --json > contacts.json && $EDITOR contacts.json && tix contact apply -f contacts.json',
    'tix contact apply -f contacts.json --yes --json applied',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, APPLY_FIELDS);
  const l = o.io.locale;
  const source: LocalText = (l) => (o.file === '-' ? t(l, 'apply.stdin') : o.file);
  const text = await readInputText(o.io, o.file, '--file');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw usageError(t.text('apply.badJson', { source, error: jsonErrorText(err, text) }));
  }
  // Every problem of the file, by its path, before anything is sent.
  const { parseContactList } = await import('../../core/contact-input.ts');
  const { contacts, problems } = parseContactList(data, { ignore: ['id', 'createdAt', 'updatedAt'] });
  if (problems.length) throw fieldsError(problems, t.text('apply.badList', { source }));

  const api = need(await o.backend(), 'contacts');
  const planned = await inFlagTerms(t.text('apply.badList', { source }), api.apply({ contacts, dryRun: true }));
  const { plan } = planned;
  printPlan(o.io, plan);
  if (o.dryRun || planSize(plan) === 0) {
    o.io.err(`${o.dryRun ? t(l, 'apply.dryRunDone') : t(l, 'apply.nothingToDo', { source: source(l) })}\n`);
    if (fields) printJson(o.io, pick(planned, fields));
    return;
  }
  const counts = { add: plan.add.length, change: plan.change.length, remove: plan.remove.length };
  if (!o.yes) {
    if (o.io.canPrompt) {
      await confirmOrCancel(o.io, t(l, 'apply.confirm', counts));
    } else if (plan.remove.length) {
      const removed = plan.remove.map(contactText);
      throw usageError((l) => `${t(l, 'apply.needsYes', { count: plan.remove.length })}\n${removed.map((c) => `  - ${c(l)}`).join('\n')}`, {
        code: 'confirmation_required',
        hint: t.text('apply.needsYesHint', { file: o.file }),
        data: { remove: plan.remove.map((c) => c.id) },
      });
    }
  }
  // Applied only if it is still the plan shown: another administrator's change in between stops it (exit 5).
  const result = await inFlagTerms(
    t.text('apply.badList', { source }),
    api.apply({ contacts, dryRun: false, ifFingerprint: planned.fingerprint }),
  );
  const done = result.plan;
  o.io.err(`${t(l, 'apply.done', { add: done.add.length, change: done.change.length, remove: done.remove.length })}\n`);
  if (fields) printJson(o.io, pick(result, fields));
}
