// What a failed npm command is reported as: the error lines, not the notices
// npm prints before them (a publish lists the whole tarball first).
import { describe, expect, it } from 'vitest';
import { classify } from './npm-registry.js';

const notices = ['npm notice', 'npm notice 📦  @promptpack/prompt-llm-judge@0.1.0', 'npm notice Tarball Contents', 'npm notice 1.1kB README.md'].join('\n');

describe('classify', () => {
  it('reports the error lines of a failed publish, past the tarball notices', () => {
    const stderr = `${notices}\nnpm error code E409\nnpm error You cannot publish over the previously published versions: 0.1.0.\nnpm error A complete log of this run can be found in: /tmp/x.log\n`;
    const problem = classify({ stdout: '', stderr }, 'http://127.0.0.1:4873/', 'publishing @promptpack/prompt-llm-judge');
    expect(problem.kind).toBe('failed');
    expect(problem.message).toBe('npm failed publishing @promptpack/prompt-llm-judge on http://127.0.0.1:4873/: You cannot publish over the previously published versions: 0.1.0.');
  });

  it('still says something when npm printed only notices', () => {
    const problem = classify({ stdout: '', stderr: `${notices}\nsomething went wrong\n` }, 'http://127.0.0.1:4873/', 'publishing x');
    expect(problem.message).toBe('npm failed publishing x on http://127.0.0.1:4873/: something went wrong');
  });
});
