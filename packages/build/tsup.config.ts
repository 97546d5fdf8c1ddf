import type { Options } from 'tsup';
import { packageBuild } from '../../tsup.package';
import { bundlePackageRuntime } from './src/bundle-package-runtime.js';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

// The runtime every generated module carries is bundled once, here, and the
// dist holds it as a string: building prompts with the published package
// runs no bundler, and esbuild stays a development dependency.
const packageRuntime: Plugin = {
  name: 'package-runtime-text',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]package-runtime-text\.ts$/ }, () => ({
      loader: 'ts',
      contents: `export function packageRuntimeText(): string {\n  return ${JSON.stringify(bundlePackageRuntime())};\n}\n`,
    }));
  },
};

export default packageBuild({ esbuildPlugins: [packageRuntime] });
