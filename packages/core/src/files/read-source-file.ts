import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '@promptpack/spec';
import { decodeUtf8 } from './decode-utf8.js';

/**
 * The largest prompt file promptpack reads. A prompt that long is far past
 * any model's context; a 50 MB evals.yaml took 2.2 GB to validate. Files
 * are read whole, so this also bounds memory per prompt.
 */
export const maxSourceFileBytes = 2 * 1024 * 1024;

export type ReadSourceResult = { text: string; diagnostic?: undefined } | { text?: undefined; diagnostic: Diagnostic } | { text?: undefined; diagnostic?: undefined };

/**
 * Reads a file of a prompt folder as UTF-8 text, refusing anything that is
 * not a regular file inside the folder: a symlink (committed in a pull
 * request, it could point at /etc/passwd or a credentials file, which would
 * then be compiled, published and printed by `check` in CI), a directory or
 * a FIFO (which would block the read forever), a file over the size limit, or
 * bytes that are not UTF-8. A missing file gives neither text nor diagnostic:
 * the caller decides whether it is required. `shown` names the file in the
 * diagnostic.
 */
export function readSourceFile(file: string, shown: string): ReadSourceResult {
  let stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { diagnostic: unreadable(shown, file, error as Error) };
  }
  if (stats.isSymbolicLink()) return { diagnostic: symlinkDiagnostic(shown) };
  if (!stats.isFile()) {
    return {
      diagnostic: fileDiagnostic('file/not-a-file', shown, `${path.basename(file)} is not a regular file (it is a ${describeKind(stats)}).`, `Replace it with a plain text file named ${path.basename(file)}.`),
    };
  }
  let descriptor: number;
  try {
    // O_NOFOLLOW closes the gap between lstat and open (a file swapped for a link); O_NONBLOCK keeps a FIFO from hanging the open.
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { diagnostic: symlinkDiagnostic(shown) };
    return { diagnostic: unreadable(shown, file, error as Error) };
  }
  try {
    const opened = fstatSync(descriptor);
    if (!opened.isFile()) return { diagnostic: fileDiagnostic('file/not-a-file', shown, `${path.basename(file)} is not a regular file.`, `Replace it with a plain text file named ${path.basename(file)}.`) };
    if (opened.size > maxSourceFileBytes) return { diagnostic: tooLarge(shown, opened.size) };
    // One byte more than the limit: a file that grew after fstat is still caught.
    const buffer = Buffer.alloc(Math.min(opened.size, maxSourceFileBytes) + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(descriptor, buffer, length, buffer.length - length, null);
    if (length > maxSourceFileBytes) return { diagnostic: tooLarge(shown, length) };
    const decoded = decodeUtf8(buffer.subarray(0, length));
    if ('text' in decoded) return { text: decoded.text };
    return { diagnostic: { ...fileDiagnostic('file/encoding', shown, decoded.message, decoded.hint), line: decoded.line, column: decoded.column } };
  } catch (error) {
    return { diagnostic: unreadable(shown, file, error as Error) };
  } finally {
    closeSync(descriptor);
  }
}

/** A folder promptpack reads from (a prompt folder, prompts/_shared): undefined when it is a real directory or missing. */
export function symlinkedFolder(dir: string, shown: string): Diagnostic | undefined {
  try {
    if (!lstatSync(dir).isSymbolicLink()) return undefined;
  } catch {
    return undefined;
  }
  return fileDiagnostic(
    'file/symlink',
    shown,
    `${shown} is a symbolic link; promptpack reads only real folders, so nothing outside the repository ends up in a published package.`,
    'Replace the link with the folder itself (copy it in), or remove it.',
  );
}

function symlinkDiagnostic(shown: string): Diagnostic {
  return fileDiagnostic(
    'file/symlink',
    shown,
    `${shown} is a symbolic link; promptpack refuses links in a prompt folder, because the file it points at (anywhere on the machine) would be compiled into the package and printed by \`check\`.`,
    'Replace the link with a regular file holding the text itself (`cp --remove-destination "$(readlink -f FILE)" FILE`), or remove it.',
  );
}

function tooLarge(shown: string, size: number): Diagnostic {
  return fileDiagnostic(
    'file/too-large',
    shown,
    `${shown} is ${formatBytes(size)}, more than the ${formatBytes(maxSourceFileBytes)} promptpack reads from one prompt file.`,
    'Split it (evals: fewer cases per prompt, or move bulk data out of the repository) or shorten it; a prompt this long would not fit a model context anyway.',
  );
}

function unreadable(shown: string, file: string, error: Error): Diagnostic {
  return fileDiagnostic('file/unreadable', shown, `Cannot read ${path.basename(file)}: ${error.message}.`, 'Check the file permissions.');
}

function fileDiagnostic(code: Diagnostic['code'], file: string, message: string, hint: string): Diagnostic {
  return { code, severity: 'error', file, line: 0, column: 0, message, hint };
}

function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isSocket()) return 'socket';
  return 'device';
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`;
}
