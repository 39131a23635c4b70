// The Chorus Pro stand-in of the tests, for `npm run demo` (started by scripts/demo.js through
// bench/register.js, which compiles TypeScript on the fly): public buyers' invoices are
// deposited to it and go, one consultation at a time, from DEPOSEE to MISE_EN_PAIEMENT.
import { ChorusProStandIn } from '@mutualis/testing';

async function main(): Promise<void> {
  const env = process.env;
  const standIn = await ChorusProStandIn.start({
    port: Number(env.CHORUS_STAND_IN_PORT || 8740),
    credentials: {
      clientId: env.CHORUS_PRO_CLIENT_ID ?? '',
      clientSecret: env.CHORUS_PRO_CLIENT_SECRET ?? '',
      login: env.CHORUS_PRO_LOGIN ?? '',
      password: env.CHORUS_PRO_PASSWORD ?? '',
    },
    defaultInvoiceScript: ['MISE_A_DISPOSITION', 'SERVICE_FAIT', 'MISE_EN_PAIEMENT'],
  });
  const stop = (): void => {
    void standIn.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Chorus Pro stand-in: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
