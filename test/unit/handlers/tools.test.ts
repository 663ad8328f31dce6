/** A missing real client skips its suite with a message, except under CI=true, where it fails it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireTool } from '../../helpers/tools';

describe('requireTool', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds a tool on PATH', () => {
    expect(requireTool('sh', 'a shell', 'probe', {})).toMatch(/\/sh$/);
  });

  it('skips with a warning when a tool is missing and this is not CI', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(requireTool('no-such-tool-allot', 'a probe tool', 'probe.e2e', {})).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      'probe.e2e: a probe tool (`no-such-tool-allot`) is not on PATH; skipping',
    );
  });

  it('fails under CI=true when a tool is missing', () => {
    expect(() => requireTool('no-such-tool-allot', 'a probe tool', 'probe.e2e', { CI: 'true' })).toThrow(
      'probe.e2e: a probe tool (`no-such-tool-allot`) is not on PATH. CI machines must have it: install it, or run without CI=true to skip.',
    );
  });
});
