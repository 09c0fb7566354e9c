using System.Linq.Expressions;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>One of the producer's bookings as its pages show it; dates and hours are the fair's local ones.</summary>
public sealed record BookingLine(
    int Id,
    BookingStatus Status,
    int FairDayId,
    DateOnly Date,
    TimeOnly StartTime,
    TimeOnly EndTime,
    FairDayStatus DayStatus,
    string SeriesName,
    string VenueName,
    string MunicipalityName,
    string TimeZoneId,
    string CurrencyCode,
    string? StallCode,
    decimal Fee,
    bool FeeWaived,
    int? WaitlistRank,
    DateTime? OfferExpiresAtUtc,
    DateTime StartsAtUtc,
    DateTime EndsAtUtc,
    int CancellationDeadlineHours,
    int ItemCount)
{
    public DateTime CancelDeadlineUtc => StartsAtUtc.AddHours(-CancellationDeadlineHours);

    /// <summary>Still changeable by its producer: not cancelled, and its fair day not over.</summary>
    public bool IsActive(DateTime utcNow) => Status != BookingStatus.Cancelled && EndsAtUtc > utcNow;

    /// <summary>Before the deadline; an offered stall is declined instead.</summary>
    public bool CanCancel(DateTime utcNow) =>
        Status is BookingStatus.Requested or BookingStatus.Waitlisted or BookingStatus.Confirmed
        && utcNow < CancelDeadlineUtc;

    /// <summary>An instant in the fair's own time zone.</summary>
    public DateTime Local(DateTime utc) => new Domain.Common.MunicipalClock(TimeZoneId).ToLocal(utc);
}

/// <summary>The queries behind the producer's dashboard and booking pages: only the producer's own rows.</summary>
public static class ProducerBookings
{
    /// <summary>The producer's bookings that match <paramref name="filter"/>, soonest fair day first.</summary>
    public static IQueryable<BookingLine> Lines(MarketplaceDbContext db, int producerId, Expression<Func<Booking, bool>> filter) =>
        db.Bookings.AsNoTracking()
            .Where(b => b.ProducerId == producerId)
            .Where(filter)
            .OrderBy(b => b.FairDay!.StartsAtUtc).ThenBy(b => b.Id)
            .Select(b => new BookingLine(
                b.Id,
                b.Status,
                b.FairDayId,
                b.FairDay!.Date,
                b.FairDay.StartTime,
                b.FairDay.EndTime,
                b.FairDay.Status,
                b.FairDay.FairSeries!.Name,
                b.FairDay.Venue!.Name,
                b.FairDay.Venue.Municipality!.Name,
                b.FairDay.Venue.Municipality.TimeZoneId,
                b.FairDay.FairSeries.OrganizerMunicipality!.CurrencyCode,
                b.Stall == null ? null : b.Stall.Code,
                b.FeeAmount,
                b.IsFeeWaived,
                // Rank among those still waiting: positions of offered or cancelled bookings leave gaps.
                b.Status == BookingStatus.Waitlisted
                    ? (int?)(db.Bookings.Count(o => o.FairDayId == b.FairDayId && o.Status == BookingStatus.Waitlisted
                        && o.WaitlistPosition < b.WaitlistPosition) + 1)
                    : null,
                b.OfferExpiresAtUtc,
                b.FairDay.StartsAtUtc,
                b.FairDay.EndsAtUtc,
                b.FairDay.FairSeries.CancellationDeadlineHours,
                b.Items.Count));
}
