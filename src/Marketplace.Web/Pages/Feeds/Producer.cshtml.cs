using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Producers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using IcalCalendar = Ical.Net.Calendar;

namespace Marketplace.Web.Pages.Feeds;

/// <summary>
/// A producer's private iCalendar feed (RFC 5545): one event per booking that is not cancelled,
/// in the venue municipality's time zone. Calendar apps cannot sign in, so the secret token in
/// the address is the only key; an unknown or revoked token is a 404.
/// </summary>
public class ProducerModel(MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<BookingResource> text,
    CalendarFeedTokens tokens, SiteUrl siteUrl) : PageModel
{
    /// <summary>How far back the feed keeps past bookings, so a calendar keeps recent history.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (await tokens.ProducerIdAsync(token, cancellationToken) is not { } producerId)
        {
            return NotFound();
        }
        var producer = await db.Producers.AsNoTracking()
            .Where(p => p.Id == producerId)
            .Select(p => new { p.Id, p.DisplayName })
            .SingleAsync(cancellationToken);

        var since = clock.GetUtcNow().UtcDateTime - History;
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.ProducerId == producer.Id && b.Status != BookingStatus.Cancelled && b.FairDay!.EndsAtUtc >= since)
            .OrderBy(b => b.FairDay!.StartsAtUtc).ThenBy(b => b.Id)
            .Select(b => new
            {
                b.Id,
                b.Status,
                b.UpdatedAtUtc,
                Stall = b.Stall == null ? null : b.Stall.Code,
                b.FairDayId,
                b.FairDay!.Date,
                b.FairDay.StartTime,
                b.FairDay.EndTime,
                DayStatus = b.FairDay.Status,
                b.FairDay.Sequence,
                Series = b.FairDay.FairSeries!.Name,
                Venue = b.FairDay.Venue!.Name,
                b.FairDay.Venue.Address,
                Municipality = b.FairDay.Venue.Municipality!.Name,
                b.FairDay.Venue.Municipality.TimeZoneId,
                b.FairDay.Venue.Latitude,
                b.FairDay.Venue.Longitude,
            })
            .ToListAsync(cancellationToken);

        var calendar = new IcalCalendar { ProductId = "-//Marketplace//Producer bookings//ES" };
        calendar.AddProperty("X-WR-CALNAME", text["Feed.CalendarName", producer.DisplayName]);
        foreach (var zone in bookings.Select(b => b.TimeZoneId).Distinct())
        {
            calendar.AddTimeZone(zone, since, includeHistoricalData: false);
        }
        var site = siteUrl.Base();
        foreach (var b in bookings)
        {
            var status = text["Status." + b.Status].Value;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"booking-{b.Id}@marketplace",
                Sequence = b.Sequence,
                DtStamp = new CalDateTime(b.UpdatedAtUtc, "UTC"),
                DtStart = new CalDateTime(b.Date, b.StartTime, b.TimeZoneId),
                DtEnd = new CalDateTime(b.Date, b.EndTime, b.TimeZoneId),
                Summary = b.Series,
                Location = string.Join(", ", new[] { b.Venue, b.Address, b.Municipality }.Where(s => !string.IsNullOrWhiteSpace(s))),
                GeographicLocation = new GeographicLocation(b.Latitude, b.Longitude),
                Description = b.Stall is null ? status : $"{text["Booking.StallCode", b.Stall]} · {status}",
                Url = new Uri($"{site}/Fairs/{b.FairDayId}"),
                Status = b.DayStatus != FairDayStatus.Scheduled ? EventStatus.Cancelled
                    : b.Status is BookingStatus.Requested or BookingStatus.Waitlisted or BookingStatus.Offered ? EventStatus.Tentative
                    : EventStatus.Confirmed,
                Transparency = TransparencyType.Opaque,
            });
        }

        Response.Headers.CacheControl = "private, no-cache";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return Content(new CalendarSerializer().SerializeToString(calendar) ?? "", "text/calendar; charset=utf-8");
    }
}
