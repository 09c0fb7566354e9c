using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Venues;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Operations;

/// <summary>Fair days, venues and bookings made for one test, far from the demo calendar's dates.</summary>
public static class OperationsScene
{
    public const string SundayMarket = "Mercado Dominical de Huancavelica";
    public const string ItinerantFair = "Feria Ecológica Itinerante de Huancavelica";
    public const string HuancavelicaPlaza = "Plaza de Armas de Huancavelica";

    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static int _days;

    /// <summary>A date of its own per call (years ahead of any materialized day), so tests never share one.</summary>
    public static DateOnly FreshDate() => new DateOnly(2040, 1, 1).AddDays(Interlocked.Increment(ref _days));

    /// <summary>A scheduled fair day of the named series at the first venue of its route.</summary>
    public static Task<int> CreateDayAsync(MarketplaceFactory site, string seriesName = SundayMarket, DateOnly? date = null,
        int? venueId = null, TimeOnly? start = null, TimeOnly? end = null) =>
        site.WithDbAsync(async db =>
        {
            var series = await db.FairSeries.Include(s => s.Route).SingleAsync(s => s.Name == seriesName, Token);
            var day = date ?? FreshDate();
            var from = start ?? new TimeOnly(8, 0);
            var to = end ?? new TimeOnly(13, 0);
            var startsAt = day.ToDateTime(from, DateTimeKind.Utc).AddHours(5);
            var fairDay = new FairDay
            {
                FairSeriesId = series.Id,
                OccurrenceDate = day,
                Date = day,
                StartTime = from,
                EndTime = to,
                VenueId = venueId ?? series.Route.OrderBy(r => r.Position).First().VenueId,
                Status = FairDayStatus.Scheduled,
                StartsAtUtc = startsAt,
                EndsAtUtc = startsAt.Add(to - from),
                BookingOpensAtUtc = startsAt.AddDays(-30),
                BookingClosesAtUtc = startsAt.AddHours(-12),
            };
            db.FairDays.Add(fairDay);
            await db.SaveChangesAsync(Token);
            return fairDay.Id;
        });

    /// <summary>A confirmed booking on the first free stall of the day, at the given fee.</summary>
    public static Task<int> BookAsync(MarketplaceFactory site, int fairDayId, int producerId, decimal fee = 10,
        BookingStatus status = BookingStatus.Confirmed) =>
        site.WithDbAsync(async db =>
        {
            var day = await db.FairDays.AsNoTracking().SingleAsync(d => d.Id == fairDayId, Token);
            var held = await db.Bookings.Where(b => b.FairDayId == fairDayId && b.StallId != null)
                .Select(b => b.StallId!.Value).ToListAsync(Token);
            var stall = await db.Stalls.Where(s => s.VenueId == day.VenueId && !s.IsRetired && !held.Contains(s.Id))
                .OrderBy(s => s.Code).FirstAsync(Token);
            var booking = Booking.Confirm(fairDayId, producerId, stall.Id, new BookingFee(fee, false), DateTime.UtcNow);
            booking.Status = status;
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(Token);
            return booking.Id;
        });

    /// <summary>A venue of its own with numbered stalls, in the municipality with the given code.</summary>
    public static Task<int> CreateVenueAsync(MarketplaceFactory site, string municipalityCode, int stalls) =>
        site.WithDbAsync(async db =>
        {
            var municipality = await db.Municipalities.SingleAsync(m => m.Code == municipalityCode, Token);
            var venue = new Venue
            {
                MunicipalityId = municipality.Id,
                Name = $"Campo de prueba {Guid.NewGuid().ToString("N")[..8]}",
                Kind = VenueKind.Field,
                Stalls = Enumerable.Range(1, stalls).Select(i => new Stall { Code = $"T-{i:00}" }).ToList(),
            };
            db.Venues.Add(venue);
            await db.SaveChangesAsync(Token);
            return venue.Id;
        });

    /// <summary>A weekly series of its own at one venue (no days materialized: it starts years ahead).</summary>
    public static Task<(int Id, string Name)> CreateSeriesAsync(MarketplaceFactory site, string organizerCode, int venueId) =>
        site.WithDbAsync(async db =>
        {
            var organizer = await db.Municipalities.SingleAsync(m => m.Code == organizerCode, Token);
            var series = new FairSeries
            {
                Name = $"Feria de reporte {Guid.NewGuid().ToString("N")[..8]}",
                OrganizerMunicipalityId = organizer.Id,
                RecurrenceRule = "FREQ=WEEKLY;BYDAY=TU",
                StartsOn = new DateOnly(2045, 1, 1),
                StartTime = new TimeOnly(8, 0),
                EndTime = new TimeOnly(13, 0),
                Route = [new FairSeriesStop { Position = 0, VenueId = venueId }],
            };
            db.FairSeries.Add(series);
            await db.SaveChangesAsync(Token);
            return (series.Id, series.Name);
        });
}
