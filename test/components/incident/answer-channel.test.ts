import { describe, expect, it } from 'vitest';
import { frameToken, handshakePort, readFromFrame } from '@/components/incident/answer-channel';

const NAMES = new Set(['reason']);

describe('what the modal takes from its question frame', () => {
  it('reads each kind of message', () => {
    expect(readFromFrame({ type: 'ready' }, NAMES)).toEqual({ type: 'ready' });
    expect(readFromFrame({ type: 'answer', name: 'reason', value: 'OPS-1' }, NAMES)).toEqual({
      type: 'answer',
      name: 'reason',
      value: 'OPS-1',
    });
    expect(readFromFrame({ type: 'size', height: 41.2 }, NAMES)).toEqual({ type: 'size', height: 42 });
    expect(readFromFrame({ type: 'key', key: 'Escape' }, NAMES)).toEqual({ type: 'key', key: 'Escape' });
  });

  it('refuses answers to questions the action does not ask, other keys and malformed messages', () => {
    for (const data of [
      null,
      'ready',
      { type: 'answer', name: '__proto__', value: 'x' },
      { type: 'answer', name: 'reason', value: 42 },
      { type: 'size', height: Number.NaN },
      { type: 'key', key: 'Enter' },
      { type: 'send' },
    ])
      expect(readFromFrame(data, NAMES)).toBeUndefined();
  });

  it('bounds an answer and a height (design rule 9)', () => {
    const long = readFromFrame({ type: 'answer', name: 'reason', value: 'x'.repeat(50_000) }, NAMES);
    expect(long?.type === 'answer' && long.value.length).toBe(20_000);
    expect(readFromFrame({ type: 'size', height: 1e9 }, NAMES)).toEqual({ type: 'size', height: 10_000 });
    expect(readFromFrame({ type: 'size', height: -5 }, NAMES)).toEqual({ type: 'size', height: 0 });
  });
});

describe('the handshake the frame accepts', () => {
  const withPorts = (data: unknown, count = 1) => {
    const ports = Array.from({ length: count }, () => new MessageChannel().port1);
    return { data, ports } as unknown as MessageEvent;
  };

  it('takes the one port that comes with its token', () => {
    const event = withPorts({ token: 'abc' });
    expect(handshakePort(event, 'abc')).toBe(event.ports[0]);
  });

  it('ignores a wrong, missing or empty token, and a message with no port or two', () => {
    expect(handshakePort(withPorts({ token: 'abd' }), 'abc')).toBeUndefined();
    expect(handshakePort(withPorts({}), 'abc')).toBeUndefined();
    expect(handshakePort(withPorts(null), 'abc')).toBeUndefined();
    expect(handshakePort(withPorts({ token: '' }), '')).toBeUndefined();
    expect(handshakePort(withPorts({ token: 'abc' }, 0), 'abc')).toBeUndefined();
    expect(handshakePort(withPorts({ token: 'abc' }, 2), 'abc')).toBeUndefined();
  });

  it('makes a fresh 128-bit token each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, frameToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{32}$/);
  });
});
