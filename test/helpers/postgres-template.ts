import pg from 'pg';
import { PostgresStore } from '../../src/server/store/postgres.ts';

const TEMPLATE = 'tix_template';

/** (Re)creates the template database the tests copy, with tix's schema applied by the real migrations. */
export async function prepareTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE}`;
  const store = await PostgresStore.open(url.toString(), { poolSize: 1 });
  await store.close();
}
