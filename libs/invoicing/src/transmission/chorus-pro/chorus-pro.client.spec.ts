import { ChorusProStandIn } from '@mutualis/testing';
import { ChannelRefusedError, ChannelUnavailableError } from '../transmission-channel';
import { ChorusProClient } from './chorus-pro.client';

const DEPOSIT = '/factures/v1/deposer/flux';
const pdf = Buffer.from('%PDF-1.7 test').toString('base64');
const depositBody = {
  idUtilisateurCourant: 0,
  fichierFlux: pdf,
  nomFichier: 'F-2026-000001.pdf',
  syntaxeFlux: 'IN_DP_E2_CII_FACTURX',
  avecSignature: false,
};

describe('ChorusProClient (against the Chorus Pro stand-in)', () => {
  let standIn: ChorusProStandIn;
  let client: ChorusProClient;

  beforeEach(async () => {
    standIn = await ChorusProStandIn.start();
    const env = standIn.env();
    client = new ChorusProClient({
      apiUrl: env.CHORUS_PRO_API_URL,
      tokenUrl: env.CHORUS_PRO_TOKEN_URL,
      clientId: env.CHORUS_PRO_CLIENT_ID,
      clientSecret: env.CHORUS_PRO_CLIENT_SECRET,
      login: env.CHORUS_PRO_LOGIN,
      password: env.CHORUS_PRO_PASSWORD,
      timeoutMs: 5_000,
    });
  });

  afterEach(() => standIn.stop());

  it('asks PISTE for one token and reuses it until it expires', async () => {
    await client.post(DEPOSIT, depositBody);
    await client.post(DEPOSIT, { ...depositBody, nomFichier: 'F-2026-000002.pdf' });
    expect(standIn.tokensIssued).toBe(1);
    expect(standIn.deposits.map((deposit) => deposit.numeroFacture)).toEqual([
      'F-2026-000001',
      'F-2026-000002',
    ]);
  });

  it('gets one new token when the current one is refused mid-flow, and deposits once', async () => {
    await client.post('/transverses/v1/consulterCRDetaille', { numeroFluxDepot: 'none' });
    standIn.expireTokens();

    const answer = await client.post<{ numeroFluxDepot: string }>(DEPOSIT, depositBody);

    expect(standIn.tokensIssued).toBe(2);
    expect(standIn.deposits.map((deposit) => deposit.numeroFluxDepot)).toEqual([
      answer.numeroFluxDepot,
    ]);
    expect(standIn.callsTo(`/cpro${DEPOSIT}`).map((call) => call.status)).toEqual([401, 200]);
  });

  it('says "unavailable" when the API is down, and "refused" when it rejects the request', async () => {
    standIn.down(1);
    await expect(client.post(DEPOSIT, depositBody)).rejects.toBeInstanceOf(ChannelUnavailableError);
    await expect(
      client.post(DEPOSIT, { ...depositBody, syntaxeFlux: 'PDF' }),
    ).rejects.toBeInstanceOf(ChannelRefusedError);
    expect(standIn.deposits).toEqual([]);
  });

  it('says "unavailable" when Chorus Pro cannot be reached at all', async () => {
    await standIn.stop();
    await expect(client.post(DEPOSIT, depositBody)).rejects.toBeInstanceOf(ChannelUnavailableError);
  });
});
