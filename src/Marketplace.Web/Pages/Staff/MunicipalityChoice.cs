using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff;

/// <summary>A municipality the import, export and report pages work for, with its currency and time zone.</summary>
public sealed record MunicipalityChoice(int Id, string Name, string CurrencyCode, string TimeZoneId)
{
    public static async Task<IReadOnlyList<MunicipalityChoice>> InScopeAsync(MarketplaceDbContext db, StaffScope scope,
        CancellationToken cancellationToken)
    {
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        return await db.Municipalities.AsNoTracking()
            .Where(m => all || ids.Contains(m.Id))
            .OrderBy(m => m.Name)
            .Select(m => new MunicipalityChoice(m.Id, m.Name, m.CurrencyCode, m.TimeZoneId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The chosen one when it is in scope; the only one when none was chosen and there is one.</summary>
    public static MunicipalityChoice? Pick(IReadOnlyList<MunicipalityChoice> choices, int? chosen) =>
        chosen is { } id ? choices.FirstOrDefault(c => c.Id == id) : choices.Count == 1 ? choices[0] : null;
}
