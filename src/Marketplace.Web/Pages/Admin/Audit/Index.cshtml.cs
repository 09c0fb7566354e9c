using Marketplace.Domain.Audit;
using Marketplace.Infrastructure.Audit;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Admin.Audit;

/// <summary>The audit trail of staff changes, newest first, filtered by entity type and user, a page at a time.</summary>
public class IndexModel(MarketplaceDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The entity types one can filter on: the audited ones and the imports.</summary>
    public static readonly IReadOnlyList<string> EntityTypes = AuditInterceptor.AuditedTypes.Select(t => t.Name)
        .Append(nameof(Marketplace.Domain.Fairs.Imports.FairDayImport)).Order(StringComparer.Ordinal).ToList();

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];
    public bool HasNext { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || PageNumber < 1)
        {
            ModelState.Clear();
            PageNumber = 1;
        }
        PageNumber = Math.Min(PageNumber, 100_000);
        var query = db.AuditEntries.AsNoTracking();
        var entity = EntityTypes.FirstOrDefault(t => string.Equals(t, Entity, StringComparison.OrdinalIgnoreCase));
        if (entity is not null)
        {
            query = query.Where(a => a.EntityType == entity);
        }
        var user = UserName?.Trim();
        if (!string.IsNullOrEmpty(user))
        {
            query = query.Where(a => a.UserName.Contains(user));
        }
        var rows = await query.OrderByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasNext = rows.Count > PageSize;
        Rows = HasNext ? rows[..PageSize] : rows;
    }

    public string PageLink(int page) =>
        $"/Admin/Audit?entity={Uri.EscapeDataString(Entity ?? "")}&userName={Uri.EscapeDataString(UserName ?? "")}&page={page}";
}
