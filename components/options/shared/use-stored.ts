import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type ChangeSignal, onChange } from '@/lib/messaging/change-signals';

/**
 * What a screen shows from the stores: loaded on mount, and again whenever `signals` say it changed. The
 * stores announce their own writes (this page's, another tab's, the background's), so a screen saves and
 * this reads; `reload` is for a change no store sees, such as a permission granted. `undefined` until the
 * first load; a slower, older load never replaces a newer one.
 */
export function useStored<T>(
  load: () => Promise<T>,
  signals: ChangeSignal | readonly ChangeSignal[],
): [T | undefined, () => Promise<void>] {
  const [value, setValue] = useState<{ current: T }>();
  // The latest `load` is called: a screen's database does not change while it is shown.
  const latest = useRef(load);
  latest.current = load;
  const loads = useRef(0);
  const reload = useCallback(async () => {
    const which = ++loads.current;
    const loaded = await latest.current();
    if (which === loads.current) setValue({ current: loaded });
  }, []);
  const watched = typeof signals === 'string' ? signals : signals.join();
  useEffect(() => {
    void reload();
    const stop = onChange(watched.split(',') as ChangeSignal[], () => void reload());
    return () => {
      stop();
      loads.current++; // a load still running when the screen goes is dropped
    };
  }, [watched, reload]);
  return [value?.current, reload];
}
