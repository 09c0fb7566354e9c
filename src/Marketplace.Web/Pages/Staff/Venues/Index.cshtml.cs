using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.Venues;

/// <summary>The venues of the staff member's municipalities, with the size of their layouts.</summary>
public class IndexModel(MarketplaceDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, string Municipality, VenueKind Kind, string? Address, int Stalls, int Retired);

    public IReadOnlyList<Row> Venues { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        Venues = await db.Venues.AsNoTracking()
            .Where(v => all || ids.Contains(v.MunicipalityId))
            .OrderBy(v => v.Municipality!.Name).ThenBy(v => v.Name)
            .Select(v => new Row(v.Id, v.Name, v.Municipality!.Name, v.Kind, v.Address,
                v.Stalls.Count(s => !s.IsRetired), v.Stalls.Count(s => s.IsRetired)))
            .ToListAsync(cancellationToken);
    }
}
