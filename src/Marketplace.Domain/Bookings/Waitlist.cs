using Marketplace.Domain.Fairs;

namespace Marketplace.Domain.Bookings;

/// <summary>A waitlisted booking as the waitlist rules see it.</summary>
public sealed record WaitlistEntry(int BookingId, int Position, QuotaEligibility Eligibility);

/// <summary>
/// A fair day's waiting list: positions 1, 2, … in order of joining (never reused), and who gets
/// a freed stall — the lowest position still waiting whom the quotas allow to take it.
/// </summary>
public static class Waitlist
{
    /// <summary>The position after the highest one ever given on the day.</summary>
    public static int NextPosition(int? highestPosition) => (highestPosition ?? 0) + 1;

    /// <summary>The entry that gets the offer of a freed stall, or null when nobody may take it.</summary>
    /// <param name="entries">The day's waitlisted bookings.</param>
    /// <param name="quotas">The day's reserved stalls.</param>
    /// <param name="floor">The day's stalls, the freed one already free.</param>
    public static WaitlistEntry? NextInLine(IEnumerable<WaitlistEntry> entries, StallQuotas quotas, FairFloor floor) =>
        entries
            .OrderBy(e => e.Position)
            .FirstOrDefault(e => quotas.Allow(e.Eligibility, floor.FreeStalls.Count, floor.Holders));

    /// <summary>
    /// Until when an offer made now holds its stall: <see cref="FairSeries.OfferHoldHours"/>,
    /// but never past the day's start; null when the day has started (no more offers).
    /// </summary>
    public static DateTime? OfferExpiry(FairDay day, FairSeries series, DateTime utcNow)
    {
        if (day.Status != FairDayStatus.Scheduled || utcNow >= day.StartsAtUtc)
        {
            return null;
        }
        var hold = utcNow.AddHours(Math.Max(1, series.OfferHoldHours));
        return hold < day.StartsAtUtc ? hold : day.StartsAtUtc;
    }
}
