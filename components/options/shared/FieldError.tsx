export function FieldError({ message }: { message?: string }) {
  return message ? (
    <p class="field-error" role="alert">
      {message}
    </p>
  ) : null;
}
