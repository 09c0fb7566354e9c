using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.Producers;

/// <summary>The producers of the staff member's municipalities, assisted or not, by name.</summary>
public class IndexModel(MarketplaceDbContext db) : PageModel
{
    public const int MaxRows = 300;

    /// <summary>Only this municipality (one of the staff member's), or all of them when empty.</summary>
    [BindProperty(SupportsGet = true, Name = "municipality")]
    public int? MunicipalityId { get; set; }

    public IReadOnlyList<MunicipalityOption> Municipalities { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool Truncated { get; private set; }

    public sealed record Row(int Id, string DisplayName, string? Community, string Municipality, string? Phone,
        bool IsAssisted, bool HasAccount);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        Municipalities = await MunicipalityOption.InScopeAsync(db, scope, cancellationToken);
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        var query = db.Producers.AsNoTracking()
            .Where(p => p.DeletedAtUtc == null && (all || ids.Contains(p.MunicipalityId)));
        if (MunicipalityId is { } only)
        {
            query = query.Where(p => p.MunicipalityId == only);
        }
        var rows = await query
            .OrderBy(p => p.DisplayName).ThenBy(p => p.Id)
            .Take(MaxRows + 1)
            .Select(p => new Row(p.Id, p.DisplayName, p.Community, p.Municipality!.Name, p.Phone, p.IsAssisted,
                p.UserId != null))
            .ToListAsync(cancellationToken);
        Truncated = rows.Count > MaxRows;
        Rows = Truncated ? rows[..MaxRows] : rows;
    }
}
