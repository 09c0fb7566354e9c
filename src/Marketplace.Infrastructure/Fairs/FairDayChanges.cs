using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Staff;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Fairs;

/// <summary>What became of a staff change to a fair day.</summary>
public enum FairDayChangeOutcome
{
    Done,
    /// <summary>Unknown, or neither organized nor hosted by the staff member's municipalities.</summary>
    NotFound,
    /// <summary>Hosted by the staff member's municipality for another organizer: seen, not changed.</summary>
    ReadOnly,
    /// <summary>The day is skipped or cancelled already.</summary>
    NotScheduled,
    /// <summary>Skipping is for days nobody booked; a booked day is cancelled with a reason.</summary>
    HasBookings,
    /// <summary>Producers hold stalls of the current venue; the day can change date or hours, not venue.</summary>
    StallsHeld,
    /// <summary>The venue is outside the organizer's region.</summary>
    VenueOutsideRegion,
    /// <summary>Someone changed the day at the same time; nothing was saved.</summary>
    Conflict,
}

/// <param name="Date">The new local date.</param>
/// <param name="VenueId">The new venue.</param>
/// <param name="StartTime">Local start, in the venue's municipality's time zone.</param>
/// <param name="EndTime">Local end, after the start.</param>
public sealed record FairDayMove(DateOnly Date, int VenueId, TimeOnly StartTime, TimeOnly EndTime);

/// <summary>
/// The exceptions staff make to one fair day: skip, move (date, venue, hours), cancel. Each is one
/// transaction holding the change (its sequence bumped), the notice to every producer with an active
/// booking (e-mail, or the "to tell by phone" list) and whatever the registered
/// <see cref="IFairDayChangeListener"/>s add. A day is never deleted (PRODUCT.md).
/// </summary>
public sealed class FairDayChanges(
    MarketplaceDbContext db,
    ProducerMessenger messenger,
    Outbox outbox,
    IEnumerable<IFairDayChangeListener> listeners)
{
    /// <summary>{1} series, {2} local date, {3} start, {4} venue, {5} the reason.</summary>
    public const string CancelledTemplate = "FairDayCancelled";
    /// <summary>{1} series, {2} new local date, {3} new start, {4} new venue, {5} new end, {6} previous date, {7} previous venue.</summary>
    public const string ChangedTemplate = "FairDayChanged";

    private static readonly BookingStatus[] Active = [.. ActiveBooking.Statuses];
    private static readonly BookingStatus[] Holding = [.. Booking.HoldingStatuses];

    public Task<FairDayChangeOutcome> SkipAsync(int fairDayId, StaffScope scope, string? reason,
        CancellationToken cancellationToken) =>
        ChangeAsync(fairDayId, scope, FairDayChangeKind.Skipped, async day =>
        {
            if (await HasActiveBookingsAsync(day.Id, cancellationToken))
            {
                return FairDayChangeOutcome.HasBookings;
            }
            day.Skip(string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
            return FairDayChangeOutcome.Done;
        }, cancellationToken);

    public Task<FairDayChangeOutcome> CancelAsync(int fairDayId, StaffScope scope, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return ChangeAsync(fairDayId, scope, FairDayChangeKind.Cancelled, day =>
        {
            day.Cancel(reason.Trim());
            return Task.FromResult(FairDayChangeOutcome.Done);
        }, cancellationToken);
    }

    public Task<FairDayChangeOutcome> MoveAsync(int fairDayId, StaffScope scope, FairDayMove move,
        CancellationToken cancellationToken) =>
        ChangeAsync(fairDayId, scope, FairDayChangeKind.Moved, async day =>
        {
            var venue = await db.Venues.Include(v => v.Municipality)
                .SingleOrDefaultAsync(v => v.Id == move.VenueId, cancellationToken);
            if (venue is null || venue.Municipality!.RegionId != day.FairSeries!.OrganizerMunicipality!.RegionId)
            {
                return FairDayChangeOutcome.VenueOutsideRegion;
            }
            if (venue.Id != day.VenueId && await db.Bookings.AnyAsync(
                    b => b.FairDayId == day.Id && Holding.Contains(b.Status), cancellationToken))
            {
                return FairDayChangeOutcome.StallsHeld;
            }
            day.Move(day.FairSeries, move.Date, venue.Id, move.StartTime, move.EndTime, venue.Municipality.Clock());
            day.Venue = venue;
            return FairDayChangeOutcome.Done;
        }, cancellationToken);

    /// <summary>
    /// Tells the producers with active bookings on <paramref name="day"/> and every listener that it
    /// changed; adds the messages to the DbContext for the caller to save in its transaction.
    /// </summary>
    /// <returns>How many producers were told.</returns>
    internal async Task<int> AnnounceAsync(FairDay day, FairDayChangeKind kind, DateOnly previousDate, Venue previousVenue,
        CancellationToken cancellationToken)
    {
        var producerIds = await db.Bookings.AsNoTracking()
            .Where(b => b.FairDayId == day.Id && Active.Contains(b.Status))
            .Select(b => b.ProducerId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var producers = await db.Producers.AsNoTracking()
            .Where(p => producerIds.Contains(p.Id))
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var link = outbox.Link($"/Fairs/{day.Id}");
        var series = day.FairSeries!;
        foreach (var producer in producers)
        {
            if (kind == FairDayChangeKind.Moved)
            {
                await messenger.NotifyAsync(producer, "fair-day-changed", ChangedTemplate, link,
                    series.Name, day.Date, day.StartTime, day.Venue!.Name, day.EndTime, previousDate, previousVenue.Name);
            }
            else
            {
                await messenger.NotifyAsync(producer, "fair-day-cancelled", CancelledTemplate, link,
                    series.Name, day.Date, day.StartTime, day.Venue!.Name, day.StatusReason ?? "");
            }
        }
        var change = new FairDayChange(day, kind, previousDate, previousVenue.Id);
        foreach (var listener in listeners)
        {
            await listener.FairDayChangedAsync(change, cancellationToken);
        }
        return producers.Count;
    }

    private Task<bool> HasActiveBookingsAsync(int fairDayId, CancellationToken cancellationToken) =>
        db.Bookings.AnyAsync(b => b.FairDayId == fairDayId && Active.Contains(b.Status), cancellationToken);

    private async Task<FairDayChangeOutcome> ChangeAsync(int fairDayId, StaffScope scope, FairDayChangeKind kind,
        Func<FairDay, Task<FairDayChangeOutcome>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var day = await db.FairDays
            .Include(d => d.FairSeries).ThenInclude(s => s!.OrganizerMunicipality)
            .Include(d => d.Venue).ThenInclude(v => v!.Municipality)
            .SingleOrDefaultAsync(d => d.Id == fairDayId, cancellationToken);
        if (day is null)
        {
            return FairDayChangeOutcome.NotFound;
        }
        var access = FairDayAccessRules.Of(scope, day.FairSeries!.OrganizerMunicipalityId, day.Venue!.MunicipalityId);
        if (access != FairDayAccess.Manage)
        {
            return access == FairDayAccess.ReadOnly ? FairDayChangeOutcome.ReadOnly : FairDayChangeOutcome.NotFound;
        }
        if (day.Status != FairDayStatus.Scheduled)
        {
            return FairDayChangeOutcome.NotScheduled;
        }
        var previousDate = day.Date;
        var previousVenue = day.Venue;
        var outcome = await change(day);
        if (outcome != FairDayChangeOutcome.Done)
        {
            return outcome;
        }
        await AnnounceAsync(day, kind, previousDate, previousVenue, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return FairDayChangeOutcome.Conflict;
        }
        await transaction.CommitAsync(cancellationToken);
        return FairDayChangeOutcome.Done;
    }
}
