/**
 * The payment conditions French law asks an invoice to state (code de commerce L441-9): the
 * conditions of early payment, the rate of late-payment penalties and the 40 € recovery
 * indemnity — or, for a public buyer, the public-procurement equivalents. The PDF prints them in
 * its « Mentions légales » and the e-invoice carries them as notes (AAB, PMD, PMT): one wording
 * for both, so the two never say different things.
 *
 * The text is the one `invoice-pdf.renderer.ts` prints (its `paymentConditions`); the renderer
 * can take it from here.
 */
export interface PaymentConditions {
  /** AAB: the conditions of early payment, or that there is no discount. */
  earlyPaymentDiscount: string;
  /** PMD: what a late payment costs (penalties, or a public buyer's moratorium interest). */
  latePaymentPenalties: string;
  /** PMT: the fixed recovery indemnity. */
  recoveryIndemnity: string;
}

export const NO_EARLY_PAYMENT_DISCOUNT = "Pas d'escompte pour paiement anticipé.";

/**
 * A professional buyer owes penalties at the Chambre's rate and the 40 € indemnity (L441-10,
 * D441-5); a public buyer owes moratorium interest at the ECB rate plus eight points and the
 * same indemnity under the public-procurement code instead (R2192-31, D2192-35).
 */
export function paymentConditions(terms: {
  publicBuyer: boolean;
  /** « trois fois le taux d'intérêt légal »: the Chambre's rate, as it was when issued. */
  latePenaltyRate: string;
  earlyPaymentDiscount?: string;
}): PaymentConditions {
  const earlyPaymentDiscount = terms.earlyPaymentDiscount ?? NO_EARLY_PAYMENT_DISCOUNT;
  if (terms.publicBuyer) {
    return {
      earlyPaymentDiscount,
      latePaymentPenalties:
        'Intérêts moratoires (art. R2192-31 du code de la commande publique) : taux de la Banque ' +
        'centrale européenne à ses opérations principales de refinancement, en vigueur au premier ' +
        'jour du semestre où ils commencent à courir, majoré de huit points.',
      recoveryIndemnity:
        'Indemnité forfaitaire pour frais de recouvrement : 40 € (art. D2192-35 du code de la ' +
        'commande publique).',
    };
  }
  return {
    earlyPaymentDiscount,
    latePaymentPenalties:
      `Pénalités de retard (art. L441-10 du code de commerce) : ${terms.latePenaltyRate}, ` +
      "dès le lendemain de l'échéance.",
    recoveryIndemnity:
      'Indemnité forfaitaire pour frais de recouvrement : 40 € (art. D441-5 du code de commerce).',
  };
}

/** The training provider's declaration (code du travail L6352-12), with its required caveat. */
export function trainingDeclarationMention(number: string): string {
  return (
    `Déclaration d'activité enregistrée sous le n° ${number}. ` +
    "Cet enregistrement ne vaut pas agrément de l'État."
  );
}

/** CGI art. 269, 2, c: the seller pays the VAT when it invoices, not when it is paid. */
export const VAT_ON_DEBITS_MENTION = "Option pour le paiement de la taxe d'après les débits";
