using Marketplace.Domain.Certifications;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.Certifications;

/// <summary>
/// Certifications waiting for a decision, of producers of the staff member's municipalities
/// (every municipality for an administrator), oldest first.
/// </summary>
public class IndexModel(MarketplaceDbContext db) : PageModel
{
    public sealed record PendingLine(int Id, int ProducerId, string ProducerName, string MunicipalityName,
        CertificationKind Kind, string? Certifier, string? Code, string? GroupName, DateOnly ValidFrom, DateOnly ValidTo,
        DateTime CreatedAtUtc);

    public IReadOnlyList<PendingLine> Pending { get; private set; } = [];
    /// <summary>A staff member without any municipality: nothing to review.</summary>
    public bool NoMunicipality { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        NoMunicipality = !scope.All && scope.MunicipalityIds.Count == 0;
        var all = scope.All;
        var ids = scope.MunicipalityIds.ToList();
        Pending = await db.Certifications.AsNoTracking()
            .Where(c => c.Status == CertificationStatus.Pending && c.Producer!.DeletedAtUtc == null
                && (all || ids.Contains(c.Producer.MunicipalityId)))
            .OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id)
            .Select(c => new PendingLine(c.Id, c.ProducerId, c.Producer!.DisplayName, c.Producer.Municipality!.Name,
                c.Kind, c.Certifier, c.Code, c.GroupName, c.ValidFrom, c.ValidTo, c.CreatedAtUtc))
            .ToListAsync(cancellationToken);
    }
}
