using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.FairSeries;

/// <summary>The series the staff member's municipalities organize, with their coming fair days.</summary>
public class IndexModel(MarketplaceDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Name, string Organizer, SeriesPattern? Pattern, string? Rule, int Stops,
        bool IsActive, int ComingDays, DateOnly? NextDate);

    public IReadOnlyList<Row> Series { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.FairSeries.AsNoTracking()
            .Where(s => all || ids.Contains(s.OrganizerMunicipalityId))
            .OrderBy(s => s.Name)
            .Select(s => new
            {
                s.Id, s.Name, Organizer = s.OrganizerMunicipality!.Name, s.RecurrenceRule, s.ExplicitDates,
                Stops = s.Route.Count, s.IsActive,
                Coming = db.FairDays.Count(d => d.FairSeriesId == s.Id && d.EndsAtUtc > now && d.Status == FairDayStatus.Scheduled),
                Next = db.FairDays.Where(d => d.FairSeriesId == s.Id && d.EndsAtUtc > now && d.Status == FairDayStatus.Scheduled)
                    .OrderBy(d => d.StartsAtUtc).Select(d => (DateOnly?)d.Date).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Series = rows.Select(r => new Row(r.Id, r.Name, r.Organizer, SeriesPattern.FromSeries(r.RecurrenceRule, r.ExplicitDates),
            r.RecurrenceRule ?? r.ExplicitDates, r.Stops, r.IsActive, r.Coming, r.Next)).ToList();
    }
}
