import { afterEach, describe, expect, it, vi } from 'vitest';
import { followDownloadLink } from './download';

afterEach(() => vi.unstubAllGlobals());

describe('followDownloadLink', () => {
  it('clicks a download link to the given href', () => {
    const link = { href: '', download: 'unset', click: vi.fn() };
    vi.stubGlobal('document', { createElement: () => link });
    followDownloadLink('/api/exports/detail/42/download');
    expect(link).toMatchObject({ href: '/api/exports/detail/42/download', download: '' });
    expect(link.click).toHaveBeenCalledOnce();
  });
});
