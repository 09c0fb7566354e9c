using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.FairDays;

/// <summary>
/// A fair day as the operations pages show it, and what the staff member may do with it: the
/// organizing municipality's staff manage it; the host municipality's staff (a day of an
/// itinerant series at one of their venues) see it read-only; anyone else is told it does not exist.
/// </summary>
public sealed record ManagedFairDay(int Id, string Series, DateOnly Date, TimeOnly Start, TimeOnly End, string Venue,
    string Municipality, string CurrencyCode, Marketplace.Domain.Fairs.FairDayStatus Status, bool CanManage)
{
    /// <returns>Null when the day is unknown or outside the staff member's municipalities.</returns>
    public static async Task<ManagedFairDay?> FindAsync(MarketplaceDbContext db, StaffScope scope, int id,
        CancellationToken cancellationToken)
    {
        var day = await db.FairDays.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => new
            {
                d.Id, Series = d.FairSeries!.Name, d.Date, d.StartTime, d.EndTime, Venue = d.Venue!.Name,
                Municipality = d.Venue.Municipality!.Name, d.FairSeries.OrganizerMunicipality!.CurrencyCode,
                d.Status, d.FairSeries.OrganizerMunicipalityId, HostId = d.Venue.MunicipalityId,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (day is null || !(scope.Covers(day.OrganizerMunicipalityId) || scope.Covers(day.HostId)))
        {
            return null;
        }
        return new ManagedFairDay(day.Id, day.Series, day.Date, day.StartTime, day.EndTime, day.Venue, day.Municipality,
            day.CurrencyCode, day.Status, scope.Covers(day.OrganizerMunicipalityId));
    }
}
