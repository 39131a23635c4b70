import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, Environment } from '@mutualis/core';
import {
  ChannelRefusedError,
  TransmissionChannelAdapter,
  TransmissionProgress,
  TransmissionStep,
  TransmittedInvoice,
} from '../transmission-channel';
import type { LifecycleFact } from '../transmission.types';
import { flowVerdict, mapInvoiceStatus } from './chorus-pro-statuses';
import { ChorusProClient, ChorusProSettings } from './chorus-pro.client';

/*
 * The services used and the fields read, from the published specifications (Spécifications
 * externes Chorus Pro, annexe API; the AIFE's pages on communaute.chorus-pro.gouv.fr) and the
 * PISTE catalogue. What could not be confirmed offline is kept to this file and listed in
 * ../README.md: the paths below the API's base, and the shapes of the supplier-side search and
 * consultation answers, which are read defensively.
 */
const DEPOSIT_PATH = '/factures/v1/deposer/flux';
const REPORT_PATH = '/transverses/v1/consulterCRDetaille';
const SEARCH_PATH = '/factures/v1/rechercher/fournisseur';
const CONSULT_PATH = '/factures/v1/consulter/fournisseur';
/** Flux E2 (a PDF with its structured data) in the Factur-X syntax. */
export const FACTURX_SYNTAX = 'IN_DP_E2_CII_FACTURX';

/** Every Chorus Pro answer carries a return code: 0 is success. */
interface ChorusAnswer {
  codeRetour?: number;
  libelle?: string;
}

interface DepositAnswer extends ChorusAnswer {
  numeroFluxDepot?: string;
  dateDepot?: string;
}

interface ReportError {
  numeroDP?: string;
  libelleErreurDP?: string;
}

interface ReportAnswer extends ChorusAnswer {
  etatCourantDepotFlux?: string;
  dateHeureEtatCourantFlux?: string;
  /** An object for one error in the published example, a list for several. */
  listeErreurDP?: ReportError | ReportError[] | null;
}

interface SearchAnswer extends ChorusAnswer {
  listeFactures?: { idFacture?: number | string; numeroFacture?: string; statut?: string }[];
}

interface StatusEntry {
  statutCode?: string;
  statutDateHeure?: string;
  statutCommentaire?: string | null;
}

interface ConsultAnswer extends ChorusAnswer {
  statut?: string;
  statutCourant?: string;
  historiqueDesStatuts?: { histoStatut?: StatusEntry[] } | StatusEntry[] | null;
}

/** The settings when all six are present; null otherwise (the adapter is not configured). */
export function chorusProSettings(
  config: ConfigService<Environment, true>,
): ChorusProSettings | null {
  type ChorusKey =
    | 'CHORUS_PRO_API_URL'
    | 'CHORUS_PRO_TOKEN_URL'
    | 'CHORUS_PRO_CLIENT_ID'
    | 'CHORUS_PRO_CLIENT_SECRET'
    | 'CHORUS_PRO_LOGIN'
    | 'CHORUS_PRO_PASSWORD';
  const read = (key: ChorusKey): string | undefined =>
    config.get<string | undefined>(key, { infer: true }) || undefined;
  const apiUrl = read('CHORUS_PRO_API_URL');
  const tokenUrl = read('CHORUS_PRO_TOKEN_URL');
  const clientId = read('CHORUS_PRO_CLIENT_ID');
  const clientSecret = read('CHORUS_PRO_CLIENT_SECRET');
  const login = read('CHORUS_PRO_LOGIN');
  const password = read('CHORUS_PRO_PASSWORD');
  if (!apiUrl || !tokenUrl || !clientId || !clientSecret || !login || !password) return null;
  const timeoutMs = config.get('CHORUS_PRO_TIMEOUT_MS', { infer: true });
  return { apiUrl, tokenUrl, clientId, clientSecret, login, password, timeoutMs };
}

/**
 * Public buyers' invoices: the stored Factur-X deposited as a flux E2 (`deposerFlux`), the
 * file's integration report followed (`consulterCRDetaille`), then the invoice found by its
 * number (`rechercherFactureParFournisseur`) and its statuses read with their times
 * (`consulterFactureParFournisseur`).
 */
@Injectable()
export class ChorusProChannelAdapter extends TransmissionChannelAdapter {
  readonly channel = 'chorus_pro' as const;
  private readonly client: ChorusProClient | null;

  constructor(
    config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {
    super();
    const settings = chorusProSettings(config);
    this.client = settings ? new ChorusProClient(settings) : null;
  }

  configured(): boolean {
    return this.client !== null;
  }

  async send(invoice: TransmittedInvoice): Promise<TransmissionStep> {
    const { fileName, content } = await invoice.document();
    const answer = await this.call<DepositAnswer>(DEPOSIT_PATH, {
      idUtilisateurCourant: 0,
      fichierFlux: content.toString('base64'),
      nomFichier: fileName,
      syntaxeFlux: FACTURX_SYNTAX,
      avecSignature: false,
    });
    if (!answer.numeroFluxDepot) {
      throw new ChannelRefusedError(`Chorus Pro accepted the deposit without a numeroFluxDepot`);
    }
    return { state: 'submitted', externalFlowId: answer.numeroFluxDepot, facts: [] };
  }

  async follow(
    invoice: TransmittedInvoice,
    progress: TransmissionProgress,
  ): Promise<TransmissionStep> {
    if (progress.externalInvoiceId) return this.statuses(progress.externalInvoiceId);
    const report = await this.call<ReportAnswer>(REPORT_PATH, {
      numeroFluxDepot: progress.externalFlowId,
      syntaxeFlux: FACTURX_SYNTAX,
    });
    const flowState = report.etatCourantDepotFlux ?? null;
    const verdict = flowVerdict(flowState);
    if (verdict === 'in_progress')
      return { state: 'submitted', externalStatus: flowState, facts: [] };
    if (verdict === 'rejected') {
      const errors = [report.listeErreurDP ?? []]
        .flat()
        .map((error) => error.libelleErreurDP?.trim())
        .filter((text): text is string => Boolean(text));
      return {
        state: 'rejected',
        externalStatus: flowState,
        facts: [
          {
            status: 'rejected',
            occurredAt: this.timeOf(report.dateHeureEtatCourantFlux),
            reason:
              errors.join(' ; ') ||
              `Flux refusé par Chorus Pro (${flowState}${report.libelle ? `, ${report.libelle}` : ''})`,
            source: 'chorus_pro',
            key: 'chorus:flux-rejected',
          },
        ],
      };
    }
    const found = await this.call<SearchAnswer>(SEARCH_PATH, {
      numeroFacture: invoice.number,
      rechercheFactureParFournisseur: { pageResultatDemandee: 1, nbResultatsParPage: 10 },
    });
    const match = (found.listeFactures ?? []).find(
      (candidate) => candidate.numeroFacture === invoice.number && candidate.idFacture != null,
    );
    // Integrated, but not searchable yet: asked again at the next step.
    if (!match) return { state: 'submitted', externalStatus: flowState, facts: [] };
    return this.statuses(String(match.idFacture));
  }

  /** The invoice's statuses since it was deposited, each with its time. */
  private async statuses(invoiceId: string): Promise<TransmissionStep> {
    const answer = await this.call<ConsultAnswer>(CONSULT_PATH, {
      identifiantFactureCPP: Number(invoiceId),
    });
    const current = answer.statut ?? answer.statutCourant ?? null;
    const history = Array.isArray(answer.historiqueDesStatuts)
      ? answer.historiqueDesStatuts
      : (answer.historiqueDesStatuts?.histoStatut ?? []);
    const entries = history
      .filter((entry) => entry.statutCode)
      .map((entry) => ({
        code: entry.statutCode!,
        at: this.timeOf(entry.statutDateHeure),
        comment: entry.statutCommentaire?.trim() || null,
      }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    // Without a history, what is current is all we know, seen now.
    if (entries.length === 0 && current)
      entries.push({ code: current, at: this.clock.now(), comment: null });

    const facts: LifecycleFact[] = [];
    let state: TransmissionStep['state'] = 'processing';
    for (const entry of entries) {
      const mapped = mapInvoiceStatus(entry.code);
      if (!mapped) continue;
      if (mapped.state !== 'processing') state = mapped.state;
      facts.push({
        status: mapped.status,
        occurredAt: entry.at,
        reason:
          mapped.status === 'rejected'
            ? (entry.comment ?? `Rejetée sur Chorus Pro (${entry.code}), motif non communiqué`)
            : entry.comment,
        source: 'chorus_pro',
        key: mapped.repeatable
          ? `chorus:${mapped.status}:${entry.at.toISOString()}`
          : `chorus:${mapped.status}`,
      });
    }
    return {
      state,
      externalInvoiceId: invoiceId,
      externalStatus: current ?? entries.at(-1)?.code ?? null,
      facts,
    };
  }

  private async call<T extends ChorusAnswer>(path: string, body: unknown): Promise<T> {
    if (!this.client) throw new Error('Chorus Pro is not configured');
    const answer = await this.client.post<T>(path, body);
    if (answer.codeRetour !== undefined && answer.codeRetour !== 0) {
      throw new ChannelRefusedError(
        `Chorus Pro ${path} answered codeRetour ${answer.codeRetour}${answer.libelle ? ` (${answer.libelle})` : ''}`,
      );
    }
    return answer;
  }

  private timeOf(value: string | undefined | null): Date {
    const parsed = value ? new Date(value) : null;
    return parsed && !Number.isNaN(parsed.getTime()) ? parsed : this.clock.now();
  }
}
