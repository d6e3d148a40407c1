import { h } from 'preact';
import { useRef, useState } from 'preact/hooks';

interface FieldProps {
  value: string;
  onInput: (value: string) => void;
  /** Variable paths offered after `{{`: `incident.title`, `variables.host`, ... */
  names: readonly string[];
  multiline?: boolean;
  id?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  placeholder?: string;
  rows?: number;
  type?: 'text' | 'url';
}

const OPEN_OUTPUT = /\{\{-?\s*([\w.]*)$/;

/**
 * A template input that completes variable names: after `{{` it lists the names that match what is typed;
 * ↓/↑ choose, Enter or Tab insert the name and close the output with ` }}`, Esc closes the list.
 */
export function TemplateField({ value, onInput, names, multiline, id, rows, type, ...labels }: FieldProps) {
  const field = useRef<HTMLInputElement | HTMLTextAreaElement>(null);
  const [matches, setMatches] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const listId = `${id ?? 'template'}-names`;

  const suggest = (text: string, caret: number) => {
    const typed = OPEN_OUTPUT.exec(text.slice(0, caret))?.[1];
    const found = typed === undefined ? [] : names.filter((name) => name.startsWith(typed) && name !== typed);
    setMatches(found.slice(0, 12));
    setActive(0);
  };

  const accept = (name: string) => {
    const element = field.current;
    if (!element) return;
    const caret = element.selectionStart ?? value.length;
    const before = value.slice(0, caret).replace(/[\w.]*$/, '');
    const after = value.slice(caret);
    const closing = /^\s*-?\}\}/.test(after) ? '' : ' }}';
    const next = `${before}${name}${closing}${after}`;
    onInput(next);
    setMatches([]);
    const at = before.length + name.length + closing.length;
    requestAnimationFrame(() => element.setSelectionRange(at, at));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (matches.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + matches.length) % matches.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const chosen = matches[active];
      if (chosen) accept(chosen);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setMatches([]);
    }
  };

  const shared = {
    ...labels,
    id,
    value,
    spellcheck: false,
    'aria-autocomplete': 'list' as const,
    'aria-controls': listId,
    'aria-activedescendant': matches.length > 0 ? `${listId}-${active}` : undefined,
    onInput: (event: Event) => {
      const target = event.currentTarget as HTMLInputElement | HTMLTextAreaElement;
      onInput(target.value);
      suggest(target.value, target.selectionStart ?? target.value.length);
    },
    onKeyDown,
    onBlur: () => setTimeout(() => setMatches([]), 150),
  };
  return (
    <div class="template-field">
      {multiline ? (
        <textarea ref={field as never} rows={rows} {...shared} />
      ) : (
        // role=combobox with its aria-* state, which Preact's per-type input typings do not model.
        h('input', {
          ...shared,
          ref: field,
          type: type ?? 'text',
          role: 'combobox',
          'aria-expanded': matches.length > 0,
        } as never)
      )}
      {matches.length > 0 && (
        <div class="completions" id={listId} role="listbox" aria-label="Variables">
          {matches.map((name, index) => (
            <div
              key={name}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault(); // keep the focus in the field
                accept(name);
              }}
            >
              {name}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
