/**
 * A field regex (custom site, site fix) runs in the content script, on the page's thread, with the page's own
 * engine (a linear-time engine would cost ~65 kB gzipped there). It stays bounded by its shape and its input:
 * at most one repeat, none on a group, no backreference, over at most MAX_FIELD_INPUT characters, so the worst
 * case is about n² steps on 2,000 characters (design rule 9).
 */
export const MAX_FIELD_INPUT = 2_000;

/** Why a field regex could stall a page, or undefined. Checked at save and again before each use. */
export function fieldRegexProblem(pattern: string): string | undefined {
  let repeats = 0;
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return 'A field regex cannot use backreferences';
      index++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') inClass = true;
    else if (char === '*' || char === '+' || char === '{' || char === '?') {
      const bounded = char === '?' || /^\{\d+\}/.test(pattern.slice(index)) || /^\{\d+,1\}/.test(pattern.slice(index));
      // `?` after a repeat makes it lazy: not a repeat of its own.
      if (char === '?' && /[*+?}]/.test(pattern[index - 1] ?? '')) continue;
      if (pattern[index - 1] === ')' && !bounded)
        return 'A field regex cannot repeat a group: put the repeat on one character or class';
      if (!bounded) repeats++;
    }
  }
  return repeats > 1
    ? 'A field regex can have one repeat (*, + or {n,}) at most, so it cannot stall the page'
    : undefined;
}

/** The value a field regex picks (its first group, else the match) from the start of `text`; undefined if refused. */
export function fieldRegexValue(pattern: string, text: string): string | undefined {
  if (fieldRegexProblem(pattern)) return undefined;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch {
    return undefined;
  }
  const match = regex.exec(text.slice(0, MAX_FIELD_INPUT));
  return match ? (match[1] ?? match[0]) : undefined;
}
