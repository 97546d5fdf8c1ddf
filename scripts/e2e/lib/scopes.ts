// The npm scope each e2e file publishes its prompt packages under on the
// shared registry. A scratch copy of this repository releases every prompt
// at the version its package.json holds, so two files releasing the same
// names would meet at the same versions with different contents (one adds a
// patch before its minor, another does not) and the second would be refused.
// One scope per file, listed here side by side so a new file picks a free one.
export const e2eScopes = {
  adopterNpm: '@acme',
  adopterPnpm: '@acme-pnpm',
  consumers: '@e2e-consumers',
  operators: '@e2e-operators',
  runtime: '@e2e-runtime',
  guard: '@e2e-guard',
} as const;
