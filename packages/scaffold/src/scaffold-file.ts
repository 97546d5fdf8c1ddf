/** One file of a scaffold, relative to the folder it is written into; pure data, written by one thin function. */
export interface ScaffoldFile {
  path: string;
  contents: string;
}

export type PackageManager = 'npm' | 'pnpm';
