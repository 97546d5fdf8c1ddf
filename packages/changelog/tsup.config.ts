import { packageBuild } from '../../tsup.package';

// changesets loads the changelog module with require(): the CJS build is the one it runs.
export default packageBuild();
