import { useState } from 'preact/hooks';
import { MAX_CONFIG_BYTES, tooBig } from '@/lib/sharing/read-config';

interface ImportSourceProps {
  /** The text of a file chosen, dropped or pasted. */
  onText: (text: string) => void;
  /** A file refused before it was read. */
  onRefused: (message: string) => void;
}

/** Three ways in to the same reader: choose a file, drop one, or paste the JSON. */
export function ImportSource({ onText, onRefused }: ImportSourceProps) {
  const [over, setOver] = useState(false);
  const [pasted, setPasted] = useState('');

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    // Refused by its size before a byte is read: a huge file would hang the page.
    if (file.size > MAX_CONFIG_BYTES) return onRefused(tooBig(file.size));
    try {
      onText(await file.text());
    } catch (error) {
      onRefused(`Could not read ${file.name}: ${(error as Error).message}`);
    }
  };

  return (
    <div class="import-source">
      <label
        class={over ? 'drop-zone over' : 'drop-zone'}
        for="import-file"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          const file = event.dataTransfer?.files[0];
          if (file && !/\.json$/i.test(file.name) && file.type !== 'application/json')
            return onRefused(`${file.name} is not a .json file`);
          void readFile(file);
        }}
      >
        Drop a config file here, or choose one
      </label>
      <input
        type="file"
        id="import-file"
        accept=".json,application/json"
        onChange={(event) => {
          const input = event.currentTarget;
          void readFile(input.files?.[0]);
          // The same file chosen again (after fixing it) is read again.
          input.value = '';
        }}
      />
      <label for="import-paste">Or paste a config</label>
      <textarea
        id="import-paste"
        rows={6}
        spellcheck={false}
        value={pasted}
        onInput={(event) => setPasted(event.currentTarget.value)}
      />
      <div class="form-actions">
        <button type="button" disabled={pasted.trim() === ''} onClick={() => onText(pasted)}>
          Read pasted config
        </button>
      </div>
    </div>
  );
}
