import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import type { LegalForm, MembershipStatus } from '../identity.types';

export interface AddressView {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
}

/** A public body's Chorus Pro structure, where its invoices are deposited. */
export interface ChorusStructureView {
  /** The structure's SIRET: the organisation's own unless it named another. */
  structureSiret: string;
  serviceCodeRequired: boolean;
  engagementNumberRequired: boolean;
  defaultServiceCode: string | null;
}

/** The structure of a public body; null for any other organisation. */
export function chorusStructureOf(
  organisation: Pick<
    Organisation,
    | 'isPublicBody'
    | 'siret'
    | 'chorusStructureSiret'
    | 'chorusServiceCodeRequired'
    | 'chorusEngagementNumberRequired'
    | 'chorusDefaultServiceCode'
  >,
): ChorusStructureView | null {
  if (!organisation.isPublicBody) return null;
  const structureSiret = organisation.chorusStructureSiret ?? organisation.siret;
  // A public body always has a SIRET (organisations_public_body_has_siret): Chorus Pro needs it.
  if (structureSiret === null) throw new Error('a public body without a SIRET');
  return {
    structureSiret,
    serviceCodeRequired: organisation.chorusServiceCodeRequired,
    engagementNumberRequired: organisation.chorusEngagementNumberRequired,
    defaultServiceCode: organisation.chorusDefaultServiceCode,
  };
}

/** An organisation as the API shows it, with its membership of the current year. */
export interface OrganisationView {
  id: string;
  legalName: string;
  legalForm: LegalForm;
  /** Null for an association known by its RNA number only. */
  siret: string | null;
  rna: string | null;
  address: AddressView;
  department: string;
  billingEmail: string;
  vatNumber: string | null;
  isPublicBody: boolean;
  /** Liable to VAT (assujetti): decides its e-invoicing flow from 2027. */
  vatRegistered: boolean;
  /** Public bodies only. */
  chorusStructure: ChorusStructureView | null;
  membership: { year: number; status: MembershipStatus } | null;
  createdAt: string;
}

export function presentOrganisation(
  organisation: Organisation,
  membership: Membership | null,
): OrganisationView {
  return {
    id: organisation.id,
    legalName: organisation.legalName,
    legalForm: organisation.legalForm,
    siret: organisation.siret,
    rna: organisation.rna,
    address: {
      line1: organisation.addressLine1,
      line2: organisation.addressLine2,
      postalCode: organisation.postalCode,
      city: organisation.city,
      country: organisation.country,
    },
    department: organisation.department,
    billingEmail: organisation.billingEmail,
    vatNumber: organisation.vatNumber,
    isPublicBody: organisation.isPublicBody,
    vatRegistered: organisation.vatRegistered,
    chorusStructure: chorusStructureOf(organisation),
    membership: membership ? { year: membership.year, status: membership.status } : null,
    createdAt: organisation.createdAt.toISOString(),
  };
}

export interface MembershipView {
  organisationId: string;
  year: number;
  status: MembershipStatus;
  feeCents: number;
  currency: 'EUR';
  updatedAt: string;
}

export function presentMembership(membership: Membership): MembershipView {
  return {
    organisationId: membership.organisationId,
    year: membership.year,
    status: membership.status,
    feeCents: membership.feeCents,
    currency: 'EUR',
    updatedAt: membership.updatedAt.toISOString(),
  };
}
