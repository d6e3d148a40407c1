import { render } from 'preact';
import { AnswerFrameApp } from '@/components/incident/AnswerFrameApp';
import { handshakePort } from '@/components/incident/answer-channel';
import '@/components/incident/action-bar.css';
import '@/components/incident/incident-actions.css';
import './answer-frame.css';

/**
 * The confirmation's question frame: it waits for the one message that carries the token of its URL fragment and a
 * port, and answers over that port only. Anything else posted to it (the page can reach every frame) is ignored.
 */
export function startAnswerFrame(root: HTMLElement, token: string): void {
  const onMessage = (event: MessageEvent) => {
    const port = handshakePort(event, token);
    if (!port) return;
    window.removeEventListener('message', onMessage);
    render(<AnswerFrameApp port={port} />, root);
  };
  window.addEventListener('message', onMessage);
}

const root = document.getElementById('app');
if (root) startAnswerFrame(root, location.hash.slice(1));
