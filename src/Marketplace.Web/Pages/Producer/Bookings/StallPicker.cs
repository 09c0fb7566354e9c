using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
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

/// <summary>One stall of the venue's layout as the booking form shows it.</summary>
public sealed record StallChoice(
    int Id, string Code, bool Free, StallKind Kind, bool HasShade, bool HasPower, bool HasWater, bool IsAccessible);

/// <summary>The producer's current booking of the day, if any.</summary>
public sealed record ExistingBooking(int Id, BookingStatus Status, string? StallCode);

/// <summary>
/// Step 1 of booking: the venue's layout as radio buttons (free stalls only) plus "any suitable
/// stall" and "every upcoming day of this series". Shown on the fair day page and on
/// /Producer/Bookings/New; it submits by GET to the confirmation step, which changes nothing.
/// </summary>
public sealed record StallPicker
{
    public required int FairDayId { get; init; }
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

    public int FreeCount => Stalls.Count(s => s.Free);

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
        var state = producerId is null ? PickerState.NoProducer
            : day.Status != FairDayStatus.Scheduled ? PickerState.NotScheduled
            : utcNow >= day.BookingClosesAtUtc ? PickerState.Closed
            : utcNow < day.BookingOpensAtUtc ? PickerState.NotYetOpen
            : mine >= Math.Max(1, series.MaxStallsPerProducer) ? PickerState.AlreadyBooked
            : PickerState.Open;
        return new StallPicker
        {
            FairDayId = day.Id,
            SeriesName = series.Name,
            State = state,
            Stalls = stalls,
            OpensAtLocal = day.Venue!.Municipality!.Clock().ToLocal(day.BookingOpensAtUtc),
            Existing = existing,
        };
    }
}
