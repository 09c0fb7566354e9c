using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// RFC 5545 calendars of fair days: stable UIDs, SEQUENCE from the fair day's sequence,
/// cancelled days as STATUS:CANCELLED, local times with their VTIMEZONE.
/// </summary>
public static class FairCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static async Task<string> BuildAsync(IQueryable<FairDay> days, string siteBase, string calendarName,
        CancellationToken cancellationToken)
    {
        var rows = await days
            .OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id)
            .Take(500)
            .Select(d => new
            {
                d.Id, d.Date, d.StartTime, d.EndTime, d.Status, d.StatusReason, d.Sequence,
                Series = d.FairSeries!.Name, d.FairSeries.Description,
                Venue = d.Venue!.Name, d.Venue.Address, d.Venue.Latitude, d.Venue.Longitude,
                Municipality = d.Venue.Municipality!.Name, d.Venue.Municipality.TimeZoneId,
            })
            .ToListAsync(cancellationToken);

        var calendar = new Calendar { ProductId = "-//Marketplace//Fairs//ES", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        foreach (var zone in rows.Select(r => r.TimeZoneId).Distinct())
        {
            calendar.AddTimeZone(zone);
        }
        var host = new Uri(siteBase).Host;
        foreach (var row in rows)
        {
            var item = new CalendarEvent
            {
                Uid = $"fairday-{row.Id}@{host}",
                Sequence = row.Sequence,
                Summary = row.Series,
                Description = row.Status == FairDayStatus.Scheduled ? row.Description : row.StatusReason,
                Location = string.Join(", ", new[] { row.Venue, row.Address, row.Municipality }.Where(p => !string.IsNullOrWhiteSpace(p))),
                GeographicLocation = new GeographicLocation(row.Latitude, row.Longitude),
                DtStart = new CalDateTime(row.Date, row.StartTime, row.TimeZoneId),
                DtEnd = new CalDateTime(row.Date, row.EndTime, row.TimeZoneId),
                Url = new Uri($"{siteBase}/Fairs/{row.Id}"),
                // A skipped day (only reachable by its own link) is as good as cancelled to a calendar.
                Status = row.Status == FairDayStatus.Scheduled ? EventStatus.Confirmed : EventStatus.Cancelled,
            };
            calendar.Events.Add(item);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
