// operate sits on spec only.
import { build } from '@promptpack/build';

export const operate = build;
