import { CHAT_PRESETS } from './chat';
import { GENERIC_PRESETS } from './generic';
import { OPSGENIE_PRESETS } from './opsgenie';
import { PAGERDUTY_PRESETS } from './pagerduty';
import { PAGERTREE_PRESETS } from './pagertree';
import type { Preset } from './types';

export type { Preset, PresetFields } from './types';

/** Every preset, in the picker's order. */
export const PRESETS: readonly Preset[] = [
  ...PAGERDUTY_PRESETS,
  ...PAGERTREE_PRESETS,
  ...OPSGENIE_PRESETS,
  ...CHAT_PRESETS,
  ...GENERIC_PRESETS,
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
