using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.Producers;

/// <summary>A municipality a staff member may choose, named with its region.</summary>
public sealed record MunicipalityOption(int Id, string Name, string Region)
{
    public static async Task<IReadOnlyList<MunicipalityOption>> InScopeAsync(MarketplaceDbContext db, StaffScope scope,
        CancellationToken cancellationToken)
    {
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        return await db.Municipalities.AsNoTracking()
            .Where(m => all || ids.Contains(m.Id))
            .OrderBy(m => m.Region!.Name).ThenBy(m => m.Name)
            .Select(m => new MunicipalityOption(m.Id, m.Name, m.Region!.Name))
            .ToListAsync(cancellationToken);
    }
}
