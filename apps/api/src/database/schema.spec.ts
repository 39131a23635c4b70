import { discoverMigrations } from '../../../../test/support/migrations';
import { allMigrations } from './schema';

describe('schema', () => {
  it('lists every context’s migrations, so none is skipped in production', () => {
    const names = (list: { name: string }[]) => list.map((migration) => migration.name).sort();
    expect(names(allMigrations)).toEqual(names(discoverMigrations()));
    expect(allMigrations.length).toBeGreaterThan(0);
  });
});
