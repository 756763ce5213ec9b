import { describe, expect, it } from 'vitest';
import { interruptMessage } from './interrupt.js';

describe('interruptMessage', () => {
  it('names the command, the signal and what was stopped, in one line', () => {
    expect(interruptMessage('check', 'SIGINT', ['command', 'command', 'ssh session'])).toBe(
      'charter check: interrupted by SIGINT; stopped 2 commands, 1 ssh session\n',
    );
    expect(interruptMessage('audit', 'SIGTERM', [])).toBe('charter audit: interrupted by SIGTERM\n');
    expect(interruptMessage(undefined, 'SIGTERM', ['command'])).toBe('charter: interrupted by SIGTERM; stopped 1 command\n');
  });
});
