using System.Security.Claims;
using System.Text;
using Marketplace.Domain.Fairs.Imports;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Marketplace.Web.Pages.ProducerArea.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Import;

/// <summary>
/// Upload of a fair-day CSV file for one municipality. The file is checked for size and for
/// being text, stored, and applied (all rows or none) — here when short, by a job when long.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MultipartLimit)]
[RequestSizeLimit(MultipartLimit * 2)]
[UploadTooLarge(nameof(Upload))]
public class IndexModel(MarketplaceDbContext db, FairDayImporter importer, IStringLocalizer<OperationsResource> text)
    : PageModel
{
    public const int MaxBytes = 1024 * 1024;
    private const int MultipartLimit = 2 * MaxBytes;

    public IReadOnlyList<MunicipalityChoice> Choices { get; private set; } = [];
    public IReadOnlyList<Row> Recent { get; private set; } = [];

    [BindProperty]
    public int? MunicipalityId { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public sealed record Row(int Id, string FileName, string Municipality, DateTime CreatedAtUtc,
        FairDayImportStatus Status, int TotalRows);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (UploadTooLargeAttribute.Take(TempData) is not null)
        {
            ModelState.AddModelError(nameof(Upload), text["Import.TooLarge", MaxBytes / 1024]);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var municipality = MunicipalityChoice.Pick(Choices, MunicipalityId);
        if (MunicipalityId is not null && municipality is null)
        {
            return NotFound();
        }
        if (municipality is null)
        {
            ModelState.AddModelError(nameof(MunicipalityId), text["Validation.Required", text["Field.Municipality"]]);
        }
        var content = await ReadAsync(cancellationToken);
        if (!ModelState.IsValid || municipality is null || content is null)
        {
            return Page();
        }
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var import = await importer.StartAsync(municipality.Id, userId, Path.GetFileName(Upload!.FileName), content,
            cancellationToken);
        return Redirect($"/Staff/Import/{import.Id}");
    }

    /// <summary>The upload as text: present, within the size limit, and UTF-8 text rather than some other file.</summary>
    private async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), text["Validation.Required", text["Import.File"]]);
            return null;
        }
        if (Upload.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), text["Import.TooLarge", MaxBytes / 1024]);
            return null;
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        try
        {
            var content = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.ToArray());
            if (content.Contains('\0'))
            {
                throw new DecoderFallbackException();
            }
            return content;
        }
        catch (DecoderFallbackException)
        {
            ModelState.AddModelError(nameof(Upload), text["Import.NotText"]);
            return null;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        Choices = await MunicipalityChoice.InScopeAsync(db, scope, cancellationToken);
        var ids = Choices.Select(c => c.Id).ToList();
        var names = Choices.ToDictionary(c => c.Id, c => c.Name);
        var recent = await db.FairDayImports.AsNoTracking()
            .Where(i => ids.Contains(i.MunicipalityId))
            .OrderByDescending(i => i.Id).Take(20)
            .Select(i => new { i.Id, i.FileName, i.MunicipalityId, i.CreatedAtUtc, i.Status, i.TotalRows })
            .ToListAsync(cancellationToken);
        Recent = recent.Select(i => new Row(i.Id, i.FileName, names[i.MunicipalityId], i.CreatedAtUtc, i.Status, i.TotalRows))
            .ToList();
    }
}
