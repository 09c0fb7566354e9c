using Marketplace.Domain.Bookings;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Fairs;

/// <summary>A series' schedule as it was before an edit, to carry the edit over to its coming days.</summary>
public sealed record SeriesBefore(FairSchedule Schedule, TimeOnly StartTime, TimeOnly EndTime)
{
    public static SeriesBefore Of(FairSeries series) => new(series.Schedule(), series.StartTime, series.EndTime);
}

/// <summary>What saving a series did to its fair days.</summary>
/// <param name="Changed">Coming days given new hours, venue or booking window.</param>
/// <param name="Dropped">Coming days the new schedule no longer has (skipped, or cancelled when booked).</param>
/// <param name="Created">Fair days materialized for the new schedule.</param>
/// <param name="Notified">Producers told of a change to a day they booked.</param>
public sealed record SeriesSaved(int Changed, int Dropped, int Created, int Notified);

/// <summary>
/// Saves a series created or edited by staff and makes its calendar true at once: an edit is carried
/// over to the coming days still as planned (<see cref="SeriesRevision"/>) in the same transaction,
/// with notice to the producers booked on them, then the coming fair days are materialized so they
/// show immediately.
/// </summary>
public sealed class SeriesChanges(MarketplaceDbContext db, FairDayChanges fairDays, MaterializeFairDays materializer,
    TimeProvider clock)
{
    private static readonly BookingStatus[] Active = [.. ActiveBooking.Statuses];
    private static readonly BookingStatus[] Holding = [.. Booking.HoldingStatuses];

    public async Task<SeriesSaved> CreateAsync(FairSeries series, CancellationToken cancellationToken)
    {
        db.FairSeries.Add(series);
        await db.SaveChangesAsync(cancellationToken);
        var created = await materializer.MaterializeSeriesAsync(series.Id, cancellationToken);
        return new SeriesSaved(0, 0, created, 0);
    }

    /// <param name="series">The tracked series, already edited (route stops and fees included).</param>
    /// <param name="before">Its schedule before the edit.</param>
    /// <param name="dropReason">The status reason of days the new schedule drops, in the staff member's words.</param>
    /// <exception cref="DbUpdateConcurrencyException">Someone saved the series or one of its days meanwhile.</exception>
    public async Task<SeriesSaved> UpdateAsync(FairSeries series, SeriesBefore before, string dropReason,
        CancellationToken cancellationToken)
    {
        int changed = 0, dropped = 0, notified = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            var organizer = await db.Municipalities.AsNoTracking()
                .SingleAsync(m => m.Id == series.OrganizerMunicipalityId, cancellationToken);
            var today = organizer.Clock().TodayAt(clock.GetUtcNow().UtcDateTime);
            var days = await db.FairDays
                .Include(d => d.Venue).ThenInclude(v => v!.Municipality)
                .Where(d => d.FairSeriesId == series.Id && d.OccurrenceDate >= today)
                .ToListAsync(cancellationToken);
            var dayIds = days.Select(d => d.Id).ToList();
            var held = (await db.Bookings.AsNoTracking()
                .Where(b => dayIds.Contains(b.FairDayId) && Holding.Contains(b.Status))
                .Select(b => b.FairDayId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            var booked = (await db.Bookings.AsNoTracking()
                .Where(b => dayIds.Contains(b.FairDayId) && Active.Contains(b.Status))
                .Select(b => b.FairDayId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            var routeVenueIds = series.Route.Select(r => r.VenueId).ToList();
            var venues = await db.Venues.Include(v => v.Municipality)
                .Where(v => routeVenueIds.Contains(v.Id))
                .ToDictionaryAsync(v => v.Id, cancellationToken);

            var revisions = SeriesRevision.Plan(before.Schedule, before.StartTime, before.EndTime, series.Schedule(),
                days, today, today.AddDays(MaterializeFairDays.HorizonDays), held);
            foreach (var revision in revisions)
            {
                var day = revision.Day;
                var previousDate = day.Date;
                var previousVenue = day.Venue!;
                FairDayChangeKind kind;
                if (revision.Kind == DayRevisionKind.Replan)
                {
                    var venue = revision.VenueId == day.VenueId ? previousVenue : venues[revision.VenueId];
                    if (!day.Replan(series, venue.Id, new MunicipalClock(venue.Municipality!.TimeZoneId)))
                    {
                        continue;
                    }
                    day.Venue = venue;
                    kind = FairDayChangeKind.Moved;
                    changed++;
                }
                else if (booked.Contains(day.Id))
                {
                    day.Cancel(dropReason);
                    kind = FairDayChangeKind.Cancelled;
                    dropped++;
                }
                else
                {
                    day.Skip(dropReason);
                    kind = FairDayChangeKind.Skipped;
                    dropped++;
                }
                notified += await fairDays.AnnounceAsync(day, kind, previousDate, previousVenue, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var created = await materializer.MaterializeSeriesAsync(series.Id, cancellationToken);
        return new SeriesSaved(changed, dropped, created, notified);
    }
}
