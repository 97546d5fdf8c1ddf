import { afterEach, describe, expect, it, vi } from 'vitest';
import { SetupError } from './process.js';
import { runScriptMain } from './script-main.js';

afterEach(() => vi.restoreAllMocks());

function spy() {
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  return { exit, error };
}

describe('runScriptMain', () => {
  it("exits with main's code", async () => {
    const { exit } = spy();
    await runScriptMain(async () => 2, [SetupError]);
    expect(exit).toHaveBeenCalledWith(2);
  });

  it('prints an expected error as error and hint lines, and exits 1', async () => {
    const { exit, error } = spy();
    await runScriptMain(async () => {
      throw new SetupError('--port must be a port number (0-65535), found "x".', 'Example: --port 0 for any free port.');
    }, [SetupError]);
    expect(error.mock.calls).toEqual([['error: --port must be a port number (0-65535), found "x".\n  hint: Example: --port 0 for any free port.']]);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('prints any other error whole, stack and all, and exits 1', async () => {
    const { exit, error } = spy();
    const bug = new TypeError('undefined is not a function');
    await runScriptMain(async () => {
      throw bug;
    }, [SetupError]);
    expect(error.mock.calls).toEqual([[bug]]);
    expect(exit).toHaveBeenCalledWith(1);
  });
});
