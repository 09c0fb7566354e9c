using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Fairs;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.Calendar;

/// <summary>
/// A month of the fair days the staff member's municipalities organize or host (itinerant days at
/// their venues, read-only when another municipality organizes them). <c>?month=2026-12</c>.
/// </summary>
public class IndexModel(MarketplaceDbContext db, TimeProvider clock) : PageModel
{
    public sealed record DayRow(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, string Series, string Venue,
        string Municipality, FairDayStatus Status, FairDayAccess Access);

    public MonthGrid Grid { get; private set; } = null!;
    public bool BadMonth { get; private set; }
    public ILookup<DateOnly, DayRow> Days { get; private set; } = Enumerable.Empty<DayRow>().ToLookup(d => d.Date);

    public async Task OnGetAsync(string? month, CancellationToken cancellationToken)
    {
        BadMonth = !MonthGrid.TryParse(month, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), out var grid);
        Grid = grid;
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        var rows = await db.FairDays.AsNoTracking()
            .Where(d => d.Date >= grid.Start && d.Date <= grid.End)
            .Where(d => all || ids.Contains(d.FairSeries!.OrganizerMunicipalityId) || ids.Contains(d.Venue!.MunicipalityId))
            .OrderBy(d => d.Date).ThenBy(d => d.StartTime).ThenBy(d => d.FairSeries!.Name)
            .Select(d => new
            {
                d.Id, d.Date, d.StartTime, d.EndTime, Series = d.FairSeries!.Name, Venue = d.Venue!.Name,
                Municipality = d.Venue.Municipality!.Name, d.Status, d.FairSeries.OrganizerMunicipalityId, d.Venue.MunicipalityId,
            })
            .ToListAsync(cancellationToken);
        Days = rows
            .Select(r => new DayRow(r.Id, r.Date, r.StartTime, r.EndTime, r.Series, r.Venue, r.Municipality, r.Status,
                FairDayAccessRules.Of(scope, r.OrganizerMunicipalityId, r.MunicipalityId)))
            .ToLookup(r => r.Date);
    }
}
