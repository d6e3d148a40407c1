import * as z from 'zod/mini';

/**
 * Values every action can use as `{{constants.<name>}}`: a team's runbook base URL, an environment name.
 * Plain values, not secrets (a secret belongs in a secret header).
 */
export const ConstantSchema = z.strictObject({
  name: z
    .string()
    .check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, 'A name is lower-case letters, digits and _, starting with a letter')),
  value: z.string().check(z.maxLength(4_000)),
});
export const ConstantsSchema = z.array(ConstantSchema).check(
  z.maxLength(100),
  z.refine((list) => new Set(list.map((c) => c.name)).size === list.length, 'Each constant needs its own name'),
);
export type Constant = z.infer<typeof ConstantSchema>;

export function constantsScope(list: readonly Constant[]): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const constant of list) scope[constant.name] = constant.value;
  return scope;
}
