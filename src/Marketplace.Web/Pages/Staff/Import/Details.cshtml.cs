using Marketplace.Domain.Fairs.Imports;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.Import;

/// <summary>
/// One import: its progress while it runs (the page refreshes itself, no JavaScript), then
/// either the number of days applied or every bad row with its reason. An import whose worker
/// died (its lease ran out) or whose job was lost says so, with when the minutely sweep resumes it.
/// </summary>
public class DetailsModel(MarketplaceDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Seconds between refreshes while the import runs.</summary>
    public const int RefreshSeconds = 2;

    // A queued import's job normally takes it within seconds; after this its job was lost.
    private static readonly TimeSpan QueuedJobLostAfter = TimeSpan.FromMinutes(1);

    public FairDayImport Import { get; private set; } = null!;

    /// <summary>When the sweep takes the import again (municipality's local time), if nobody works on it now.</summary>
    public DateTime? ResumesAtLocal { get; private set; }

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
        var now = clock.GetUtcNow().UtcDateTime;
        if ((import.Status == FairDayImportStatus.Running && import.LeaseUntilUtc < now)
            || (import.Status == FairDayImportStatus.Queued && import.CreatedAtUtc < now - QueuedJobLostAfter))
        {
            // The sweep runs at the start of every minute.
            var nextSweepUtc = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddMinutes(1);
            var zone = await db.Municipalities.Where(m => m.Id == import.MunicipalityId).Select(m => m.TimeZoneId)
                .SingleAsync(cancellationToken);
            ResumesAtLocal = TimeZoneInfo.ConvertTimeFromUtc(nextSweepUtc, TimeZoneInfo.FindSystemTimeZoneById(zone));
        }
        return Page();
    }
}
