import { PromptpackError, type Diagnostic } from '@promptpack/spec';

/** One entry of `git ls-tree -z`: `<mode> <type> <object>\t<path>`, NUL-terminated (paths unquoted). */
export interface TreeEntry {
  mode: string;
  path: string;
}

export function parseTreeListing(listing: string): TreeEntry[] {
  return listing
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      return { mode: line.slice(0, line.indexOf(' ')), path: line.slice(tab + 1) };
    });
}

// Git's modes: 100644 and 100755 are files; 120000 a link (its blob is the
// target's path), 160000 a submodule, 040000 a folder.
const regularModes = new Set(['100644', '100755']);

/**
 * Refuses a committed entry that is not a regular file, as links on disk
 * are refused: `git show` of a link prints its target's path, which would
 * load as the file's text without a word, and a checkout of that commit
 * reads whatever the link points at.
 */
export function assertRegularCommittedFile(entry: TreeEntry, shown: string): void {
  if (regularModes.has(entry.mode)) return;
  const link = entry.mode === '120000';
  const diagnostic: Diagnostic = {
    code: 'file/symlink',
    severity: 'error',
    file: shown,
    line: 0,
    column: 0,
    message: link
      ? `${shown} is committed as a symbolic link (git mode 120000); promptpack refuses links in a prompt folder, because the file it points at would be compiled into the package and printed by \`check\`.`
      : `${shown} is committed as ${entry.mode === '160000' ? 'a submodule' : entry.mode === '040000' ? 'a folder' : `git mode ${entry.mode}`}, not a regular file.`,
    hint: link
      ? 'Commit a regular file holding the text itself (`cp --remove-destination "$(readlink -f FILE)" FILE && git add FILE`), or read another ref.'
      : 'Commit a regular file under that name, or read another ref.',
  };
  throw new PromptpackError('prompt/invalid', `Cannot read ${shown}.`, { diagnostics: [diagnostic] });
}
