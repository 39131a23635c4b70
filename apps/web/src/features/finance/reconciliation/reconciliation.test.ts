import { describe, expect, it } from 'vitest';
import {
  allocationAmount,
  importPollInterval,
  importProgress,
  isCsvFile,
  MAX_STATEMENT_BYTES,
  scorePercent,
  scoreTone,
  validateStatementFile,
} from './reconciliation';

describe('validateStatementFile', () => {
  it('asks for a file, refuses other types and files the api would refuse as too large', () => {
    expect(validateStatementFile(null)).toBe('fileRequired');
    expect(validateStatementFile({ name: 'releve.pdf', size: 10 })).toBe('fileType');
    expect(validateStatementFile({ name: 'releve.xml', size: MAX_STATEMENT_BYTES + 1 })).toBe(
      'fileTooLarge',
    );
  });

  it('accepts CAMT.053 XML and CSV exports, whatever the case of the extension', () => {
    expect(validateStatementFile({ name: 'camt053.XML', size: 2000 })).toBeNull();
    expect(validateStatementFile({ name: 'export.csv', size: MAX_STATEMENT_BYTES })).toBeNull();
    expect(isCsvFile('export.CSV')).toBe(true);
    expect(isCsvFile('camt053.xml')).toBe(false);
  });
});

describe('importProgress', () => {
  it('moves through queued, processing and a final state', () => {
    expect(importProgress('queued')).toEqual({ step: 1, of: 3, finished: false, failed: false });
    expect(importProgress('processing')).toMatchObject({ step: 2, finished: false });
    expect(importProgress('done')).toEqual({ step: 3, of: 3, finished: true, failed: false });
    expect(importProgress('failed')).toEqual({ step: 3, of: 3, finished: true, failed: true });
  });

  it('polls until the import is finished', () => {
    expect(importPollInterval(undefined)).toBe(1000);
    expect(importPollInterval('processing')).toBe(1000);
    expect(importPollInterval('done')).toBe(false);
    expect(importPollInterval('failed')).toBe(false);
  });
});

describe('scores', () => {
  it('shows a score as a bounded whole percentage', () => {
    expect(scorePercent(0.6)).toBe(60);
    expect(scorePercent(0.955)).toBe(96);
    expect(scorePercent(1.2)).toBe(100);
  });

  it('colours strong, plausible and weak candidates', () => {
    expect(scoreTone(0.9)).toBe('ok');
    expect(scoreTone(0.6)).toBe('warn');
    expect(scoreTone(0.4)).toBe('danger');
  });
});

describe('allocationAmount', () => {
  it('leaves the amount to the api when nothing is typed', () => {
    expect(allocationAmount('  ')).toEqual({ amountCents: undefined });
  });

  it('reads euros typed the French way', () => {
    expect(allocationAmount('1 234,50')).toEqual({ amountCents: 123450 });
    expect(allocationAmount('80 €')).toEqual({ amountCents: 8000 });
  });

  it('refuses what is not a positive amount', () => {
    expect(allocationAmount('abc')).toEqual({ error: 'amountInvalid' });
    expect(allocationAmount('0')).toEqual({ error: 'amountInvalid' });
    expect(allocationAmount('-5')).toEqual({ error: 'amountInvalid' });
  });
});
