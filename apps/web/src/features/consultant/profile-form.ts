/** Areas of expertise typed one per line or separated by commas or semicolons, without repeats. */
export function parseExpertise(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\n,;]+/)
    .map((item) => item.trim())
    .filter((item) => {
      const key = item.toLocaleLowerCase('fr');
      if (!item || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export function expertiseToText(expertise: string[]): string {
  return expertise.join('\n');
}
