// The Verdaccio configuration of the local registry, as data. Pure: the
// caller writes it (JSON is valid YAML, which is what Verdaccio reads).

export interface VerdaccioConfigOptions {
  /** Folder that holds `storage/` and `htpasswd`; absolute. */
  dir: string;
  /**
   * Packages nobody may publish: their publishes are refused with 403. Tests
   * use it to make one package of a release fail on the registry's side.
   */
  denyPublish?: readonly string[];
}

interface PackageRule {
  access: string;
  publish: string;
  unpublish: string;
}

/**
 * No uplinks: the registry serves only what was published to it, so a test
 * or demo never depends on the network, and a prompt package name can never
 * resolve to a public package of the same name. Anonymous publish is allowed
 * because it listens on 127.0.0.1 only and exists for one machine.
 */
export function verdaccioConfig(options: VerdaccioConfigOptions): Record<string, unknown> {
  const open: PackageRule = { access: '$all', publish: '$anonymous $authenticated', unpublish: '$authenticated' };
  // A group no user is in: Verdaccio answers 403 to any publish.
  const closed: PackageRule = { access: '$all', publish: 'promptpack-publish-denied', unpublish: 'promptpack-publish-denied' };
  const packages: Record<string, PackageRule> = {};
  for (const name of options.denyPublish ?? []) packages[name] = closed;
  packages['@acme/*'] = open;
  packages['@promptpack/*'] = open;
  // Third-party dependencies of prompt packages (zod) are seeded
  // into the registry from the local pnpm store; see seed-dependencies.ts.
  packages['**'] = open;
  return {
    storage: `${options.dir}/storage`,
    auth: { htpasswd: { file: `${options.dir}/htpasswd`, max_users: -1 } },
    uplinks: {},
    packages,
    web: { enable: false },
    server: { keepAliveTimeout: 60 },
    // pnpm itself is seeded for pnpm repositories (scripts/e2e/lib/adopter-registry.ts): about 70 MB as base64.
    max_body_size: '200mb',
    log: { type: 'stdout', format: 'pretty-timestamped', level: 'http' },
  };
}
