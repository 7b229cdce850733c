// tix serve, the reference helpdesk: a real server on 127.0.0.1:0 over in-memory SQLite, with the demo
// organisation. Yann (admin of Paris and Lille) is the customer, Sarah (admin of Lille) his colleague: they share
// École Lille, where the customer files.
import { randomUUID } from 'node:crypto';
import { connect, loadProvider } from '../../../src/providers/registry.ts';
import { demoEstablishments } from '../../../src/server/demo.ts';
import { startTestServer } from '../../helpers/server.ts';
import type { Persona, ProviderHarness } from '../harness.ts';

const emails: Record<Persona, string> = { customer: 'yann@demo.test', colleague: 'sarah@demo.test', agent: 'agent@demo.test' };

export const harness: ProviderHarness = {
  name: 'tix serve',
  provider: 'tix',
  fixtures: {
    simpleType: 'question',
    choiceType: { type: 'incident', field: 'severity', value: 'high' },
    establishment: demoEstablishments.lille.siret,
    missingRef: '987654',
    followUps: true,
  },
  wire: {
    list: /^GET \/api\/v1\/tickets(\?|$)/,
    create: /^POST \/api\/v1\/tickets$/,
    reply: /^POST \/api\/v1\/tickets\/\d+\/messages$/,
  },
  start: async () => {
    const s = await startTestServer();
    const provider = await loadProvider('tix');
    const support = async () =>
      connect(provider, { server: s.url, credential: { token: await s.tokenFor(emails.agent) }, http: { env: {} } }).tickets!;
    return {
      server: s.url,
      login: (who) => ({
        args: ['--provider', 'tix', '--server', s.url, '--email', emails[who], '--password-stdin'],
        stdin: 'demo-password',
      }),
      env: async (who) => ({ TIX_TOKEN: await s.tokenFor(emails[who]) }),
      email: (who) => emails[who],
      answer: async (ref, body) => {
        await (await support()).reply(ref, { body }, { idempotencyKey: `harness-${randomUUID()}` });
      },
      close: async (ref) => {
        await (await support()).changeStatus(ref, 'close');
      },
      stop: () => s.close(),
    };
  },
};
