import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EVENT_ROUTES, JOB_QUEUES } from './event-routes';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Literals that spell a wire name but are not one: audit actions share the `entity.verb` form
 * and a few of their words with events, and are a vocabulary of their own.
 */
const NOT_EVENTS = [
  {
    file: 'libs/catalogue/src/services/offering-moderation.service.ts',
    literal: 'offering.published',
  },
  {
    file: 'libs/catalogue/src/services/offering-moderation.service.ts',
    literal: 'offering.rejected',
  },
  { file: 'libs/core/src/audit/audit-log.int-spec.ts', literal: 'offering.published' },
  { file: 'apps/api/src/admin/audit.dto.ts', literal: 'offering.published' },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // Migrations are history: their SQL names the wire strings of the rows they change.
    if (entry.isDirectory())
      return ['node_modules', 'migrations'].includes(entry.name) ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.events.ts') ? [path] : [];
  });
}

describe('event and job names', () => {
  // The tables are typed over the whole catalogue, so their keys are every wire name.
  const names = [...Object.keys(EVENT_ROUTES), ...Object.keys(JOB_QUEUES)];

  it('are written as strings only in the <context>.events.ts files', () => {
    const quoted = new RegExp(
      `(['"\`])(${names.map((n) => n.replace(/[.-]/g, '\\$&')).join('|')})\\1`,
      'g',
    );
    const found: string[] = [];
    const files = [
      ...sources(join(ROOT, 'libs')),
      ...readdirSync(join(ROOT, 'apps'))
        .filter((app) => app !== 'web')
        .flatMap((app) => sources(join(ROOT, 'apps', app))),
    ];
    for (const path of files) {
      const file = relative(ROOT, path);
      if (path === __filename) continue;
      // Code only: a comment may name the event it explains.
      const code = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join('\n');
      for (const match of code.matchAll(quoted)) {
        const literal = match[2];
        if (NOT_EVENTS.some((allowed) => allowed.file === file && allowed.literal === literal))
          continue;
        found.push(`${file}: '${literal}'`);
      }
    }
    // Use the context's constant instead (BookingEvents.Cancelled, NotificationsJobs.Deliver…).
    expect(found).toEqual([]);
  });

  it('are unique across the contexts', () => {
    expect(new Set(names).size).toBe(names.length);
  });
});
