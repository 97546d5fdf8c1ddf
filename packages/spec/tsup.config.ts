import { packageBuild } from '../../tsup.package';

// Two entries: `plain` must never pull zod in, so a runtime can import it alone.
export default packageBuild({ entry: ['src/index.ts', 'src/plain.ts'] });
