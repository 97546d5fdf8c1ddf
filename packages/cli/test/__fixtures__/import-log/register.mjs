// `node --import ./register.mjs`: appends the URL of every module the process
// resolves to the file named by PROMPTPACK_IMPORT_LOG (the module graph, for
// ESM, which has no require cache to inspect).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url, { data: { log: process.env.PROMPTPACK_IMPORT_LOG } });
