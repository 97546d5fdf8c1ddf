import { lstatSync } from 'node:fs';
import path from 'node:path';
import { PromptpackError } from '@promptpack/spec';

/**
 * The first component of `relative` under `root` that is a symbolic link
 * (`dist`, `dist/shared`, `dist/index.js`), or undefined. The build writes
 * and deletes only inside the prompt folder; a committed `dist` that links
 * elsewhere would otherwise make it overwrite, and delete, files anywhere.
 */
export function firstLinkedComponent(root: string, relative: string): string | undefined {
  let current = root;
  for (const segment of path.normalize(relative).split(path.sep)) {
    current = path.join(current, segment);
    try {
      if (lstatSync(current).isSymbolicLink()) return current;
    } catch (error) {
      // Nothing exists from here on down, so nothing below can be a link yet.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
  return undefined;
}

/** Throws build/failed (a located file/symlink diagnostic) when `relative` passes through a link. */
export function refuseLinkedPath(root: string, relative: string): void {
  const linked = firstLinkedComponent(root, relative);
  if (linked === undefined) return;
  const shown = path.relative(process.cwd(), linked) || linked;
  throw new PromptpackError('build/failed', `Refusing to write through ${shown}: it is a symbolic link.`, {
    diagnostics: [
      {
        code: 'file/symlink',
        severity: 'error',
        file: shown,
        line: 0,
        column: 0,
        message: `${path.relative(root, linked)} is a symbolic link; the build writes and deletes only inside the prompt folder, never through a link to somewhere else.`,
        hint: `Remove the link (\`rm ${shown}\`) and build again: dist/ is the build's own output and is recreated.`,
      },
    ],
  });
}
