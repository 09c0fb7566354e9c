using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>Whether the signed-in producer can ask for a stall on a fair day right now.</summary>
public enum PickerState
{
    Open,
    /// <summary>The account has no producer profile yet.</summary>
    NoProducer,
    NotScheduled,
    NotYetOpen,
    Closed,
    /// <summary>The producer already has its one booking for this day.</summary>
    AlreadyBooked,
}

/// <summary>
/// Where the series takes only producers its organizers approved (<see cref="FairSeries.RequiresApproval"/>):
/// how far the producer's application is, which decides whether the picker offers "apply" or the stalls.
/// </summary>
public enum SeriesApproval
{
    /// <summary>The series takes every producer.</summary>
    NotNeeded,
    NotApplied,
    /// <summary>Sent, waiting for the organizers' decision.</summary>
    Applied,
    Approved,
    /// <summary>Declined, with the organizers' reason; the producer may apply again.</summary>
    Declined,
    /// <summary>Approval is needed but this producer cannot apply (another region's series, or its season is over).</summary>
    OutOfReach,
}

/// <summary>One stall of the venue's layout as the booking form shows it.</summary>
public sealed record StallChoice(
    int Id, string Code, bool Free, StallKind Kind, bool HasShade, bool HasPower, bool HasWater, bool IsAccessible);

/// <summary>The producer's current booking of the day, if any.</summary>
public sealed record ExistingBooking(int Id, BookingStatus Status, string? StallCode);

/// <summary>
/// Step 1 of booking: the venue's layout as radio buttons (free stalls only) plus "any suitable
/// stall" and "every upcoming day of this series". Shown on the fair day page and on
/// /Producer/Bookings/New; it submits by GET to the confirmation step, which changes nothing.
/// Where the series needs approval and the producer has none, it offers "apply" instead (posted to
/// /Producer/Series, which sends the producer back) and then the application's status.
/// </summary>
public sealed record StallPicker
{
    public required int FairDayId { get; init; }
    public int SeriesId { get; init; }
    public required string SeriesName { get; init; }
    public required PickerState State { get; init; }
    public required IReadOnlyList<StallChoice> Stalls { get; init; }
    /// <summary>When the booking window opens, in the fair's local time.</summary>
    public DateTime OpensAtLocal { get; init; }
    public ExistingBooking? Existing { get; init; }
    public int? SelectedStallId { get; init; }
    public bool SelectedSeries { get; init; }
    /// <summary>Codes of free stalls the engine reported after a "stall taken" answer.</summary>
    public IReadOnlyList<string> FreeStallCodesReported { get; init; } = [];

    public SeriesApproval Approval { get; init; }
    /// <summary>The organizers' reason, when they declined the application.</summary>
    public string? DecisionReason { get; init; }

    public int FreeCount => Stalls.Count(s => s.Free);

    /// <summary>The stalls can be asked for now: the window is open and the series takes this producer.</summary>
    public bool MayBook => State == PickerState.Open && Approval is SeriesApproval.NotNeeded or SeriesApproval.Approved;

    /// <summary>The series needs an approval the producer has not got: the picker tells where the application is.</summary>
    public bool MustApply => State is PickerState.Open or PickerState.NotYetOpen
        && Approval is not (SeriesApproval.NotNeeded or SeriesApproval.Approved);

    /// <summary>Loads the picker of a fair day (series and venue municipality included) for a producer.</summary>
    public static async Task<StallPicker> LoadAsync(MarketplaceDbContext db, FairDay day, int? producerId,
        DateTime utcNow, CancellationToken cancellationToken)
    {
        var held = await db.Bookings.AsNoTracking()
            .Where(b => b.FairDayId == day.Id && b.StallId != null && Booking.HoldingStatuses.Contains(b.Status))
            .Select(b => b.StallId!.Value)
            .ToListAsync(cancellationToken);
        var stalls = (await db.Stalls.AsNoTracking()
                .Where(s => s.VenueId == day.VenueId && !s.IsRetired)
                .ToListAsync(cancellationToken))
            .OrderBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => new StallChoice(s.Id, s.Code, !held.Contains(s.Id), s.Kind, s.HasShade, s.HasPower, s.HasWater, s.IsAccessible))
            .ToList();

        ExistingBooking? existing = null;
        var mine = 0;
        if (producerId is { } id)
        {
            var bookings = await db.Bookings.AsNoTracking()
                .Where(b => b.FairDayId == day.Id && b.ProducerId == id && b.Status != BookingStatus.Cancelled)
                .OrderBy(b => b.Id)
                .Select(b => new ExistingBooking(b.Id, b.Status, b.Stall == null ? null : b.Stall.Code))
                .ToListAsync(cancellationToken);
            existing = bookings.FirstOrDefault();
            mine = bookings.Count;
        }

        var series = day.FairSeries!;
        var (approval, reason) = producerId is { } applicant && series.RequiresApproval
            ? await ApprovalAsync(db, series.Id, applicant, utcNow, cancellationToken)
            : (SeriesApproval.NotNeeded, null);
        var state = producerId is null ? PickerState.NoProducer
            : day.Status != FairDayStatus.Scheduled ? PickerState.NotScheduled
            : utcNow >= day.BookingClosesAtUtc ? PickerState.Closed
            : utcNow < day.BookingOpensAtUtc ? PickerState.NotYetOpen
            : mine >= Math.Max(1, series.MaxStallsPerProducer) ? PickerState.AlreadyBooked
            : PickerState.Open;
        return new StallPicker
        {
            FairDayId = day.Id,
            SeriesId = series.Id,
            SeriesName = series.Name,
            State = state,
            Stalls = stalls,
            OpensAtLocal = day.Venue!.Municipality!.Clock().ToLocal(day.BookingOpensAtUtc),
            Existing = existing,
            Approval = approval,
            DecisionReason = reason,
        };
    }

    private static async Task<(SeriesApproval, string?)> ApprovalAsync(MarketplaceDbContext db, int seriesId, int producerId,
        DateTime utcNow, CancellationToken cancellationToken)
    {
        var membership = await db.SeriesMemberships.AsNoTracking()
            .Where(m => m.FairSeriesId == seriesId && m.ProducerId == producerId)
            .Select(m => new { m.Status, m.DecisionReason })
            .SingleOrDefaultAsync(cancellationToken);
        var approval = membership?.Status switch
        {
            SeriesMembershipStatus.Applied => SeriesApproval.Applied,
            SeriesMembershipStatus.Approved => SeriesApproval.Approved,
            SeriesMembershipStatus.Declined => SeriesApproval.Declined,
            _ => SeriesApproval.NotApplied,
        };
        if (approval is SeriesApproval.NotApplied or SeriesApproval.Declined)
        {
            // The apply handler takes only the producer's own region's open series: offer no button it would refuse.
            var regionId = await db.Producers.AsNoTracking().Where(p => p.Id == producerId)
                .Select(p => (int?)p.Municipality!.RegionId).SingleOrDefaultAsync(cancellationToken);
            if (regionId is null
                || !await Series.OpenSeries.OfRegion(db, regionId.Value, utcNow).AnyAsync(s => s.Id == seriesId, cancellationToken))
            {
                approval = SeriesApproval.OutOfReach;
            }
        }
        return (approval, membership?.DecisionReason);
    }
}
