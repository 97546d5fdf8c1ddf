import { sharedSectionFile } from '@promptpack/core';

/**
 * Where the build copies a shared section the policy includes
 * (`dist/shared/safety.md`), so a published tarball carries the text of
 * every section its policy was built from.
 */
export function distSharedFile(name: string): string {
  return `dist/shared/${sharedSectionFile(name)}`;
}
