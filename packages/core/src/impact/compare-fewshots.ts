import type { FewShot } from '@promptpack/spec';
import type { PartChange } from '@promptpack/spec';

/**
 * Few-shot pairs teach the model by example, so adding or removing one
 * changes what the prompt means (minor), while rewording a pair in place, or
 * reordering the same pairs, keeps the set and only changes its wording
 * (patch).
 */
export function compareFewShots(before: readonly FewShot[], after: readonly FewShot[]): PartChange[] {
  const key = (pair: FewShot) => JSON.stringify([pair.user, pair.assistant]);
  // Pairs present on both sides (as a multiset) are unchanged wherever they moved.
  const unmatched = new Map<string, number>();
  for (const pair of before) unmatched.set(key(pair), (unmatched.get(key(pair)) ?? 0) + 1);
  const fresh: { pair: FewShot; index: number }[] = [];
  after.forEach((pair, index) => {
    const left = unmatched.get(key(pair)) ?? 0;
    if (left > 0) unmatched.set(key(pair), left - 1);
    else fresh.push({ pair, index });
  });
  const gone = before.filter((pair) => {
    const left = unmatched.get(key(pair)) ?? 0;
    if (left === 0) return false;
    unmatched.set(key(pair), left - 1);
    return true;
  });

  const changes: PartChange[] = [];
  if (fresh.length === 0 && gone.length === 0) {
    if (before.some((pair, index) => key(pair) !== key(after[index]!))) changes.push({ part: 'fewshots', bump: 'patch', summary: 'few-shot pairs reordered' });
    return changes;
  }

  // A new pair that keeps the user or the assistant text of an old one is that pair reworded.
  const reworded: { index: number; sides: string }[] = [];
  const remainingGone = [...gone];
  const remainingFresh = fresh.filter(({ pair, index }) => {
    const match = remainingGone.findIndex((old) => old.user === pair.user || old.assistant === pair.assistant);
    if (match < 0) return true;
    const [old] = remainingGone.splice(match, 1);
    reworded.push({ index, sides: old!.user === pair.user ? 'assistant' : 'user' });
    return false;
  });
  // With the count unchanged, the rest are rewritten in place: still the same number of examples.
  while (remainingFresh.length > 0 && remainingGone.length > 0) {
    remainingGone.shift();
    reworded.push({ index: remainingFresh.shift()!.index, sides: 'user and assistant' });
  }
  for (const { index, sides } of reworded.sort((a, b) => a.index - b.index)) {
    changes.push({ part: 'fewshots', bump: 'patch', summary: `few-shot pair ${index + 1} reworded (${sides} text)` });
  }
  const counts = `(${before.length} → ${after.length})`;
  if (remainingFresh.length > 0) {
    changes.push({ part: 'fewshots', bump: 'minor', summary: `${pairs(remainingFresh.length)} added ${counts}` });
  }
  if (remainingGone.length > 0) {
    changes.push({ part: 'fewshots', bump: 'minor', summary: `${pairs(remainingGone.length)} removed ${counts}` });
  }
  return changes;
}

function pairs(count: number): string {
  return `${count} few-shot ${count === 1 ? 'pair' : 'pairs'}`;
}
