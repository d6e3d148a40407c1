/** What a change did, said once it is done ("Saved …"); nothing when there is nothing to say. */
export function Notice({ message, class: extra }: { message?: string; class?: string }) {
  return message ? (
    <p class={extra ? `notice ${extra}` : 'notice'} role="status">
      {message}
    </p>
  ) : null;
}
