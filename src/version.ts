import pkg from '../package.json' with { type: 'json' };

/** tix's own version, shared by the CLI (`tix --version`) and the server (`GET /api/v1/meta`). */
export const VERSION: string = pkg.version;
