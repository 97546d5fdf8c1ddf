import { packageBuild } from '../../tsup.package';

// The bin imports dist/main.js, which holds the argument parser and nothing
// else: an on-call `flags rollback` loads no compiler, YAML parser or zod.
// import.meta.url (finding package.json for --version) also works in the CJS build.
export default packageBuild({ entry: ['src/index.ts', 'src/main.ts'], shims: true });
