using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.Operations;

/// <summary>
/// The fair days of the last week and the coming month that the staff member's municipalities
/// organize or host, with the way to each day's check-in list and message form.
/// </summary>
public class IndexModel(MarketplaceDbContext db, TimeProvider clock) : PageModel
{
    public const int DaysBack = 7;
    public const int DaysAhead = 31;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(int Id, string Series, DateOnly Date, TimeOnly Start, TimeOnly End, string Venue,
        FairDayStatus Status, int Booked);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        // Local dates differ by at most a day across the region's time zones; a day either side is enough.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-DaysBack - 1);
        var to = today.AddDays(DaysAhead + 1);
        var attending = Marketplace.Domain.Bookings.Booking.AttendanceStatuses.ToList();
        Rows = await db.FairDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to
                && (all || ids.Contains(d.FairSeries!.OrganizerMunicipalityId) || ids.Contains(d.Venue!.MunicipalityId)))
            .OrderBy(d => d.Date).ThenBy(d => d.StartTime).ThenBy(d => d.Id)
            .Select(d => new Row(d.Id, d.FairSeries!.Name, d.Date, d.StartTime, d.EndTime, d.Venue!.Name, d.Status,
                db.Bookings.Count(b => b.FairDayId == d.Id && attending.Contains(b.Status))))
            .ToListAsync(cancellationToken);
    }
}
