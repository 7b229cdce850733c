import type { OrganisationFile } from './organisation-seed.ts';

// The demo organisation of seed 000: one company, three schools. Yann administers Paris and Lille, Sarah
// administers Lille only, so Yann sees Sarah's Lille tickets and Sarah never sees Paris. SIREN and SIRETs
// pass the Luhn check. Docs, tests and `npm run demo` rely on these exact values.
export const DEMO_PASSWORD = 'demo-password';

export const demoEstablishments = {
  paris: { siret: '81234567600017', name: 'École Paris' },
  lille: { siret: '81234567600025', name: 'École Lille' },
  lyon: { siret: '81234567600033', name: 'École Lyon' },
} as const;

export const demoUsers = {
  yann: 'yann@demo.test',
  sarah: 'sarah@demo.test',
  agent: 'agent@demo.test',
  eve: 'eve@demo.test',
} as const;

export const demoOrganisation: OrganisationFile = {
  companies: [
    {
      siren: '812345676',
      name: 'Écoles Démo',
      establishments: [demoEstablishments.paris, demoEstablishments.lille, demoEstablishments.lyon],
    },
  ],
  users: [
    {
      email: demoUsers.yann,
      name: 'Yann Le Goff',
      password: DEMO_PASSWORD,
      admin: [demoEstablishments.paris.siret, demoEstablishments.lille.siret],
    },
    { email: demoUsers.sarah, name: 'Sarah Martin', password: DEMO_PASSWORD, admin: [demoEstablishments.lille.siret] },
    { email: demoUsers.agent, name: 'Alex Support', password: DEMO_PASSWORD, role: 'agent' },
    { email: demoUsers.eve, name: 'Eve Durand', password: DEMO_PASSWORD, employee: [demoEstablishments.lyon.siret] },
  ],
};
