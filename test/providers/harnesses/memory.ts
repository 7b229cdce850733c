// The in-memory helpdesk (test/helpers/memory-provider.ts): no server, references such as MEM-12, statuses of its
// own, no establishments, and none of the optional capabilities. Fast, and unlike tix serve wherever it can be.
import { cliErrors } from '../../helpers/cli.ts';
import { MemoryHelpdesk, memoryProvider } from '../../helpers/memory-provider.ts';
import type { Persona, ProviderHarness } from '../harness.ts';

export const harness: ProviderHarness = {
  name: 'in-memory helpdesk',
  provider: 'memory',
  fixtures: {
    simpleType: 'question',
    choiceType: { type: 'incident', field: 'severity', value: 'high' },
    missingRef: 'MEM-98765',
    followUps: true,
  },
  start: async () => {
    const helpdesk = new MemoryHelpdesk();
    // the error classes of the CLI under test, so that commands recognise what the helpdesk throws
    const module = memoryProvider(helpdesk, await cliErrors());
    const token = (who: Persona) => `mem-${who}`;
    const support = () => module.connect({ server: 'http://memory.invalid', credential: { token: token('agent') }, http: { env: {} } });
    return {
      server: 'http://memory.invalid',
      inProcess: module,
      login: (who) => ({ args: ['--server', 'http://memory.invalid', '--with-token'], stdin: token(who) }),
      env: async (who) => ({ TIX_TOKEN: token(who) }),
      email: (who) => helpdesk.users.get(token(who))!.email,
      answer: async (ref, body) => {
        await support().tickets!.reply(ref, { body });
      },
      close: async (ref) => {
        await support().tickets!.changeStatus(ref, 'close');
      },
      stop: async () => undefined,
    };
  },
};
