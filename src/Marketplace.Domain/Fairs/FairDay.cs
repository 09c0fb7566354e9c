using Marketplace.Domain.Common;
using Marketplace.Domain.Venues;

namespace Marketplace.Domain.Fairs;

/// <summary>
/// One occurrence of a series. Its identity is (series, occurrence date); moving it changes
/// the actual date, venue or hours, skipping or cancelling changes its status, and neither
/// deletes it, so materialization never recreates it. Every change bumps <see cref="Sequence"/>.
/// </summary>
public class FairDay : IVersioned
{
    public int Id { get; set; }
    public int FairSeriesId { get; set; }
    public FairSeries? FairSeries { get; set; }
    /// <summary>The date the schedule generated this day for: never changes.</summary>
    public DateOnly OccurrenceDate { get; set; }
    /// <summary>The local date the fair is actually held.</summary>
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public int VenueId { get; set; }
    public Venue? Venue { get; set; }
    public FairDayStatus Status { get; set; }
    public string? StatusReason { get; set; }
    /// <summary>RFC 5545 SEQUENCE: incremented by every change calendar feeds must notice.</summary>
    public int Sequence { get; set; }
    public DateTime StartsAtUtc { get; set; }
    public DateTime EndsAtUtc { get; set; }
    public DateTime BookingOpensAtUtc { get; set; }
    public DateTime BookingClosesAtUtc { get; set; }
    public Guid Version { get; set; }
    /// <summary>Seed of the lottery draw, stored so the draw can be reproduced.</summary>
    public int? LotterySeed { get; set; }
    /// <summary>When the lottery was drawn (due work: lottery days past their window close).</summary>
    public DateTime? LotteryDrawnAtUtc { get; set; }

    /// <summary>Creates the fair day for an occurrence of a series, in the venue's local time.</summary>
    public static FairDay Plan(FairSeries series, ScheduledOccurrence occurrence, MunicipalClock venueClock)
    {
        var day = new FairDay
        {
            FairSeriesId = series.Id,
            OccurrenceDate = occurrence.OccurrenceDate,
            Status = FairDayStatus.Scheduled,
        };
        day.Place(series, occurrence.OccurrenceDate, occurrence.VenueId, series.StartTime, series.EndTime, venueClock);
        return day;
    }

    /// <summary>
    /// A day outside the schedule, added by staff (an import): its identity is the date it is
    /// held on, so the recurring job never plans it again.
    /// </summary>
    public static FairDay Add(FairSeries series, DateOnly date, int venueId, TimeOnly start, TimeOnly end,
        MunicipalClock venueClock)
    {
        if (end <= start)
        {
            throw new ArgumentException("A fair day ends after it starts.", nameof(end));
        }
        var day = new FairDay { FairSeriesId = series.Id, OccurrenceDate = date, Status = FairDayStatus.Scheduled };
        day.Place(series, date, venueId, start, end, venueClock);
        return day;
    }

    /// <summary>Moves the day to another date, venue or hours; its identity stays.</summary>
    public void Move(FairSeries series, DateOnly date, int venueId, TimeOnly start, TimeOnly end, MunicipalClock venueClock)
    {
        if (end <= start)
        {
            throw new ArgumentException("A fair day ends after it starts.", nameof(end));
        }
        Place(series, date, venueId, start, end, venueClock);
        Sequence++;
    }

    /// <summary>
    /// Places the day on its date again with the series' current hours and booking window at the
    /// given venue; bumps <see cref="Sequence"/> only when something a calendar shows changed.
    /// </summary>
    /// <returns>True when the day changed.</returns>
    public bool Replan(FairSeries series, int venueId, MunicipalClock venueClock)
    {
        var before = (VenueId, StartTime, EndTime, StartsAtUtc, EndsAtUtc, BookingOpensAtUtc, BookingClosesAtUtc);
        Place(series, Date, venueId, series.StartTime, series.EndTime, venueClock);
        if (before == (VenueId, StartTime, EndTime, StartsAtUtc, EndsAtUtc, BookingOpensAtUtc, BookingClosesAtUtc))
        {
            return false;
        }
        Sequence++;
        return true;
    }

    public void Skip(string? reason)
    {
        Status = FairDayStatus.Skipped;
        StatusReason = reason;
        Sequence++;
    }

    public void Cancel(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Status = FairDayStatus.Cancelled;
        StatusReason = reason;
        Sequence++;
    }

    public bool IsBookableAt(DateTime utcNow) =>
        Status == FairDayStatus.Scheduled && utcNow >= BookingOpensAtUtc && utcNow < BookingClosesAtUtc;

    private void Place(FairSeries series, DateOnly date, int venueId, TimeOnly start, TimeOnly end, MunicipalClock clock)
    {
        Date = date;
        VenueId = venueId;
        StartTime = start;
        EndTime = end;
        StartsAtUtc = clock.ToUtc(date, start);
        EndsAtUtc = clock.ToUtc(date, end);
        BookingOpensAtUtc = clock.ToUtc(date.AddDays(-series.BookingOpensDaysBefore), TimeOnly.MinValue);
        BookingClosesAtUtc = StartsAtUtc.AddHours(-series.BookingClosesHoursBefore);
    }
}
