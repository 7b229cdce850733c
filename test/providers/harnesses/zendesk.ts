// Zendesk, played by the vendor stub (test/helpers/vendors/zendesk.ts): every exchange is validated against
// Zendesk's own OpenAPI document, and a violation fails the suite when it stops. Ann is the customer, Ben her
// colleague: their organization shares its requests (as a help centre's "organization requests"). Zoe, an
// agent, answers and closes the agent's way (outside the end-user API). Two forms are added to the stub's: one
// with only a subject and a description, one with a required drop-down.
import type { ZendeskField, ZendeskForm } from '../../helpers/vendors/zendesk.ts';
import { startZendeskStub } from '../../helpers/vendors/zendesk.ts';
import type { Persona, ProviderHarness } from '../harness.ts';

const users: Record<Persona, { email: string; apiToken: string }> = {
  customer: { email: 'ann@acme.test', apiToken: 'ann-api-token' },
  colleague: { email: 'ben@acme.test', apiToken: 'ben-api-token' },
  agent: { email: 'zoe@support.test', apiToken: 'zoe-api-token' },
};

/** A required drop-down (tagger) for the choice type. */
export const severityField: ZendeskField = {
  id: 110,
  type: 'tagger',
  title: 'Severity',
  title_in_portal: 'Severity',
  description: 'how bad it is',
  visible_in_portal: true,
  editable_in_portal: true,
  required_in_portal: true,
  active: true,
  position: 50,
  removable: true,
  custom_field_options: ['Low', 'Medium', 'High'].map((name, i) => ({ id: 9500 + i, name, value: name.toLowerCase() })),
};

export const contractForms: ZendeskForm[] = [
  {
    id: 204,
    name: 'Contact us',
    display_name: 'Contact us',
    default: false,
    active: true,
    end_user_visible: true,
    position: 4,
    ticket_field_ids: [10, 11],
  },
  {
    id: 205,
    name: 'Outage',
    display_name: 'Outage',
    default: false,
    active: true,
    end_user_visible: true,
    position: 5,
    ticket_field_ids: [10, 11, 110],
  },
];

export const harness: ProviderHarness = {
  name: 'Zendesk (stub)',
  provider: 'zendesk',
  fixtures: {
    simpleType: 'contact-us',
    choiceType: { type: 'outage', field: 'severity', value: 'high' },
    missingRef: '987654',
    followUps: true,
  },
  wire: {
    list: /^GET \/api\/v2\/requests(\.json)?(\?|$)/,
    create: /^POST \/api\/v2\/requests(\.json)?$/,
    reply: /^PUT \/api\/v2\/requests\/\d+(\.json)?$/,
    // a create whose answer was lost is looked for among the newest requests, never sent blindly again
    recovery: 'lookup',
  },
  start: async () => {
    const zd = await startZendeskStub({ clock: 'real' });
    zd.state.fields.push(severityField);
    zd.state.forms.push(...contractForms);
    zd.state.organization(5001).sharedTickets = true;
    return {
      server: zd.url,
      login: (who) => ({
        args: ['--provider', 'zendesk', '--server', zd.url, '--email', users[who].email, '--with-token'],
        stdin: users[who].apiToken,
      }),
      // the CI way: the API token joined to its e-mail, as Zendesk's own examples write it
      env: async (who) => ({ TIX_TOKEN: `${users[who].email}/token:${users[who].apiToken}` }),
      email: (who) => users[who].email,
      answer: async (ref, body) => zd.agent.reply(Number(ref), body),
      close: async (ref) => zd.agent.setStatus(Number(ref), 'closed'),
      // every exchange, against Zendesk's document: after each test, and whatever came after the last one
      check: () => zd.assertNoViolations(),
      stop: async () => {
        await zd.close();
        zd.assertNoViolations();
      },
    };
  },
};
