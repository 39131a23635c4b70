import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The import boundaries of eslint.config.mjs (README, "How the code is organised"): each
 * sample is linted as if it were the named file, with the project's own configuration.
 */
interface Sample {
  filePath: string;
  code: string;
}
type Messages = { ruleId: string | null; message: string }[];

const forbidden: [what: string, sample: Sample, says: RegExp][] = [
  [
    'a lib importing an app',
    {
      filePath: 'libs/testing/src/x.ts',
      code: "import { ApiModule } from '../../../apps/api/src/api.module';",
    },
    /A lib does not import the apps/,
  ],
  [
    "a deep import into another lib's files by its alias",
    {
      filePath: 'libs/reconciliation/src/x.ts',
      code: "import { isValidRfReference } from '@mutualis/invoicing/domain/rf-reference';",
    },
    /through its index/,
  ],
  [
    "a deep import into another lib's files by a relative path",
    {
      filePath: 'libs/reconciliation/src/matching/x.ts',
      code: "import { isValidRfReference } from '../../../invoicing/src/domain/rf-reference';",
    },
    /through its index/,
  ],
  [
    'a deep re-export',
    { filePath: 'libs/booking/src/index.ts', code: "export * from '@mutualis/core/money/money';" },
    /through its index/,
  ],
  [
    'a lib importing the layer above it',
    {
      filePath: 'libs/booking/src/services/x.ts',
      code: "import { InvoiceRepository } from '@mutualis/invoicing';",
    },
    /booking may import only core, documents, identity, catalogue: invoicing is not below it/,
  ],
  [
    'a type-only import against the layers',
    {
      filePath: 'libs/catalogue/src/x.ts',
      code: "import type { BookingView } from '@mutualis/booking';",
    },
    /catalogue may import only core, documents, identity: booking is not below it/,
  ],
  [
    'core importing any other lib',
    { filePath: 'libs/core/src/x.ts', code: "import { luhnSum } from '@mutualis/identity';" },
    /core may import only no other lib: identity is not below it/,
  ],
  [
    'payments importing notifications, the layer above it',
    {
      filePath: 'libs/payments/src/x.ts',
      code: "import { NotificationsModule } from '@mutualis/notifications';",
    },
    /notifications is not below it/,
  ],
  [
    'production code importing the testing lib',
    {
      filePath: 'libs/booking/src/services/x.ts',
      code: "import { uniqueEmail } from '@mutualis/testing';",
    },
    /The testing lib is for specs only/,
  ],
  [
    'a lib importing its own index',
    {
      filePath: 'libs/booking/src/services/x.ts',
      code: "import { BookingModule } from '@mutualis/booking';",
    },
    /Inside booking, import its files by relative paths/,
  ],
  [
    "an app importing a lib's files",
    {
      filePath: 'apps/api/src/x.ts',
      code: "import { Booking } from '@mutualis/booking/entities';",
    },
    /through its index/,
  ],
  [
    "a test importing a lib's files by a relative path",
    {
      filePath: 'test/booking/x.e2e-spec.ts',
      code: "import { Booking } from '../../libs/booking/src/entities';",
    },
    /through its index/,
  ],
];

const allowed: [what: string, sample: Sample][] = [
  [
    'a lib importing the layers below it',
    {
      filePath: 'libs/booking/src/x.ts',
      code: "import { Clock } from '@mutualis/core';\nimport { Offering } from '@mutualis/catalogue';",
    },
  ],
  [
    'relative imports inside a lib',
    {
      filePath: 'libs/booking/src/services/x.ts',
      code: "import { Booking } from '../entities/booking.entity';",
    },
  ],
  [
    'a spec of a lib using the testing lib',
    {
      filePath: 'libs/booking/src/x.int-spec.ts',
      code: "import { createTestContext } from '@mutualis/testing';",
    },
  ],
  [
    'reconciliation reading payments and notifications',
    {
      filePath: 'libs/reconciliation/src/x.ts',
      code: "import { Payment } from '@mutualis/payments';\nimport { NotificationsModule } from '@mutualis/notifications';",
    },
  ],
  [
    'privacy, on top, reading every context',
    {
      filePath: 'libs/privacy/src/x.ts',
      code: "import { ReconciliationModule } from '@mutualis/reconciliation';",
    },
  ],
  [
    'an app importing a lib by its index',
    { filePath: 'apps/api/src/x.ts', code: "import { BookingModule } from '@mutualis/booking';" },
  ],
  [
    'the end-to-end harness building the api',
    {
      filePath: 'test/support/x.ts',
      code: "import { ApiModule } from '../../apps/api/src/api.module';",
    },
  ],
  [
    "Jest's global setup, outside the module map",
    {
      filePath: 'test/support/global-setup.ts',
      code: "import { migrateDatabase } from '../../libs/core/src/database/migrator';",
    },
  ],
];

describe('import boundaries (eslint.config.mjs)', () => {
  let messages: Messages[];

  beforeAll(() => {
    const samples = [
      ...forbidden.map(([, sample]) => sample),
      ...allowed.map(([, sample]) => sample),
    ];
    const output = execFileSync(process.execPath, [join(__dirname, 'lint-imports.mjs')], {
      input: JSON.stringify(samples),
      encoding: 'utf8',
    });
    messages = JSON.parse(output) as Messages[];
  });

  it.each(forbidden.map(([what, sample, says], index) => ({ what, sample, says, index })))(
    'reports $what',
    ({ says, index }) => {
      expect(messages[index]).toEqual([
        { ruleId: 'no-restricted-imports', message: expect.stringMatching(says) },
      ]);
    },
  );

  it.each(
    allowed.map(([what, sample], index) => ({ what, sample, index: forbidden.length + index })),
  )('allows $what', ({ index }) => {
    expect(messages[index]).toEqual([]);
  });
});
