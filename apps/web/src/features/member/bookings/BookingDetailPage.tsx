import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../../auth/session';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import { BookingDocuments } from '../../training/convention/BookingDocuments';
import { PaymentChoice } from '../booking/PaymentChoice';
import { PriceDisplay } from '../booking/PriceDisplay';
import { useAcceptOffer, useBooking, useOffering } from '../member-queries';
import type { Booking, Cancellation } from '../types';
import { BookingStatusBadge } from '../status';
import { CancelBooking } from './CancelBooking';

const CANCELLABLE: Booking['status'][] = ['pending_payment', 'offered', 'waitlisted', 'confirmed'];

/** /bookings/:id — a booking, its attendees and price, and what can be done with it. */
export function BookingDetailPage() {
  const { t, i18n } = useTranslation('member');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { me } = useMe();
  const booking = useBooking(id);
  const offering = useOffering(booking.data?.offeringId);
  // Both outlive the status change they cause, so the member sees what was done.
  const [paying, setPaying] = useState(false);
  const [cancellation, setCancellation] = useState<Cancellation | null>(null);

  if (booking.isPending) return <Loading />;
  if (booking.isError) {
    return (
      <section>
        <PageTitle>{t('booking.title')}</PageTitle>
        <ProblemAlert error={booking.error} />
        <Link to="/bookings">{t('booking.back')}</Link>
      </section>
    );
  }

  const data = booking.data;
  const title = offering.data?.title ?? t('booking.title');
  const session = offering.data?.upcomingSessions.find((each) => each.id === data.sessionId);
  const organisation = me?.organisations.find((each) => each.id === data.organisationId);
  // Stripe brings the member back here once paid; the webhook confirms a moment later.
  const backFromCard = params.get('paid') === '1' && data.status === 'pending_payment';

  return (
    <section className="stack">
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Link to="/bookings">{t('booking.back')}</Link>
      </p>
      {backFromCard ? (
        <p className="alert alert-success" role="status">
          {t('booking.paymentReceived')}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('booking.status')}</dt>
        <dd>
          <BookingStatusBadge status={data.status} />
        </dd>
        {organisation ? (
          <>
            <dt>{t('booking.organisation')}</dt>
            <dd>{organisation.legalName}</dd>
          </>
        ) : null}
        <dt>{t('booking.date')}</dt>
        <dd>{formatDateTime(data.serviceStartsAt, i18n.language)}</dd>
        {session ? (
          <>
            <dt>{t('booking.location')}</dt>
            <dd>{session.location ?? t('book.remote')}</dd>
          </>
        ) : null}
        <dt>{t('booking.bookedOn')}</dt>
        <dd>{formatDateTime(data.createdAt, i18n.language)}</dd>
        {data.status === 'pending_payment' && data.holdExpiresAt ? (
          <>
            <dt>{t('booking.holdExpires')}</dt>
            <dd>{formatDateTime(data.holdExpiresAt, i18n.language)}</dd>
          </>
        ) : null}
        {data.status === 'offered' && data.offerExpiresAt ? (
          <>
            <dt>{t('booking.offerExpires')}</dt>
            <dd>{formatDateTime(data.offerExpiresAt, i18n.language)}</dd>
          </>
        ) : null}
        {data.cancelledAt ? (
          <>
            <dt>{t('booking.cancelledAt')}</dt>
            <dd>{formatDateTime(data.cancelledAt, i18n.language)}</dd>
          </>
        ) : null}
      </dl>

      {data.status === 'waitlisted' ? (
        <p className="alert" role="status">
          {t('booking.waitlisted')}
        </p>
      ) : null}
      {data.status === 'offered' ? <AcceptOffer booking={data} /> : null}
      {data.status === 'pending_payment' || paying ? (
        <PaymentChoice booking={data} onStarted={() => setPaying(true)} />
      ) : null}
      {cancellation ? <CancellationOutcome cancellation={cancellation} /> : null}

      <section aria-labelledby="attendees-heading">
        <h2 id="attendees-heading">{t('booking.attendees')}</h2>
        <ul>
          {data.attendees.map((attendee) => (
            <li key={attendee.id}>
              {attendee.name} <span className="muted">({attendee.email})</span>
            </li>
          ))}
        </ul>
      </section>

      <BookingDocuments
        bookingId={data.id}
        training={
          offering.data?.kind === 'training' &&
          ['confirmed', 'attended', 'no_show'].includes(data.status)
        }
      />

      <section aria-labelledby="price-heading" className="card">
        <h2 id="price-heading">{t('booking.price')}</h2>
        <PriceDisplay
          price={data}
          memberPrice={data.memberPrice}
          vatTreatment={data.vatTreatment}
        />
      </section>

      {data.status === 'cancelled' && data.refund && !cancellation ? (
        <p>
          {t('booking.refunded', { percent: data.refund.percent })}{' '}
          <Money cents={data.refund.amountCents} />
        </p>
      ) : null}

      {CANCELLABLE.includes(data.status) ? (
        <CancelBooking
          booking={data}
          policy={offering.data?.cancellationPolicy ?? null}
          onCancelled={setCancellation}
        />
      ) : null}
    </section>
  );
}

/** A seat came free on the waitlist: take it (then pay) before the offer lapses. */
function AcceptOffer({ booking }: { booking: Booking }) {
  const { t, i18n } = useTranslation('member');
  const accept = useAcceptOffer(booking.id);
  return (
    <section aria-labelledby="offer-heading" className="card stack">
      <h2 id="offer-heading">{t('offer.heading')}</h2>
      <p>
        {booking.offerExpiresAt
          ? t('offer.until', {
              count: booking.seats,
              date: formatDateTime(booking.offerExpiresAt, i18n.language),
            })
          : t('offer.body', { count: booking.seats })}
      </p>
      <ProblemAlert error={accept.error} />
      <button
        type="button"
        className="button"
        disabled={accept.isPending}
        onClick={() => accept.mutate()}
      >
        {accept.isPending ? t('offer.working') : t('offer.accept')}
      </button>
    </section>
  );
}

/** The refund the api decided on cancelling. */
function CancellationOutcome({ cancellation: { refund } }: { cancellation: Cancellation }) {
  const { t } = useTranslation('member');
  return (
    <div className="alert alert-success" role="status">
      <p className="alert-title">{t('cancel.done')}</p>
      <p>
        {refund.basis === 'nothing_paid'
          ? t('cancel.refund.nothingPaid')
          : refund.amountCents > 0
            ? t('cancel.refund.amount', { percent: refund.percent })
            : t('cancel.refund.none')}{' '}
        {refund.amountCents > 0 ? <Money cents={refund.amountCents} /> : null}
      </p>
    </div>
  );
}
