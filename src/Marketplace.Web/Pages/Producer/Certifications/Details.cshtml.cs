using Marketplace.Domain.Certifications;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.ProducerArea.Certifications;

/// <summary>
/// One of the producer's own certifications, with its document; the producer can withdraw it
/// (the document goes with it). Another producer's certification answers 404.
/// </summary>
public class DetailsModel(
    MarketplaceDbContext db,
    TimeProvider clock,
    IStringLocalizer<ProducerResource> text,
    ILogger<DetailsModel> logger) : PageModel
{
    public Certification Certification { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var producerId = await ProducerAccounts.IdOfAsync(db, User, cancellationToken);
        var certification = producerId is null
            ? null
            : await db.Certifications.AsNoTracking().Include(c => c.Producer!).ThenInclude(p => p.Municipality)
                .SingleOrDefaultAsync(c => c.Id == id && c.ProducerId == producerId, cancellationToken);
        if (certification is null)
        {
            return NotFound();
        }
        Certification = certification;
        Today = certification.Producer!.Municipality!.Clock().TodayAt(clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken cancellationToken)
    {
        var producerId = await ProducerAccounts.IdOfAsync(db, User, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var certification = producerId is null
            ? null
            : await db.Certifications.SingleOrDefaultAsync(c => c.Id == id && c.ProducerId == producerId, cancellationToken);
        if (certification is null)
        {
            return NotFound();
        }
        db.Certifications.Remove(certification);
        await db.SaveChangesAsync(cancellationToken);
        if (certification.DocumentFileId is { } documentId)
        {
            await db.StoredFiles.Where(f => f.Id == documentId && f.OwnerProducerId == producerId)
                .ExecuteDeleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Producer {ProducerId} withdrew certification {CertificationId}", producerId, id);
        TempData["StatusMessage"] = text["Certifications.Withdrawn"].Value;
        return RedirectToPage("./Index");
    }
}
