/**
 * The département of a French postal code: its first two digits, with Corsica (20xxx) split
 * into 2A and 2B and the overseas départements (97x) on three characters.
 */
export function departmentOfPostalCode(postalCode: string): string | null {
  if (!/^\d{5}$/.test(postalCode)) return null;
  if (postalCode.startsWith('97')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) {
    return Number(postalCode) < 20200 ? '2A' : '2B';
  }
  const department = postalCode.slice(0, 2);
  return department === '00' ? null : department;
}

export const DEPARTMENT_PATTERN = /^(\d{2}|2A|2B|97[1-8])$/;
