/** A secret's name, from the saved ones; a name not saved yet is allowed and said so. */
export function SecretNameInput({
  label,
  value,
  secretNames,
  onInput,
}: {
  label: string;
  value: string;
  secretNames: readonly string[];
  onInput: (name: string) => void;
}) {
  const unknown = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && !secretNames.includes(name));
  return (
    <>
      <input
        aria-label={label}
        list="ia-secret-names"
        placeholder="secret name"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {unknown.length > 0 && (
        <span class="warning">
          Not saved yet: {unknown.join(', ')}. Add {unknown.length === 1 ? 'it' : 'them'} under Secrets.
        </span>
      )}
    </>
  );
}
