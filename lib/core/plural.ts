/** "1 attempt", "2 attempts", "100,000 runs": a count and its noun, the count written as English writes it. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
