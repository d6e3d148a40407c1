import type { Action } from '../model/action';

/** What a preset writes into an action: the request's shape. The label, URL and conditions stay the user's. */
export type PresetFields = Pick<Action, 'method' | 'headers' | 'body'> &
  Pick<Action, 'bodyFormat' | 'variables' | 'prompts' | 'auth' | 'signing' | 'lifecycle'>;

/**
 * A starting template for a receiver people already run: chosen in the action editor, then edited like any
 * other template. Plain data, one file per receiver family.
 */
export interface Preset {
  id: string;
  /** The picker's group: the receiver's vendor or kind. */
  group: string;
  label: string;
  /** One line under the picker: what consumes it and what to fill in. */
  description: string;
  fields: PresetFields;
}

/** A JSON body template, as the editor shows it. */
export const jsonBody = (tree: unknown) => JSON.stringify(tree, null, 2);

export const header = (name: string, value: string) => ({ name, value, secret: false });
