import { LegalForm, MembershipStatus, PlatformRole } from '@mutualis/identity';
import type { MemberFamily } from '@mutualis/membership';

export interface DemoUser {
  email: string;
  name: string;
  roles: PlatformRole[];
  /** A published TOTP secret (base32): demo only, so anyone can try two-factor sign-in. */
  totpSecret?: string;
}

/**
 * The demo admin's and finance's two-factor secrets, printed by `npm run demo` and in the README
 * (their roles require two-factor authentication). Never use a published secret for real.
 */
export const DEMO_TOTP_SECRETS = {
  admin: 'DEMOADMINMUTUALISTOTPSECRET23456',
  finance: 'DEMOFINANCEMUTUALISTOTPSECRET234',
} as const;

export interface DemoOrganisation {
  admin: DemoUser;
  colleagues: DemoUser[];
  legalName: string;
  legalForm: LegalForm;
  siret: string;
  rna?: string;
  /** The French VAT number of the SIRET's SIREN, for those liable to VAT. */
  vatNumber?: string;
  address: { line1: string; postalCode: string; city: string };
  billingEmail: string;
  /**
   * How its membership of the current year came about, through the real process (an
   * application approved issues the invoice): `paid` (active), `unpaid_lapsed` (its invoice unpaid
   * past the grace date), `none` (pending since it registered, never applied).
   */
  membership: 'paid' | 'unpaid_lapsed' | 'none';
  /** Its membership of the year before, as the import of the Chambre's spreadsheet left it. */
  previousYear: MembershipStatus | null;
  /** What it declares in its application: the fee grid's family and headcount. */
  family: MemberFamily;
  headcount: number;
  /** Its application for next year: approved with its invoice unpaid, or waiting for the Chambre. */
  nextYear?: 'approved' | 'waiting';
  /**
   * A public body: marked so by the Chambre once registered, with its Chorus Pro structure, and
   * the engagement number its demo booking carries (its structure requires one).
   */
  publicBody?: {
    chorusStructure: { engagementNumberRequired: boolean; serviceCodeRequired: boolean };
    engagementNumber: string;
  };
}

export const DEMO_STAFF: DemoUser[] = [
  {
    email: 'admin@demo.mutualis.fr',
    name: 'Sophie Garnier (Chambre)',
    roles: ['admin'],
    totpSecret: DEMO_TOTP_SECRETS.admin,
  },
  {
    email: 'finance@demo.mutualis.fr',
    name: 'Karim Belkacem (comptabilité)',
    roles: ['finance'],
    totpSecret: DEMO_TOTP_SECRETS.finance,
  },
  {
    email: 'consultant1@demo.mutualis.fr',
    name: 'Claire Roux — droit des associations',
    roles: ['consultant'],
  },
  {
    email: 'consultant2@demo.mutualis.fr',
    name: 'Mathieu Ferrand — ressources humaines',
    roles: ['consultant'],
  },
  {
    email: 'consultant3@demo.mutualis.fr',
    name: 'Nadia Haddad — gestion et financement',
    roles: ['consultant'],
  },
];

// SIRETs below are made up but valid (Luhn); none belongs to a real establishment. The VAT
// numbers are those of their SIRENs (key (12 + 3 × (SIREN mod 97)) mod 97).
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    admin: { email: 'member1@demo.mutualis.fr', name: 'Élodie Martin', roles: [] },
    colleagues: [{ email: 'benevole1@demo.mutualis.fr', name: 'Hugo Lefèvre', roles: [] }],
    legalName: 'Les Jardins Partagés du Panier',
    legalForm: 'association',
    siret: '81234501200015',
    rna: 'W133012345',
    address: { line1: '14 rue du Panier', postalCode: '13002', city: 'Marseille' },
    billingEmail: 'tresorerie@jardins-panier.demo.mutualis.fr',
    membership: 'paid',
    previousYear: 'active',
    family: 'association',
    headcount: 4,
  },
  {
    admin: { email: 'member2@demo.mutualis.fr', name: 'Julien Bertrand', roles: [] },
    colleagues: [],
    legalName: 'SCOP Atelier Vélo Solidaire',
    legalForm: 'scop',
    siret: '82345612300012',
    vatNumber: 'FR26823456123',
    address: { line1: '3 avenue de la Synagogue', postalCode: '84000', city: 'Avignon' },
    billingEmail: 'compta@atelier-velo.demo.mutualis.fr',
    membership: 'paid',
    previousYear: null,
    family: 'cooperative',
    headcount: 18,
    nextYear: 'approved',
  },
  {
    admin: { email: 'member3@demo.mutualis.fr', name: 'Inès Moreau', roles: [] },
    colleagues: [],
    legalName: 'SCIC Énergies Citoyennes Azur',
    legalForm: 'scic',
    siret: '83456723400010',
    vatNumber: 'FR85834567234',
    address: { line1: '22 boulevard Gambetta', postalCode: '06000', city: 'Nice' },
    billingEmail: 'factures@energies-azur.demo.mutualis.fr',
    membership: 'none',
    previousYear: 'active',
    family: 'cooperative',
    headcount: 27,
  },
  {
    admin: { email: 'member4@demo.mutualis.fr', name: 'Patrick Giraud', roles: [] },
    colleagues: [],
    legalName: 'Mutuelle des Travailleurs du Var',
    legalForm: 'mutuelle',
    siret: '84567834500016',
    address: { line1: '8 place de la Liberté', postalCode: '83000', city: 'Toulon' },
    billingEmail: 'comptabilite@mtv.demo.mutualis.fr',
    membership: 'unpaid_lapsed',
    previousYear: 'active',
    family: 'mutual',
    headcount: 64,
    nextYear: 'waiting',
  },
  {
    admin: { email: 'member5@demo.mutualis.fr', name: 'Amandine Chabert', roles: [] },
    colleagues: [],
    legalName: 'Fondation Alpes Solidaires',
    legalForm: 'fondation',
    siret: '85678945600014',
    address: { line1: '5 rue Carnot', postalCode: '05000', city: 'Gap' },
    billingEmail: 'gestion@alpes-solidaires.demo.mutualis.fr',
    membership: 'paid',
    previousYear: 'active',
    family: 'foundation',
    headcount: 9,
  },
  {
    admin: { email: 'member6@demo.mutualis.fr', name: 'Bernard Issautier', roles: [] },
    colleagues: [],
    legalName: 'Commune de Lourmarin (démo)',
    legalForm: 'other',
    // A commune's SIREN starts with 2 (public legal persons); its own Chorus Pro structure.
    siret: '21840068700016',
    address: { line1: 'Place de la Mairie', postalCode: '84160', city: 'Lourmarin' },
    billingEmail: 'finances@lourmarin.demo.mutualis.fr',
    membership: 'none',
    previousYear: null,
    family: 'federation',
    headcount: 0,
    publicBody: {
      chorusStructure: { engagementNumberRequired: true, serviceCodeRequired: false },
      engagementNumber: 'EJ-2027-000142',
    },
  },
];
