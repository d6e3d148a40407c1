/**
 * Reads at most `limit` characters of a response body, then stops the download. `hide` (masking secrets) runs
 * before the cut, over `overlap` more characters, so that a value spanning the cut is hidden whole.
 */
export async function readExcerpt(
  response: Response,
  limit: number,
  hide: (text: string) => string = (text) => text,
  overlap = 0,
): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    // `<=`: a body exactly `limit` long is read once more, so a longer one is known to be cut.
    while (text.length <= limit + overlap) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const cut = text.length > limit;
  const shown = hide(cut ? text.slice(0, limit + overlap) : text);
  return cut ? `${shown.slice(0, limit)}…` : shown;
}
