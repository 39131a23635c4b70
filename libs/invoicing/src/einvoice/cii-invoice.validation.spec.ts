import {
  describeFindings,
  EinvoicingValidators,
  einvoicingValidators,
  ValidatorReport,
} from '../../../../test/support/einvoicing-validators';
import { buildCiiInvoice } from './cii-invoice';
import { SCENARIOS } from './cii-scenarios.fixture';

/**
 * Every kind of document the Chambre issues passes the four official validators (the Factur-X
 * EN16931 XSD, the Factur-X and CEN EN 16931 schematrons, the French CTC rules) with no fatal
 * assertion. Warnings are printed, not failed: they name what a stricter reader may ask.
 */
describe('the Factur-X EN 16931 XML, checked by the official validators', () => {
  let validators: EinvoicingValidators;

  beforeAll(async () => {
    // The first run compiles each schematron to SEF: about 40 s for the three on a quiet machine
    // of two cores, over 3 min when it is busy. Later runs read the cached SEFs (under a second).
    validators = await einvoicingValidators();
    // eslint-disable-next-line no-console -- compile or cache, the figure the issue asks for
    console.info(
      `e-invoicing validators ready: ${validators.preparation
        .map(
          (step) =>
            `${step.validator} ${step.ms} ms${step.cached ? ' (cached SEF)' : ' (compiled)'}`,
        )
        .join(', ')}`,
    );
  }, 600_000);

  it.each(SCENARIOS)(
    '$name passes all four with zero fatal assertion',
    async ({ name, document }) => {
      const reports: ValidatorReport[] = await validators.validate(buildCiiInvoice(document));
      const warnings = describeFindings(reports, 'warning');
      // eslint-disable-next-line no-console -- timings, and warnings kept visible
      console.info(
        `${name}: ${reports.map((r) => `${r.validator} ${r.durationMs} ms`).join(', ')}` +
          (warnings ? `\nwarnings:\n${warnings}` : '\nno warning'),
      );
      expect(reports.map((r) => r.validator)).toEqual(['xsd', 'factur-x', 'en16931', 'br-fr']);
      expect(describeFindings(reports, 'fatal')).toBe('');
    },
  );

  it('reports a fatal assertion of each kind of validator on a broken document', async () => {
    // A validator that said nothing of anything would pass every test above.
    const document = SCENARIOS[0].document;
    const xml = buildCiiInvoice(document)
      .replace('<ram:SubjectCode>PMD</ram:SubjectCode>', '<ram:SubjectCode>ZZZ</ram:SubjectCode>')
      .replace(
        /<ram:BusinessProcessSpecifiedDocumentContextParameter>[\s\S]*?<\/ram:BusinessProcessSpecifiedDocumentContextParameter>/,
        '',
      )
      .replace(
        '<ram:GrandTotalAmount>1440.00</ram:GrandTotalAmount>',
        '<ram:GrandTotalAmount>1440.01</ram:GrandTotalAmount>',
      )
      .replace(
        '<ram:TypeCode>380</ram:TypeCode>',
        '<ram:TypeCode>380</ram:TypeCode><ram:Unknown>x</ram:Unknown>',
      );
    const reports = await validators.validate(xml);
    const fatalIds = (validator: string) =>
      reports.find((r) => r.validator === validator)!.fatal.map((finding) => finding.id);
    expect(fatalIds('xsd').length).toBeGreaterThan(0);
    expect(fatalIds('en16931')).toContain('BR-CO-15');
    expect(fatalIds('br-fr')).toEqual(
      expect.arrayContaining(['BR-FR-05_BT-22_PMD', 'BR-FR-08_BT-23']),
    );
    expect(fatalIds('factur-x').length).toBeGreaterThan(0);
  });
});
