import { describe, expect, it } from 'vitest';
import { summarize, type UserLock } from './user-lock.js';

describe('summarize', () => {
  const user = (partial: Partial<UserLock>): UserLock => ({
    user: 'u',
    desktop: 'gnome',
    source: null,
    lockEnabled: true,
    idleSeconds: 300,
    lockDelaySeconds: 0,
    secondsToLock: 300,
    enforced: true,
    evidence: [],
    ...partial,
  });

  it('keeps the weakest user', () => {
    expect(summarize([user({}), user({ idleSeconds: 600, lockDelaySeconds: 30, secondsToLock: 630, enforced: false })])).toEqual({
      lockEnabled: true,
      secondsToLock: 630,
      idleSeconds: 600,
      lockDelaySeconds: 30,
      enforced: false,
    });
    expect(summarize([user({}), user({ lockEnabled: false, secondsToLock: null, idleSeconds: null })]).lockEnabled).toBe(false);
    expect(summarize([user({}), user({ lockEnabled: null, secondsToLock: null })])).toMatchObject({ lockEnabled: null, secondsToLock: null });
    expect(summarize([]).lockEnabled).toBeNull();
  });
});
