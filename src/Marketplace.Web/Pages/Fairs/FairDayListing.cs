using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>One line of a list of fair days, in the fair's local date and hours.</summary>
public sealed record FairDaySummary(
    int Id, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, FairDayStatus Status,
    string SeriesName, string VenueName, string MunicipalityName, int ProducerCount);

/// <summary>Filters of a fair-day list; every one of them travels in the query string.</summary>
public sealed class FairDayFilter
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int? Municipality { get; set; }
    public int? Corridor { get; set; }
    public string? Q { get; set; }
    /// <summary>
    /// Read from the query string by the page itself: Razor Pages keeps a route value named
    /// "page", which would shadow a bound <c>page</c> parameter.
    /// </summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public int Page { get; set; } = 1;
}

/// <summary>The coming fair days, soonest first: the query behind the home page and /Fairs.</summary>
public static class FairDayListing
{
    public const int PageSize = 20;

    public static async Task<(IReadOnlyList<FairDaySummary> Items, int Total)> UpcomingAsync(
        MarketplaceDbContext db, FairDayFilter filter, DateTime utcNow, int pageSize, CancellationToken cancellationToken)
    {
        // "Upcoming" is decided by the instant the day ends, which was computed in the
        // municipality's own time zone; skipped days are not shown, cancelled ones are.
        var query = db.FairDays.AsNoTracking()
            .Where(d => d.EndsAtUtc >= utcNow && d.Status != FairDayStatus.Skipped);
        if (filter.From is { } from)
        {
            query = query.Where(d => d.Date >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(d => d.Date <= to);
        }
        if (filter.Municipality is { } municipality)
        {
            query = query.Where(d => d.Venue!.MunicipalityId == municipality);
        }
        if (filter.Corridor is { } corridor)
        {
            query = query.Where(d => d.Venue!.Municipality!.CorridorId == corridor);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim();
            query = query.Where(d => d.FairSeries!.Name.Contains(text) || d.Venue!.Name.Contains(text)
                || d.Venue.Municipality!.Name.Contains(text));
        }
        var total = await query.CountAsync(cancellationToken);
        var page = Math.Max(1, filter.Page);
        var items = await query
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(d => new FairDaySummary(
                d.Id, d.Date, d.StartTime, d.EndTime, d.Status,
                d.FairSeries!.Name, d.Venue!.Name, d.Venue.Municipality!.Name,
                db.Bookings.Count(b => b.FairDayId == d.Id
                    && (b.Status == Domain.Bookings.BookingStatus.Confirmed
                        || b.Status == Domain.Bookings.BookingStatus.CheckedIn))))
            .ToListAsync(cancellationToken);
        return (items, total);
    }
}
