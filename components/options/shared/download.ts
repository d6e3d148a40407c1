/** Saves text (or its parts, never joined into one string) as a file through the browser's download prompt. */
export function downloadFile(name: string, mime: string, text: string | readonly string[]): void {
  const url = URL.createObjectURL(new Blob(typeof text === 'string' ? [text] : [...text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the download has started from it (at once can cancel it in some browsers).
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
