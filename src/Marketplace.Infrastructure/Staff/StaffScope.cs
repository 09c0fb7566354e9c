using System.Security.Claims;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Staff;

/// <summary>
/// The municipalities a signed-in user may act in: every one for an administrator, the
/// municipalities of its staff memberships for a staff member, none for anyone else.
/// Queries filter with <c>scope.All || scope.MunicipalityIds.Contains(x.MunicipalityId)</c>, so
/// an administrator's query carries no list at all.
/// </summary>
public sealed class StaffScope
{
    private StaffScope(bool all, IReadOnlyList<int> municipalityIds)
    {
        All = all;
        MunicipalityIds = municipalityIds;
    }

    /// <summary>An administrator: every municipality, <see cref="MunicipalityIds"/> is empty.</summary>
    public bool All { get; }

    /// <summary>The staff member's municipalities (empty for an administrator, see <see cref="All"/>).</summary>
    public IReadOnlyList<int> MunicipalityIds { get; }

    public bool Covers(int municipalityId) => All || MunicipalityIds.Contains(municipalityId);

    public static async Task<StaffScope> ForAsync(MarketplaceDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return new StaffScope(true, []);
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || !user.IsInRole(Roles.Staff))
        {
            return new StaffScope(false, []);
        }
        var ids = await db.StaffMemberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => m.MunicipalityId)
            .OrderBy(id => id)
            .ToListAsync(cancellationToken);
        return new StaffScope(false, ids);
    }
}
