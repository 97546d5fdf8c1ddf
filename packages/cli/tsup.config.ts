import { packageBuild } from '../../tsup.package';

// import.meta.url (finding package.json for --version) also works in the CJS build.
export default packageBuild({ shims: true });
