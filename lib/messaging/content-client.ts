import { browser } from 'wxt/browser';
import { fail } from '../core/result';
import type { ContentRequest, ReplyTo } from './messages';

/** The background's refusal of a Send whose request is no longer the one previewed: the modal previews again. */
export const ACTION_CHANGED = 'The action changed while this dialog was open: check the request again';

/** Asks the background; a dead background (extension updated, worker crashed) becomes an error value. */
export async function askBackground<T extends ContentRequest>(request: T): Promise<ReplyTo<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(request)) as ReplyTo<T> | undefined;
    return reply ?? (fail('Incident Actions did not answer: reload the page') as ReplyTo<T>);
  } catch (error) {
    return fail(`Incident Actions is not reachable (${(error as Error).message}): reload the page`) as ReplyTo<T>;
  }
}
