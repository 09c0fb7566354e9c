using System.Security.Claims;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Files;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;
using Marketplace.Infrastructure.Staff;
using Marketplace.Web.Pages.ProducerArea.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Certifications;

/// <summary>
/// One screen to decide a certification: the document beside the producer's profile, and the
/// verify and decline (with a reason) buttons. The producer is told by e-mail or, without an
/// address, on the phone list. A certification of a producer outside the staff member's
/// municipalities answers 404, its document and photo too.
/// </summary>
public class DetailsModel(
    MarketplaceDbContext db,
    CertificationReview review,
    TimeProvider clock,
    IStringLocalizer<ProducerResource> text,
    ILogger<DetailsModel> logger) : PageModel
{
    public sealed record DocumentInfo(string FileName, string ContentType, long Length)
    {
        public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
    }

    public Certification Certification { get; private set; } = null!;
    public Domain.Producers.Producer Producer => Certification.Producer!;
    public IReadOnlyList<string> Products { get; private set; } = [];
    public DocumentInfo? Document { get; private set; }
    public IReadOnlyList<Certification> Others { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [BindProperty(Name = nameof(Reason))]
    public string? Reason { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocumentAsync(int id, CancellationToken cancellationToken)
    {
        var certification = await VisibleAsync(id, cancellationToken);
        return await FileAsync(certification?.DocumentFileId, certification?.ProducerId, cancellationToken);
    }

    public async Task<IActionResult> OnGetPhotoAsync(int id, CancellationToken cancellationToken)
    {
        var certification = await VisibleAsync(id, cancellationToken);
        return await FileAsync(certification?.Producer!.PhotoFileId, certification?.ProducerId, cancellationToken);
    }

    public async Task<IActionResult> OnPostVerifyAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var outcome = await review.VerifyAsync(id, scope, StaffUserId, cancellationToken);
        return Answer(id, outcome, "Review.Verified");
    }

    public async Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken cancellationToken)
    {
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            ModelState.AddModelError(nameof(Reason), text["Validation.Required", text["Field.Reason"]]);
        }
        else if (reason.Length > CertificationReview.MaxReasonLength)
        {
            ModelState.AddModelError(nameof(Reason),
                text["Validation.MaxLength", text["Field.Reason"], CertificationReview.MaxReasonLength]);
        }
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var outcome = await review.DeclineAsync(id, scope, StaffUserId, reason!, cancellationToken);
        return Answer(id, outcome, "Review.Declined");
    }

    private IActionResult Answer(int id, ReviewOutcome outcome, string done)
    {
        switch (outcome)
        {
            case ReviewOutcome.Decided:
                logger.LogInformation("Certification {CertificationId} decided: {Decision}", id, done);
                StatusMessage = text[done];
                return RedirectToPage("./Index");
            case ReviewOutcome.AlreadyDecided:
                StatusMessage = text["Review.AlreadyDecided"];
                return RedirectToPage(new { id });
            default:
                return NotFound();
        }
    }

    /// <summary>The certification with its producer, if the staff member's scope covers the producer.</summary>
    private async Task<Certification?> VisibleAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var certification = await db.Certifications.AsNoTracking()
            .Include(c => c.Producer!).ThenInclude(p => p.Municipality)
            .Include(c => c.Producer!).ThenInclude(p => p.Products).ThenInclude(pp => pp.ProductCategory)
            .SingleOrDefaultAsync(c => c.Id == id && c.Producer!.DeletedAtUtc == null, cancellationToken);
        return certification is not null && scope.Covers(certification.Producer!.MunicipalityId) ? certification : null;
    }

    private async Task<IActionResult> FileAsync(Guid? fileId, int? ownerId, CancellationToken cancellationToken)
    {
        if (fileId is null)
        {
            return NotFound();
        }
        StoredFile? file = await db.StoredFiles.AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == fileId && f.OwnerProducerId == ownerId, cancellationToken);
        return file is null ? NotFound() : StoredFileResult.Private(Response, file);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, cancellationToken) is not { } certification)
        {
            return false;
        }
        Certification = certification;
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        Products = certification.Producer!.Products
            .Where(pp => pp.ProductCategory is not null)
            .OrderBy(pp => pp.ProductCategory!.SortOrder)
            .Select(pp => pp.ProductCategory!.NameFor(culture))
            .ToList();
        if (certification.DocumentFileId is { } documentId)
        {
            Document = await db.StoredFiles.AsNoTracking()
                .Where(f => f.Id == documentId)
                .Select(f => new DocumentInfo(f.FileName, f.ContentType, f.Length))
                .SingleOrDefaultAsync(cancellationToken);
        }
        Others = await db.Certifications.AsNoTracking()
            .Where(c => c.ProducerId == certification.ProducerId && c.Id != id)
            .OrderByDescending(c => c.ValidTo)
            .ToListAsync(cancellationToken);
        Today = certification.Producer.Municipality!.Clock().TodayAt(clock.GetUtcNow().UtcDateTime);
        return true;
    }

    private string StaffUserId => User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The Staff policy lets only signed-in users in.");
}
