/** The ✕ at the end of a row (a header, a question, a rule, a constant); `label` says which, for screen readers. */
export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" aria-label={label} onClick={onClick}>
      ✕
    </button>
  );
}
