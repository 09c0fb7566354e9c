using Marketplace.Domain.Certifications;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;
using Marketplace.Web.Pages.ProducerArea.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.ProducerArea.Certifications;

/// <summary>
/// The producer's certifications with their status, and the form to add one with its document
/// (PDF, JPEG or PNG, real content checked). A new certification waits for the staff of the
/// producer's municipality to verify it.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimits.MultipartBodyLength)]
[RequestSizeLimit(UploadLimits.RequestBody)]
[UploadTooLarge(DocumentField)]
public class IndexModel(
    MarketplaceDbContext db,
    TimeProvider clock,
    IStringLocalizer<ProducerResource> text,
    ILogger<IndexModel> logger) : PageModel
{
    public const string DocumentField = "Input.Document";

    [BindProperty(Name = nameof(Input))]
    public CertificationInput Input { get; set; } = new();

    /// <summary>False until the producer saved its profile: there is no one to certify yet.</summary>
    public bool HasProfile { get; private set; }
    public IReadOnlyList<Certification> Certifications { get; private set; } = [];
    /// <summary>The local date in the producer's municipality.</summary>
    public DateOnly Today { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (UploadTooLargeAttribute.Take(TempData) is { } field)
        {
            ModelState.AddModelError(field, text["Upload.TooLarge", UploadLimits.MaxMegabytes]);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var producerId = await LoadAsync(cancellationToken);
        if (producerId is null)
        {
            return RedirectToPage("/Producer/Profile");
        }
        Input.Validate(ModelState, text, Today);

        var now = clock.GetUtcNow().UtcDateTime;
        UploadResult? upload = null;
        if (Input.Document is { Length: > 0 } document)
        {
            await using var stream = document.OpenReadStream();
            upload = await ProducerFiles.ReadAsync(stream, document.Length, document.FileName, UploadPurpose.Document,
                producerId, now, cancellationToken);
            if (upload.Problem is { } problem)
            {
                ModelState.AddModelError(DocumentField, UploadMessages.For(text, problem, UploadPurpose.Document));
            }
            else if (!ModelState.IsValid)
            {
                ModelState.AddModelError(DocumentField, text["Upload.ChooseAgain"]);
            }
        }
        if (!ModelState.IsValid || upload?.File is not { } file)
        {
            return Page();
        }

        // One SaveChanges: the file is inserted before the certification that points at it.
        db.StoredFiles.Add(file);
        var certification = Input.ToCertification(producerId.Value, file.Id, now);
        db.Certifications.Add(certification);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Producer {ProducerId} added certification {CertificationId}", producerId, certification.Id);
        StatusMessage = text["Certifications.Added"];
        return RedirectToPage();
    }

    private async Task<int?> LoadAsync(CancellationToken cancellationToken)
    {
        var producerId = await ProducerAccounts.IdOfAsync(db, User, cancellationToken);
        HasProfile = producerId is not null;
        if (producerId is not { } id)
        {
            return null;
        }
        var timeZone = await db.Producers.Where(p => p.Id == id)
            .Select(p => p.Municipality!.TimeZoneId)
            .SingleAsync(cancellationToken);
        Today = new Domain.Common.MunicipalClock(timeZone).TodayAt(clock.GetUtcNow().UtcDateTime);
        Certifications = await db.Certifications.AsNoTracking()
            .Where(c => c.ProducerId == id)
            .OrderByDescending(c => c.ValidTo).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        return id;
    }
}
