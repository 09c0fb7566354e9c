using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Admin.Municipalities;

/// <summary>Every municipality by region, with its time zone, currency and corridor.</summary>
public class IndexModel(MarketplaceDbContext db) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed record Row(int Id, string Name, string Code, string Region, string? Corridor, string TimeZoneId,
        string CurrencyCode, int Staff);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.Municipalities.AsNoTracking()
            .OrderBy(m => m.Region!.Name).ThenBy(m => m.Name)
            .Select(m => new Row(m.Id, m.Name, m.Code, m.Region!.Name, m.Corridor!.Name, m.TimeZoneId, m.CurrencyCode,
                db.StaffMemberships.Count(s => s.MunicipalityId == m.Id)))
            .ToListAsync(cancellationToken);
}
