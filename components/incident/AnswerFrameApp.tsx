import { useEffect, useRef, useState } from 'preact/hooks';
import type { FromFrame, ToFrame } from './answer-channel';
import { PromptFields } from './PromptFields';

type Init = Extract<ToFrame, { type: 'init' }>;

/**
 * Inside the question frame (entrypoints/answer-frame): the action's questions, answered here and told to the modal
 * over the port the modal handed over. The frame owns the answers once it has them, so a late echo never undoes a key.
 */
export function AnswerFrameApp({ port }: { port: MessagePort }) {
  const [init, setInit] = useState<Init>();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [disabled, setDisabled] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const post = (message: FromFrame) => port.postMessage(message);

  useEffect(() => {
    port.onmessage = (event: MessageEvent) => {
      const message = event.data as ToFrame;
      if (message?.type === 'init') {
        setInit(message);
        setAnswers(message.answers);
        setDisabled(message.disabled);
      } else if (message?.type === 'disabled') setDisabled(message.disabled);
    };
    post({ type: 'ready' });
    // The modal cannot hear keys typed here: Esc cancels it, and Tab (out of here onto Send) counts as the keyboard.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isTrusted && (event.key === 'Escape' || event.key === 'Tab')) post({ type: 'key', key: event.key });
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      port.onmessage = null;
    };
  }, [port]);

  // The modal sizes the frame to what is drawn in it.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => post({ type: 'size', height: element.offsetHeight }));
    observer.observe(element);
    post({ type: 'size', height: element.offsetHeight });
    return () => observer.disconnect();
  }, [init]);

  if (!init) return null;
  return (
    <div ref={box} class="answer-frame-box">
      <PromptFields
        prompts={init.prompts}
        answers={answers}
        disabled={disabled}
        customFields={init.customFields}
        onChange={(name, value) => {
          setAnswers((current) => ({ ...current, [name]: value }));
          post({ type: 'answer', name, value });
        }}
      />
    </div>
  );
}
