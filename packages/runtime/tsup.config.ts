import { packageBuild } from '../../tsup.package';

// import.meta.url (optional @opentelemetry/api detection, loading unleash-client on demand) also works in the CJS build.
export default packageBuild({ shims: true });
