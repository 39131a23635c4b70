/**
 * The year the simulation plays, drawn in advance from a seeded generator: the same seed gives
 * the same bookings, the same payments and the same twists on the same days, whatever the
 * machine's speed. Pure: no database, no clock.
 */

/** mulberry32: small, fast, and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function isBusinessDay(date: string): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/** The business days from `from` to `to`, both included. */
export function businessDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (isBusinessDay(date)) days.push(date);
  }
  return days;
}

/** The first business day on or after `date`. */
export function nextBusinessDay(date: string): string {
  let day = date;
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return day;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What the Chambre sells in the simulation: each regime the journal splits revenue by. */
export interface OfferingPlan {
  title: string;
  vatTreatment: 'standard' | 'exempt_training' | 'exempt_members' | 'out_of_scope_disbursement';
  memberPriceCents: number;
  nonMemberPriceCents: number;
  /** Relative weight when a booking picks an offering. */
  weight: number;
  /** Weekday of its sessions (1 Monday … 5 Friday). */
  weekday: number;
}

export const OFFERINGS: OfferingPlan[] = [
  {
    title: 'Formation : trésorerie et budget des associations',
    vatTreatment: 'exempt_training',
    memberPriceCents: 18_000,
    nonMemberPriceCents: 26_000,
    weight: 10,
    weekday: 1,
  },
  {
    title: 'Formation : la convention collective ECLAT en pratique',
    vatTreatment: 'exempt_training',
    memberPriceCents: 24_550,
    nonMemberPriceCents: 31_990,
    weight: 8,
    weekday: 2,
  },
  {
    title: 'Formation : gouvernance partagée en SCIC',
    vatTreatment: 'exempt_training',
    memberPriceCents: 39_900,
    nonMemberPriceCents: 52_000,
    weight: 6,
    weekday: 4,
  },
  {
    title: 'Formation : le RGPD pour les structures de l’ESS',
    vatTreatment: 'exempt_training',
    memberPriceCents: 12_345,
    nonMemberPriceCents: 16_789,
    weight: 6,
    weekday: 5,
  },
  {
    title: 'Atelier : diagnostic financier accompagné',
    vatTreatment: 'standard',
    memberPriceCents: 29_999,
    nonMemberPriceCents: 41_333,
    weight: 9,
    weekday: 3,
  },
  {
    title: 'Atelier : mécénat et reçus fiscaux',
    vatTreatment: 'standard',
    memberPriceCents: 8_995,
    nonMemberPriceCents: 12_745,
    weight: 9,
    weekday: 2,
  },
  {
    title: 'Accompagnement : répondre à un appel à projets',
    vatTreatment: 'standard',
    memberPriceCents: 47_510,
    nonMemberPriceCents: 63_015,
    weight: 6,
    weekday: 4,
  },
  {
    title: 'Atelier : employeur associatif, les premiers pas',
    vatTreatment: 'standard',
    memberPriceCents: 15_333,
    nonMemberPriceCents: 19_999,
    weight: 7,
    weekday: 1,
  },
  {
    title: 'Rencontre des adhérents : évaluer son utilité sociale',
    vatTreatment: 'exempt_members',
    memberPriceCents: 6_000,
    nonMemberPriceCents: 9_000,
    weight: 5,
    weekday: 5,
  },
  {
    title: 'Visite d’étude : déplacement refacturé à l’identique',
    vatTreatment: 'out_of_scope_disbursement',
    memberPriceCents: 7_425,
    nonMemberPriceCents: 7_425,
    weight: 3,
    weekday: 3,
  },
  {
    title: 'Réunion d’information des nouveaux adhérents',
    vatTreatment: 'exempt_members',
    memberPriceCents: 0,
    nonMemberPriceCents: 0,
    weight: 1,
    weekday: 3,
  },
];

/** Index of the free offering: its bookings are confirmed by finance and invoiced at zero. */
export const FREE_OFFERING = OFFERINGS.findIndex((offering) => offering.memberPriceCents === 0);

export type Method = 'card' | 'sepa' | 'sepa_late' | 'transfer' | 'cheque' | 'mandate' | 'free';

/** Money that reaches the bank for an invoice: how much of what is due then, on which day. */
export interface BankPayment {
  bankDate: string;
  /** `due`: all that is due; `part`: a share of it; `over`: what is due and more (kept as credit). */
  share: 'due' | 'part' | 'over';
  fraction?: number;
  extraCents?: number;
}

export interface Story {
  index: number;
  day: string;
  organisation: number;
  member: boolean;
  offering: number;
  /** The session's start date (its offering's weekday, after the booking). */
  sessionDate: string;
  seats: number;
  method: Method;
  /** Transfers, mandates and cheques: what the bank shows, and when. */
  payments: BankPayment[];
  /** The first payment's allocation undone that day (a wrong match), then made again. */
  reversalDay?: string;
  /** Finance grants a credit note of this share of the invoice. */
  creditNote?: { day: string; percent: number };
  /** The member cancels; a transfer paid already is refunded from a bank line or by hand. */
  cancel?: { day: string; refund?: 'bank_line' | 'marked_done' };
}

export interface YearPlan {
  seed: number;
  year: number;
  stories: Story[];
  /** Sessions per offering: the dates on which each offering runs. */
  sessions: { offering: number; date: string }[];
  /** Mondays a Stripe payout is made (arriving the next day), and its bank line the day after. */
  payoutDays: string[];
  /** Months validated (on the third business day of the next month). */
  validations: { period: string; day: string }[];
  /** The first half-year closed that day; bank statements from `blackoutFrom` come only after it. */
  closing: { day: string; periods: string[]; blackoutFrom: string };
}

export interface PlanOptions {
  seed: number;
  year: number;
  invoices: number;
  members: number;
  nonMembers: number;
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random() * total;
  for (const [value, weight] of weighted) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

export function planYear(options: PlanOptions): YearPlan {
  const random = seededRandom(options.seed);
  const { year } = options;
  const days = businessDays(`${year}-01-02`, `${year}-12-31`);
  const last = `${year}-12-31`;

  // Each offering runs every week on its weekday, into the next year.
  const sessions: { offering: number; date: string }[] = [];
  OFFERINGS.forEach((offering, index) => {
    for (let date = `${year}-01-01`; date <= `${year + 1}-03-31`; date = addDays(date, 1)) {
      if (weekday(date) === offering.weekday) sessions.push({ offering: index, date });
    }
  });

  const stories: Story[] = [];
  for (let index = 0; index < options.invoices; index++) {
    const day = days[Math.floor((index * days.length) / options.invoices)];
    const organisations = options.members + options.nonMembers;
    const organisation = between(random, 0, organisations - 1);
    const member = organisation < options.members;
    const free = random() < 0.01;
    const offering = free
      ? FREE_OFFERING
      : pick(
          random,
          OFFERINGS.flatMap((candidate, at) =>
            at === FREE_OFFERING ? [] : [[at, candidate.weight] as [number, number]],
          ),
        );
    // A session one to ten weeks ahead, on the offering's weekday.
    let sessionDate = addDays(day, between(random, 8, 70));
    while (weekday(sessionDate) !== OFFERINGS[offering].weekday) {
      sessionDate = addDays(sessionDate, 1);
    }
    const seats = pick(random, [
      [1, 6],
      [2, 3],
      [3, 1],
    ]);
    const method: Method = free
      ? 'free'
      : member
        ? pick(random, [
            ['card', 34],
            ['sepa', 9],
            ['sepa_late', 1],
            ['transfer', 32],
            ['cheque', 14],
            ['mandate', 10],
          ])
        : pick(random, [
            ['card', 60],
            ['sepa', 14],
            ['sepa_late', 1],
            ['cheque', 25],
          ]);
    const story: Story = {
      index,
      day,
      organisation,
      member,
      offering,
      sessionDate,
      seats,
      method,
      payments: [],
    };
    const inYear = (date: string) => (date <= last ? nextBusinessDay(date) : null);
    const leadDays = daysBetween(day, sessionDate);

    if (method === 'card' || method === 'sepa') {
      if (random() < 0.07 && leadDays > 9) {
        const cancel = inYear(addDays(day, between(random, 1, leadDays - 8)));
        if (cancel && cancel < sessionDate) story.cancel = { day: cancel };
      }
    } else if (method === 'transfer' || method === 'mandate' || method === 'cheque') {
      const first = method === 'mandate' ? between(random, 25, 60) : between(random, 2, 25);
      const fate = pick(random, [
        ['full', 72],
        ['two_parts', 10],
        ['over', method === 'cheque' ? 0 : 4],
        ['late', 6],
        ['never', 4],
        ['goodwill', 4],
      ] as [string, number][]);
      const at = (offset: number) => inYear(addDays(day, offset));
      if (fate === 'goodwill') {
        const grant = at(between(random, 1, Math.max(1, first - 1)));
        if (grant)
          story.creditNote = {
            day: grant,
            percent: pick(random, [
              [10, 1],
              [15, 1],
              [20, 1],
            ]),
          };
      }
      const push = (offset: number, payment: Omit<BankPayment, 'bankDate'>) => {
        const bankDate = at(offset);
        if (bankDate) story.payments.push({ bankDate, ...payment });
      };
      if (fate === 'full' || fate === 'goodwill') push(first, { share: 'due' });
      if (fate === 'two_parts') {
        push(first, {
          share: 'part',
          fraction: pick(random, [
            [0.3, 1],
            [0.5, 1],
            [0.6, 1],
          ]),
        });
        push(first + between(random, 10, 40), { share: 'due' });
      }
      if (fate === 'over') push(first, { share: 'over', extraCents: between(random, 5, 60) * 100 });
      if (fate === 'late') push(first + between(random, 40, 90), { share: 'due' });
      const paidOn = story.payments[0]?.bankDate;
      if (paidOn && fate === 'full' && random() < 0.04) {
        // Matched to the invoice, then found wrong and undone, then allocated again.
        // After the line is imported (statements come twice a week).
        const reversal = inYear(addDays(paidOn, between(random, 6, 14)));
        if (reversal) story.reversalDay = reversal;
      }
      if (method !== 'cheque' && !story.creditNote && random() < 0.06 && leadDays > 12) {
        if (
          method === 'transfer' &&
          paidOn &&
          fate === 'full' &&
          daysBetween(paidOn, sessionDate) > 10 &&
          !story.reversalDay
        ) {
          // Paid, then cancelled: the credit note, and the refund by transfer.
          const cancel = inYear(addDays(paidOn, between(random, 6, 10)));
          if (cancel && daysBetween(cancel, sessionDate) >= 7) {
            story.cancel = { day: cancel, refund: random() < 0.75 ? 'bank_line' : 'marked_done' };
          }
        } else if (!paidOn || daysBetween(day, paidOn) > 3) {
          // Cancelled before paying: what the policy keeps is still due.
          const cancel = inYear(addDays(day, 1));
          if (cancel && (!paidOn || cancel < paidOn) && daysBetween(cancel, sessionDate) >= 7) {
            story.cancel = { day: cancel };
          }
        }
      }
    }
    stories.push(story);
  }

  const payoutDays = days.filter((date) => weekday(date) === 1 && date > `${year}-01-06`);
  const validations: { period: string; day: string }[] = [];
  for (let month = 1; month <= 12; month++) {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    const next =
      month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    const day = businessDays(next, addDays(next, 10))[2];
    validations.push({ period, day });
  }
  return {
    seed: options.seed,
    year,
    stories,
    sessions,
    payoutDays,
    validations,
    closing: {
      day: `${year}-07-15`,
      periods: Array.from({ length: 6 }, (_, index) => `${year}-0${index + 1}`),
      blackoutFrom: `${year}-06-25`,
    },
  };
}
