import type { Prompt } from '@/lib/model/variables';

/**
 * What the confirmation modal and its question frame (entrypoints/answer-frame) say to each other. The questions are
 * typed in an extension page framed inside the modal, so the page's capture listeners never see a key of an answer
 * (docs/security.md row 31). The content script hands the frame one end of a MessageChannel, posted with the token
 * it put in the frame's URL fragment; the frame takes the first port that carries it and ignores every other message,
 * so a page that posts to `window.frames` can neither read the answers nor feed the frame its own.
 */

/** The content script to the frame: the questions and their first answers once, then whether they are locked. */
export type ToFrame =
  | {
      type: 'init';
      prompts: Prompt[];
      answers: Record<string, string>;
      customFields: Record<string, unknown>;
      disabled: boolean;
    }
  | { type: 'disabled'; disabled: boolean };

/** The frame to the content script. `key`: a key the modal acts on that the frame's document kept from it. */
export type FromFrame =
  | { type: 'ready' }
  | { type: 'answer'; name: string; value: string }
  | { type: 'size'; height: number }
  | { type: 'key'; key: 'Escape' | 'Tab' };

/** The frame's page, a web-accessible resource (wxt.config.ts). */
export const ANSWER_FRAME_PATH = '/answer-frame.html';

/** Answers longer than this are cut: the background refuses what a question does not allow anyway (design rule 9). */
const MAX_ANSWER = 20_000;

/** A message from the frame's port, checked: the port is ours, but its messages are data. */
export function readFromFrame(data: unknown, names: ReadonlySet<string>): FromFrame | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'answer':
      return typeof message.name === 'string' && names.has(message.name) && typeof message.value === 'string'
        ? { type: 'answer', name: message.name, value: message.value.slice(0, MAX_ANSWER) }
        : undefined;
    case 'size':
      return typeof message.height === 'number' && Number.isFinite(message.height)
        ? { type: 'size', height: Math.min(Math.max(0, Math.ceil(message.height)), 10_000) }
        : undefined;
    case 'key':
      return message.key === 'Escape' || message.key === 'Tab' ? { type: 'key', key: message.key } : undefined;
    default:
      return undefined;
  }
}

/** The handshake the frame accepts: its own token and exactly one port. */
export function handshakePort(event: MessageEvent, token: string): MessagePort | undefined {
  const data = event.data as { token?: unknown } | null;
  if (token === '' || !data || typeof data !== 'object' || data.token !== token) return undefined;
  return event.ports.length === 1 ? event.ports[0] : undefined;
}

/** A fresh token: 128 random bits, hex. */
export function frameToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
