import { describe, expect, it } from 'vitest';
import { campaignDone, campaignsOf, percent, pollInterval, reportLines } from './progress';
import type { Campaign, ImportReport } from './types';

const campaign: Campaign = {
  id: 'c1',
  year: 2028,
  status: 'running',
  total: 16_600,
  pending: 600,
  issued: 15_900,
  failed: 80,
  skipped: 20,
  launchedAt: '2027-11-01T08:00:00Z',
  completedAt: null,
  failures: [],
};

describe('a running campaign or import', () => {
  it('is asked every 2 s while it runs, and no more once done', () => {
    expect(pollInterval('running')).toBe(2_000);
    expect(pollInterval('completed')).toBe(false);
    expect(pollInterval(undefined)).toBe(false);
  });

  it('counts issued, failed and skipped organisations as done', () => {
    expect(campaignDone(campaign)).toBe(16_000);
    expect(percent(16_000, 16_600)).toBe(96);
    expect(percent(0, 0)).toBe(100);
  });

  it('reads the campaigns of a year whether the api answers a list, a page or one campaign', () => {
    expect(campaignsOf([campaign])).toEqual([campaign]);
    expect(campaignsOf({ items: [campaign], nextCursor: null })).toEqual([campaign]);
    expect(campaignsOf(campaign)).toEqual([campaign]);
    expect(campaignsOf(null)).toEqual([]);
  });
});

describe('the dry run report', () => {
  const report: ImportReport = {
    total: 3,
    create: 1,
    update: 1,
    refuse: 1,
    lines: [
      {
        line: 3,
        action: 'update',
        siret: '35600000000048',
        rna: null,
        legalName: 'B',
        reasons: [],
      },
      { line: 2, action: 'refuse', siret: '123', rna: null, legalName: 'A', reasons: ['SIRET'] },
      { line: 4, action: 'create', siret: null, rna: 'W123456789', legalName: 'C', reasons: [] },
    ],
  };

  it('lists lines in file order, or the refused ones only', () => {
    expect(reportLines(report, false).map((line) => line.line)).toEqual([2, 3, 4]);
    expect(reportLines(report, true).map((line) => line.line)).toEqual([2]);
  });
});
