using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea.Files;

/// <summary>
/// One of the signed-in producer's own files (its photo, its certificates). Any other file —
/// another producer's, or one that does not exist — answers 404 alike.
/// </summary>
public class IndexModel(MarketplaceDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var producerId = await ProducerAccounts.IdOfAsync(db, User, cancellationToken);
        if (producerId is null)
        {
            return NotFound();
        }
        var file = await db.StoredFiles.AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == id && f.OwnerProducerId == producerId, cancellationToken);
        return file is null ? NotFound() : StoredFileResult.Private(Response, file);
    }
}
