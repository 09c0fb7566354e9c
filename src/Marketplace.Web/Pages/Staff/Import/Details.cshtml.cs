using Marketplace.Domain.Fairs.Imports;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.Import;

/// <summary>
/// One import: its progress while it runs (the page refreshes itself, no JavaScript), then
/// either the number of days applied or every bad row with its reason.
/// </summary>
public class DetailsModel(MarketplaceDbContext db) : PageModel
{
    /// <summary>Seconds between refreshes while the import runs.</summary>
    public const int RefreshSeconds = 2;

    public FairDayImport Import { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var import = await db.FairDayImports.AsNoTracking()
            .Include(i => i.Problems.OrderBy(p => p.Line).ThenBy(p => p.Id))
            .SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null || !scope.Covers(import.MunicipalityId))
        {
            return NotFound();
        }
        Import = import;
        return Page();
    }
}
