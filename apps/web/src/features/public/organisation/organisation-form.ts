import type {
  CreateOrganisationBody,
  LegalForm,
  Organisation,
  UpdateOrganisationBody,
} from '../types';

export const LEGAL_FORMS: LegalForm[] = [
  'association',
  'scop',
  'scic',
  'cooperative',
  'mutuelle',
  'fondation',
  'esus',
  'other',
];

/** The organisation form as typed; every field is text until it is sent. */
export interface OrganisationForm {
  legalName: string;
  legalForm: LegalForm;
  siret: string;
  rna: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  /** Empty: the api derives it from the postal code. */
  department: string;
  billingEmail: string;
  vatNumber: string;
  /** Liable to VAT (assujettie); follows the legal form until the person says otherwise. */
  vatRegistered: boolean;
  vatRegisteredChosen: boolean;
}

export const EMPTY_ORGANISATION_FORM: OrganisationForm = {
  legalName: '',
  legalForm: 'association',
  siret: '',
  rna: '',
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  department: '',
  billingEmail: '',
  vatNumber: '',
  vatRegistered: false,
  vatRegisteredChosen: false,
};

/**
 * Whether an organisation of this legal form is usually liable to VAT: the api's default
 * (VAT_REGISTERED_BY_LEGAL_FORM in libs/identity), offered before the person says otherwise.
 */
export function defaultVatRegistered(legalForm: LegalForm): boolean {
  return legalForm !== 'association' && legalForm !== 'fondation';
}

/** A new legal form brings its default, unless the person already chose. */
export function withLegalForm(form: OrganisationForm, legalForm: LegalForm): OrganisationForm {
  return {
    ...form,
    legalForm,
    vatRegistered: form.vatRegisteredChosen ? form.vatRegistered : defaultVatRegistered(legalForm),
  };
}

/** Only associations have an RNA number; the field is offered to them only. */
export function asksForRna(legalForm: LegalForm): boolean {
  return legalForm === 'association';
}

/**
 * The api's body for the form. Blank optional fields are left out (null for those the api
 * accepts as null); spaces typed in a SIRET are the api's to normalise. The Chambre alone marks
 * public bodies, and it serves organisations in France only.
 */
export function createOrganisationBody(form: OrganisationForm): CreateOrganisationBody {
  const rna = asksForRna(form.legalForm) ? form.rna.trim() : '';
  return {
    legalName: form.legalName.trim(),
    legalForm: form.legalForm,
    // A small association may have no SIRET: its RNA number identifies it.
    siret: form.siret.trim() || null,
    rna: rna || null,
    address: {
      line1: form.line1.trim(),
      line2: form.line2.trim() || null,
      postalCode: form.postalCode.trim(),
      city: form.city.trim(),
      country: 'FR',
    },
    ...(form.department ? { department: form.department } : {}),
    billingEmail: form.billingEmail.trim(),
    vatNumber: form.vatNumber.trim() || null,
    isPublicBody: false,
    vatRegistered: form.vatRegistered,
  };
}

/** The e-invoicing settings as typed: VAT liability, and a public body's Chorus Pro structure. */
export interface EInvoicingForm {
  vatRegistered: boolean;
  structureSiret: string;
  serviceCodeRequired: boolean;
  engagementNumberRequired: boolean;
  defaultServiceCode: string;
}

export function eInvoicingFormOf(organisation: Organisation): EInvoicingForm {
  const structure = organisation.chorusStructure;
  return {
    vatRegistered: organisation.vatRegistered,
    structureSiret: structure?.structureSiret ?? '',
    serviceCodeRequired: structure?.serviceCodeRequired ?? false,
    engagementNumberRequired: structure?.engagementNumberRequired ?? false,
    defaultServiceCode: structure?.defaultServiceCode ?? '',
  };
}

/**
 * The PATCH body: the Chorus structure only for a public body (the api refuses it on others);
 * a blank structure SIRET is the organisation's own, a blank default service code none.
 */
export function eInvoicingBody(
  form: EInvoicingForm,
  isPublicBody: boolean,
): UpdateOrganisationBody {
  return {
    vatRegistered: form.vatRegistered,
    ...(isPublicBody
      ? {
          chorusStructure: {
            structureSiret: form.structureSiret.trim() || null,
            serviceCodeRequired: form.serviceCodeRequired,
            engagementNumberRequired: form.engagementNumberRequired,
            defaultServiceCode: form.defaultServiceCode.trim() || null,
          },
        }
      : {}),
  };
}
