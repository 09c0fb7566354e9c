using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff;

/// <summary>Staff home: the municipalities one acts in, and the way to each task with what waits there.</summary>
public class IndexModel(MarketplaceDbContext db) : PageModel
{
    public bool All { get; private set; }
    public IReadOnlyList<string> Municipalities { get; private set; } = [];
    public int OpenPhoneNotices { get; private set; }
    public int OpenApplications { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        All = all;
        if (!all)
        {
            Municipalities = await db.Municipalities.AsNoTracking()
                .Where(m => ids.Contains(m.Id))
                .OrderBy(m => m.Name)
                .Select(m => m.Name)
                .ToListAsync(cancellationToken);
        }
        OpenPhoneNotices = await db.PhoneNotices
            .CountAsync(n => n.DoneAtUtc == null && (all || ids.Contains(n.MunicipalityId)), cancellationToken);
        OpenApplications = await db.SeriesMemberships
            .CountAsync(m => m.Status == SeriesMembershipStatus.Applied
                && (all || ids.Contains(m.FairSeries!.OrganizerMunicipalityId)), cancellationToken);
    }
}
