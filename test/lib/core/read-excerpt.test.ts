import { describe, expect, it, vi } from 'vitest';
import { readExcerpt } from '@/lib/core/read-excerpt';
import { RESPONSE_EXCERPT_CHARS } from '@/lib/model/log-entry';

describe('readExcerpt', () => {
  it('returns short bodies whole and an empty body as ""', async () => {
    expect(await readExcerpt(new Response('short'), 10)).toBe('short');
    expect(await readExcerpt(new Response(null, { status: 204 }), 10)).toBe('');
  });

  it('stops reading an endless body at the limit and cancels the download', async () => {
    const cancel = vi.fn();
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        // 300 does not divide the limit.
        controller.enqueue(new TextEncoder().encode('x'.repeat(300)));
      },
      cancel,
    });
    const excerpt = await readExcerpt(new Response(endless), RESPONSE_EXCERPT_CHARS);
    expect(excerpt).toBe(`${'x'.repeat(RESPONSE_EXCERPT_CHARS)}…`);
    expect(cancel).toHaveBeenCalled();
    expect(pulls).toBeLessThan(10);
  });

  it('marks a cut body even when a chunk ends exactly at the limit', async () => {
    const chunks = ['a'.repeat(500), 'b'.repeat(500), 'c'.repeat(500), 'd'.repeat(500), 'more'];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    const excerpt = await readExcerpt(new Response(stream), 2_000);
    expect(excerpt).toHaveLength(2_001);
    expect(excerpt.endsWith('d…')).toBe(true);
    expect(await readExcerpt(new Response('x'.repeat(2_000)), 2_000)).toBe('x'.repeat(2_000));
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('é火🔥');
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    expect(await readExcerpt(new Response(chunked), 100)).toBe('é火🔥');
  });

  it('hides a value that spans the cut, reading as far past it as the value is long', async () => {
    const hide = (text: string) => text.replaceAll('SECRETVALUE', '••');
    const body = `${'x'.repeat(8)}SECRETVALUE${'y'.repeat(20)}`;
    expect(await readExcerpt(new Response(body), 12, hide, 'SECRETVALUE'.length)).toBe(`${'x'.repeat(8)}••yy…`);
    // Without the overlap, the cut would keep the value's start.
    expect(await readExcerpt(new Response(body), 12, hide)).toBe(`${'x'.repeat(8)}SECR…`);
  });
});
