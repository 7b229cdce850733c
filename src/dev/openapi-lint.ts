// `npm run lint:openapi` (part of `npm run check`): writes the server's OpenAPI document, exactly as
// GET /api/v1/openapi.json serves it, and lints it with Redocly's recommended rules (redocly.yaml). Exits
// with the linter's code.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/app.ts';
import { SqliteStore } from '../server/store/sqlite.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const store = new SqliteStore(':memory:');
const app = await buildApp({ store });
const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body;
await app.close();
await store.close();

const dir = join(root, 'node_modules', '.cache', 'tix-openapi');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'tix-openapi.json');
writeFileSync(file, document);
const lint = spawnSync(
  join(root, 'node_modules', '.bin', 'redocly'),
  ['lint', '--format=stylish', '--config', join(root, 'redocly.yaml'), file],
  {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  },
);
process.exitCode = lint.status ?? 1;
