using Marketplace.Infrastructure.Data;
using Marketplace.Web.Pages.ProducerArea.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Media;

/// <summary>
/// A producer's photo for the public pages (<c>/Media/Photo/{producerId}</c>), only while the
/// producer marks it public; otherwise 404, as if there were none.
/// </summary>
public class PhotoModel(MarketplaceDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int producerId, CancellationToken cancellationToken)
    {
        var photo = await db.Producers.AsNoTracking()
            .Where(p => p.Id == producerId && p.DeletedAtUtc == null && p.IsPhotoPublic && p.PhotoFileId != null)
            .Join(db.StoredFiles, p => p.PhotoFileId, f => (Guid?)f.Id, (p, f) => f)
            .SingleOrDefaultAsync(cancellationToken);
        return photo is null ? NotFound() : StoredFileResult.Public(Response, photo);
    }
}
