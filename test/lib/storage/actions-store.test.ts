import { describe, expect, it } from 'vitest';
import type { Action } from '@/lib/model/action';
import { deleteAction, getAction, listActions, saveAction } from '@/lib/storage/actions-store';
import { freshDatabase, makeAction } from '../../support/builders';

describe('actions store', () => {
  it('saves, lists oldest first, updates, reads and deletes actions', async () => {
    const db = await freshDatabase();
    const later = await saveAction(db, makeAction({ label: 'Later', createdAt: 2_000 }));
    const earlier = await saveAction(db, makeAction({ label: 'Earlier', createdAt: 1_000 }));
    expect(await listActions(db)).toEqual([earlier, later]);

    const renamed = await saveAction(db, { ...later, label: 'Renamed', updatedAt: 3_000 });
    expect(await getAction(db, later.id)).toEqual(renamed);
    expect(await listActions(db)).toHaveLength(2);

    await deleteAction(db, earlier.id);
    expect(await getAction(db, earlier.id)).toBeUndefined();
    expect(await listActions(db)).toEqual([renamed]);
  });

  it('stores the parsed (trimmed) action', async () => {
    const db = await freshDatabase();
    const saved = await saveAction(db, makeAction({ label: '  Padded  ' }));
    expect(saved.label).toBe('Padded');
    expect((await getAction(db, saved.id))?.label).toBe('Padded');
  });

  it('refuses an invalid action and leaves the store unchanged', async () => {
    const db = await freshDatabase();
    const kept = await saveAction(db, makeAction());
    const invalid: [Action, string][] = [
      [makeAction({ label: '' }), 'Give the button a label'],
      [makeAction({ url: 'javascript:alert(1)' }), 'Enter a full URL starting with https://'],
      [makeAction({ body: '{not json' }), 'Not valid JSON'],
      [makeAction({ headers: [{ name: 'Bad Name', value: 'x', secret: false }] }), 'A header name is letters'],
      // An update that breaks an existing action must not replace it either.
      [{ ...kept, url: 'https://{{incident.id}}.example.com/' }, 'cannot contain placeholders'],
    ];
    for (const [action, why] of invalid) await expect(saveAction(db, action)).rejects.toThrow(why);
    expect(await listActions(db)).toEqual([kept]);
  });
});
