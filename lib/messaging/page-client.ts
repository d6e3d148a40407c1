import { browser } from 'wxt/browser';
import { fail, type Result } from '../core/result';
import type { Delivery, PageRequest } from './messages';

/** The options page asking the background (a send there survives the page being closed). */
export async function askBackgroundFromPage(request: PageRequest): Promise<Result<Delivery>> {
  try {
    return ((await browser.runtime.sendMessage(request)) as Result<Delivery> | undefined) ?? fail('No answer');
  } catch (error) {
    return fail(`The extension's background did not answer: ${(error as Error).message}`);
  }
}
