import { describe, expect, it } from 'vitest';
import { devHostname, devUrl } from './dev-hostname.mjs';

describe('the address npm run dev binds', () => {
  it('is loopback only unless HOSTNAME says otherwise', () => {
    expect(devHostname({})).toBe('127.0.0.1');
    expect(devHostname({ HOSTNAME: '' })).toBe('127.0.0.1');
    expect(devHostname({ HOSTNAME: '0.0.0.0' })).toBe('0.0.0.0');
    expect(devHostname({ HOSTNAME: ' ::1 ' })).toBe('::1');
  });

  it('is printed as a URL a browser on this machine can open', () => {
    expect(devUrl('127.0.0.1', '3000')).toBe('http://localhost:3000');
    expect(devUrl('0.0.0.0', '3021')).toBe('http://localhost:3021');
    expect(devUrl('::1', '3000')).toBe('http://[::1]:3000');
    expect(devUrl('192.168.1.5', '3000')).toBe('http://192.168.1.5:3000');
  });
});
