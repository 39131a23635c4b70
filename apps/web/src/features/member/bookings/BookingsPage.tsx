import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatShortDateTime } from '../../../lib/format';
import { useBookings } from '../member-queries';
import { BOOKING_STATUSES, type BookingStatus } from '../types';
import { OfferingTitle } from '../OfferingTitle';
import { BookingStatusBadge } from '../status';

function isStatus(value: string | null): value is BookingStatus {
  return BOOKING_STATUSES.includes(value as BookingStatus);
}

/** /bookings — the bookings of the member's organisations, newest first, by status. */
export function BookingsPage() {
  const { t, i18n } = useTranslation('member');
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : null;

  const bookings = useBookings(status);
  const rows = bookings.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <PageTitle>{t('bookings.title')}</PageTitle>
      <div className="narrow">
        <Field label={t('bookings.filter')}>
          {(control) => (
            <select
              {...control}
              value={status ?? ''}
              onChange={(event) =>
                setParams(event.target.value ? { status: event.target.value } : {}, {
                  replace: true,
                })
              }
            >
              <option value="">{t('bookings.allStatuses')}</option>
              {BOOKING_STATUSES.map((each) => (
                <option key={each} value={each}>
                  {t(`bookingStatus.${each}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {bookings.isPending ? <Loading /> : null}
      <ProblemAlert error={bookings.error} />
      {bookings.isSuccess && rows.length === 0 ? (
        <p className="muted">
          {status ? t('bookings.emptyFiltered') : t('bookings.empty')}{' '}
          <Link to="/">{t('bookings.browse')}</Link>
        </p>
      ) : null}
      {rows.length > 0 ? (
        <DataTable
          caption={t('bookings.caption')}
          rows={rows}
          rowKey={(booking) => booking.id}
          columns={[
            {
              id: 'offering',
              header: t('bookings.columns.offering'),
              rowHeader: true,
              cell: (booking) => (
                <Link to={`/bookings/${booking.id}`}>
                  <OfferingTitle offeringId={booking.offeringId} />
                </Link>
              ),
            },
            {
              id: 'date',
              header: t('bookings.columns.date'),
              cell: (booking) => formatShortDateTime(booking.serviceStartsAt, i18n.language),
            },
            {
              id: 'seats',
              header: t('bookings.columns.seats'),
              numeric: true,
              cell: (booking) => booking.seats,
            },
            {
              id: 'status',
              header: t('bookings.columns.status'),
              cell: (booking) => <BookingStatusBadge status={booking.status} />,
            },
            {
              id: 'total',
              header: t('bookings.columns.total'),
              numeric: true,
              cell: (booking) => <Money cents={booking.totalInclVatCents} />,
            },
          ]}
        />
      ) : null}
      <LoadMore query={bookings} />
    </section>
  );
}
