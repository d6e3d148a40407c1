/** Reads at most `limit` characters of a response body, then stops the download. */
export async function readExcerpt(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    // `<=`: a body exactly `limit` long is read once more, so a longer one is known to be cut.
    while (text.length <= limit) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
