/** `$.actions[2].headers[0].name`: where in a file a problem is, as JSONPath and editors show it. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let text = '$';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) text += `.${part}`;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text;
}

/** A problem in a config, where it is and why. */
export interface ConfigProblem {
  path: string;
  message: string;
}

export function describeProblems(problems: readonly ConfigProblem[], max = 20): string {
  const shown = problems.slice(0, max).map((problem) => `${problem.path}: ${problem.message}`);
  if (problems.length > max) shown.push(`…and ${problems.length - max} more`);
  return shown.join('\n');
}
