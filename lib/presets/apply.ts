import type { Action } from '../model/action';
import type { Preset } from '../sites/preset';

/**
 * The action with a preset's request shape: method, headers, body, auth, signing and lifecycle are the preset's; its
 * variables and questions replace ones of the same name and keep the rest. The label, URL, conditions and
 * enabled state stay the user's.
 */
export function applyPreset(action: Action, preset: Preset): Action {
  const { fields } = preset;
  const merge = <T extends { name: string }>(mine: T[] | undefined, theirs: T[] | undefined) => {
    if (!theirs?.length) return mine;
    const names = new Set(theirs.map((item) => item.name));
    return [...(mine ?? []).filter((item) => !names.has(item.name)), ...theirs];
  };
  return {
    ...action,
    method: fields.method,
    headers: fields.headers.map((header) => ({ ...header })),
    bodyFormat: fields.bodyFormat,
    body: fields.body,
    variables: merge(action.variables, fields.variables),
    prompts: merge(action.prompts, fields.prompts),
    auth: fields.auth,
    signing: fields.signing && { ...fields.signing, secrets: [...fields.signing.secrets] },
    lifecycle: fields.lifecycle && structuredClone(fields.lifecycle),
  };
}
