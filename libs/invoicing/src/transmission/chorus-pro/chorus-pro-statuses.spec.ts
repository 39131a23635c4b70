import { flowVerdict, mapInvoiceStatus } from './chorus-pro-statuses';

describe('Chorus Pro statuses', () => {
  it('accepts an integrated file, rejects a refused one, and waits on the others', () => {
    expect(flowVerdict('IN_INTEGRE')).toBe('accepted');
    for (const refused of ['IN_REJETE', 'IN_INCIDENTE', 'IN_INTEGRE_PARTIEL', 'QP_IRRECEVABLE'])
      expect(flowVerdict(refused)).toBe('rejected');
    for (const waiting of ['IN_RECU', 'IN_EN_ATTENTE_TRAITEMENT_CPP', 'QP_RECEVABLE', null, 'NEW'])
      expect(flowVerdict(waiting)).toBe('in_progress');
  });

  it('maps the invoice statuses to the lifecycle, ending the follow-up when paid or rejected', () => {
    expect(mapInvoiceStatus('DEPOSEE')).toMatchObject({ status: 'deposited', state: 'processing' });
    expect(mapInvoiceStatus('MISE_A_DISPOSITION')?.status).toBe('made_available');
    expect(mapInvoiceStatus('SUSPENDUE')).toMatchObject({ status: 'suspended', repeatable: true });
    for (const approved of ['SERVICE_FAIT', 'MANDATEE', 'COMPTABILISEE'])
      expect(mapInvoiceStatus(approved)).toMatchObject({ status: 'approved', repeatable: false });
    expect(mapInvoiceStatus('MISE_EN_PAIEMENT')).toMatchObject({
      status: 'paid',
      state: 'completed',
    });
    expect(mapInvoiceStatus('REJETEE')).toMatchObject({ status: 'rejected', state: 'rejected' });
    expect(mapInvoiceStatus('A_RECYCLER')?.state).toBe('rejected');
    expect(mapInvoiceStatus('EN_COURS_ACHEMINEMENT')).toBeNull();
  });
});
