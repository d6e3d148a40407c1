import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Prompt } from '@/lib/model/variables';
import { ANSWER_FRAME_PATH, frameToken, readFromFrame, type ToFrame } from './answer-channel';

/** How long the question frame may take to answer its handshake before the modal says it did not load. */
export const FRAME_LOAD_MS = 20_000;

export const FRAME_DID_NOT_LOAD =
  'The questions did not load in this page (it may block extension frames): nothing can be sent from this dialog.';
export const FRAME_RELOADED =
  'The questions were reloaded or replaced while this dialog was open: close it and open it again.';

/**
 * The frame document's origin. Chrome serves the page at a per-session address (use_dynamic_url, wxt.config.ts), but
 * the document it loads has the extension's own origin; Firefox's address is the origin.
 */
function extensionOrigin(): string {
  const base = browser.runtime.getURL('/');
  return base.startsWith('chrome-extension:') ? `chrome-extension://${browser.runtime.id}` : base.replace(/\/$/, '');
}

export type AnswerFrameState = 'loading' | 'ready' | 'failed';

interface AnswerFrameProps {
  prompts: readonly Prompt[];
  /** The answers so far: the frame starts from them (later answers come from the frame only). */
  answers: Readonly<Record<string, string>>;
  customFields: Readonly<Record<string, unknown>>;
  disabled: boolean;
  onChange: (name: string, value: string) => void;
  onState: (state: AnswerFrameState) => void;
  /** A key the frame's document keeps from the modal: Esc cancels, Tab counts as the keyboard reaching Send. */
  onKey: (key: 'Escape' | 'Tab') => void;
}

/**
 * The action's questions, typed in an extension page framed here, so the page's capture listeners see no key of an
 * answer (docs/security.md row 31). The frame gets its port by a token in its URL fragment (answer-channel.ts); a frame
 * that loads a second time (the page navigated it, or it was moved) is dropped, with the reason shown.
 */
export function AnswerFrame(props: AnswerFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const [src] = useState(() => `${browser.runtime.getURL(ANSWER_FRAME_PATH)}#${frameToken()}`);
  const [state, setState] = useState<AnswerFrameState>('loading');
  const [problem, setProblem] = useState<string>();
  const [height, setHeight] = useState(0);
  const port = useRef<MessagePort | undefined>(undefined);

  // Made at the first render: the frame's first load event may come before any effect has run.
  const [channel] = useState(() => new MessageChannel());
  const loads = useRef(0);
  const ended = useRef(false);
  const set = (next: AnswerFrameState, why?: string) => {
    if (ended.current) return;
    if (next === 'failed') {
      ended.current = true;
      channel.port1.close();
      port.current = undefined;
      setProblem(why);
    }
    setState(next);
    latest.current.onState(next);
  };
  const onLoad = () => {
    loads.current += 1;
    if (loads.current > 1) return set('failed', FRAME_RELOADED);
    // To the extension's origin only: a frame the page navigated elsewhere never gets the port.
    const token = src.slice(src.indexOf('#') + 1);
    frame.current?.contentWindow?.postMessage({ token }, extensionOrigin(), [channel.port2]);
  };

  useEffect(() => {
    const names = new Set(latest.current.prompts.map((prompt) => prompt.name));
    const timer = setTimeout(() => set('failed', FRAME_DID_NOT_LOAD), FRAME_LOAD_MS);
    channel.port1.onmessage = (event) => {
      const message = readFromFrame(event.data, names);
      if (!message || ended.current) return;
      if (message.type === 'ready') {
        clearTimeout(timer);
        port.current = channel.port1;
        const { prompts, answers, customFields, disabled } = latest.current;
        const init: ToFrame = {
          type: 'init',
          prompts: [...prompts],
          answers: { ...answers },
          customFields: { ...customFields },
          disabled,
        };
        channel.port1.postMessage(init);
        set('ready');
      } else if (message.type === 'answer') latest.current.onChange(message.name, message.value);
      else if (message.type === 'size') setHeight(message.height);
      else latest.current.onKey(message.key);
    };
    return () => {
      ended.current = true;
      clearTimeout(timer);
      channel.port1.close();
    };
  }, [channel]);

  useEffect(() => {
    const message: ToFrame = { type: 'disabled', disabled: props.disabled };
    port.current?.postMessage(message);
  }, [props.disabled, state]);

  if (state === 'failed') {
    return (
      <p class="status error answer-frame-problem" role="alert">
        {problem}
      </p>
    );
  }
  return (
    <>
      {state === 'loading' && <p class="muted answer-frame-loading">Loading the questions…</p>}
      <iframe
        ref={frame}
        class="answer-frame"
        src={src}
        onLoad={onLoad}
        title="Questions"
        style={{ height: `${height}px` }}
        // Nothing of the page is needed in it; referrer-less, and no permission delegated.
        referrerpolicy="no-referrer"
        allow=""
      />
    </>
  );
}
