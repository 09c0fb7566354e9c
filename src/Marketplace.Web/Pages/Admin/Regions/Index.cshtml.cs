using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Admin.Regions;

/// <summary>The regions and their brands, each with a link to edit it.</summary>
public class IndexModel(MarketplaceDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, string DefaultCulture, string PrimaryColor);

    public IReadOnlyList<Row> Regions { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Regions = await db.Regions.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new Row(r.Id, r.Name, r.DefaultCulture, r.PrimaryColor))
            .ToListAsync(cancellationToken);
}
