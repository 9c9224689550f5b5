import { describe, expect, it } from 'vitest';
import { defaultTaskName } from './task-name';

describe('defaultTaskName', () => {
  it('names the kind and the period', () => {
    expect(defaultTaskName('summary', { from: '2026-10-01', to: '2026-10-31' })).toBe('Usage history 2026-10-01 – 2026-10-31');
    expect(defaultTaskName('detail', { from: '2026-11-22', to: '2026-11-22' }, 'vas')).toBe('Usage details (vas) 2026-11-22');
  });
});
