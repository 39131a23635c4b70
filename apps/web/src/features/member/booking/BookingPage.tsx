import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../../auth/session';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useBookingOrganisation, useOffering } from '../member-queries';
import type { Booked, Booking } from '../types';
import { BookingForm } from './BookingForm';
import { PaymentChoice } from './PaymentChoice';

/** /book/:offeringId — book seats of a session (?session=) or a consultation slot (?slot=). */
export function BookingPage() {
  const { t } = useTranslation('member');
  const { offeringId = '' } = useParams();
  const [params] = useSearchParams();
  const { me } = useMe();
  const organisations = me?.organisations ?? [];
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? '');
  const [booked, setBooked] = useState<Booking | null>(null);

  // The price depends on the organisation (its adhésion in the session's year): ask for theirs.
  const offering = useOffering(organisationId ? offeringId : undefined, organisationId);
  // A public body's Chorus Pro structure says which references its booking must carry.
  const organisation = useBookingOrganisation(organisationId || undefined);

  if (organisations.length === 0) {
    return (
      <section className="narrow">
        <PageTitle>{t('book.title')}</PageTitle>
        <p className="alert" role="status">
          {t('book.noOrganisation')} <Link to="/organisation">{t('book.noOrganisationLink')}</Link>
        </p>
      </section>
    );
  }
  if (offering.isPending || organisation.isPending) return <Loading />;
  if (offering.isError) {
    return (
      <section>
        <PageTitle>{t('book.title')}</PageTitle>
        <ProblemAlert error={offering.error} />
      </section>
    );
  }

  const title = t('book.titleOf', { title: offering.data.title });
  return (
    <section className="booking-page">
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Link to={`/offerings/${offeringId}`}>{t('book.backToOffering')}</Link>
      </p>
      {booked ? (
        <BookingOutcome booking={booked} />
      ) : (
        <BookingForm
          offering={offering.data}
          organisations={organisations}
          organisationId={organisationId}
          onOrganisationChange={setOrganisationId}
          initialTargetId={params.get('session') ?? params.get('slot')}
          onBooked={setBooked}
          chorusStructure={organisation.data?.chorusStructure ?? null}
        />
      )}
    </section>
  );
}

/** What the api answered: seats held awaiting payment, a place on the waitlist, or done. */
export function BookingOutcome({
  booking,
}: {
  booking: Booking & Partial<Pick<Booked, 'unpaidPlaces'>>;
}) {
  const { t } = useTranslation('member');
  const link = <Link to={`/bookings/${booking.id}`}>{t('book.outcome.seeBooking')}</Link>;
  if (booking.status === 'pending_payment') {
    return (
      <div className="stack">
        <p className="alert alert-success" role="status">
          {t('book.outcome.pending', { count: booking.seats })}
        </p>
        {booking.unpaidPlaces ? (
          <p className="muted">
            {t('book.outcome.unpaidLeft', { count: booking.unpaidPlaces.remaining })}
          </p>
        ) : null}
        <PaymentChoice booking={booking} />
        <p>{link}</p>
      </div>
    );
  }
  if (booking.status === 'waitlisted') {
    return (
      <div className="alert" role="status">
        <p className="alert-title">{t('book.outcome.waitlistedTitle')}</p>
        <p>{t('book.outcome.waitlisted', { count: booking.seats })}</p>
        <p>{link}</p>
      </div>
    );
  }
  return (
    <div className="alert alert-success" role="status">
      <p className="alert-title">{t('book.outcome.confirmedTitle')}</p>
      <p>{t('book.outcome.confirmed', { count: booking.seats })}</p>
      <p>{link}</p>
    </div>
  );
}
