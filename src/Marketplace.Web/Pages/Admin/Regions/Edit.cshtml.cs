using Marketplace.Domain.Regions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Producers;
using Marketplace.Infrastructure.Regions;
using Marketplace.Web.Hosting;
using Marketplace.Web.Pages.ProducerArea.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Admin.Regions;

/// <summary>
/// A region's brand: name, logo, primary colour, default language and welcome text. The colour
/// must be <c>#rrggbb</c>; the header then writes in white or black, whichever reaches 4.5:1 on it.
/// The logo replaces the old one (which is deleted with the same save).
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimits.MultipartBodyLength)]
[RequestSizeLimit(UploadLimits.RequestBody)]
[UploadTooLarge(LogoField)]
public class EditModel(MarketplaceDbContext db, RegionBrands brands, TimeProvider clock,
    IStringLocalizer<ReachResource> text, ILogger<EditModel> logger) : PageModel
{
    public const string LogoField = "Input.Logo";

    [BindProperty(Name = nameof(Input))]
    public BrandInput Input { get; set; } = new();

    public Region Region { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } region)
        {
            return NotFound();
        }
        Region = region;
        Input = BrandInput.From(region);
        if (UploadTooLargeAttribute.Take(TempData) is { } field)
        {
            ModelState.AddModelError(field, text["Logo.TooLarge", RegionLogo.MaxBytes / 1024]);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Regions.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } region)
        {
            return NotFound();
        }
        Region = region;
        Input.Validate(ModelState, text);
        var logo = await ReadLogoAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var replaced = region.LogoFileId;
        Input.ApplyTo(region);
        if (logo is not null)
        {
            db.StoredFiles.Add(logo);
            region.LogoFileId = logo.Id;
        }
        else if (Input.RemoveLogo)
        {
            region.LogoFileId = null;
        }
        if (replaced is { } oldId && oldId != region.LogoFileId)
        {
            db.StoredFiles.Remove(await db.StoredFiles.SingleAsync(f => f.Id == oldId, cancellationToken));
        }
        await db.SaveChangesAsync(cancellationToken);
        brands.Forget();
        logger.LogInformation("Region {RegionId} brand changed", region.Id);
        StatusMessage = text["Regions.Saved", region.Name];
        return RedirectToPage("./Index");
    }

    private async Task<Domain.Files.StoredFile?> ReadLogoAsync(CancellationToken cancellationToken)
    {
        if (Input.Logo is not { Length: > 0 } upload)
        {
            return null;
        }
        await using var stream = upload.OpenReadStream();
        var result = await RegionLogo.ReadAsync(stream, upload.Length, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (result.Problem is { } problem)
        {
            ModelState.AddModelError(LogoField, problem switch
            {
                UploadProblem.TooLarge => text["Logo.TooLarge", RegionLogo.MaxBytes / 1024],
                UploadProblem.WrongType => text["Logo.WrongType"],
                _ => text["Logo.Unreadable"],
            });
        }
        else if (!ModelState.IsValid)
        {
            // The file was fine but another field was not: the browser does not send it again.
            ModelState.AddModelError(LogoField, text["Logo.ChooseAgain"]);
        }
        return result.File;
    }

    /// <summary>The brand form's fields.</summary>
    public sealed class BrandInput
    {
        [SingleLine]
        public string? Name { get; set; }
        public string? PrimaryColor { get; set; }
        public string? DefaultCulture { get; set; }
        public string? WelcomeText { get; set; }
        public IFormFile? Logo { get; set; }
        public bool RemoveLogo { get; set; }

        public static BrandInput From(Region region) => new()
        {
            Name = region.Name,
            PrimaryColor = region.PrimaryColor,
            DefaultCulture = region.DefaultCulture,
            WelcomeText = region.WelcomeText,
        };

        public void Validate(ModelStateDictionary state, IStringLocalizer text)
        {
            if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > Region.MaxNameLength)
            {
                state.AddModelError("Input.Name", text["Validation.Name", Region.MaxNameLength]);
            }
            if (!BrandColor.TryParse(PrimaryColor?.Trim(), out _))
            {
                state.AddModelError("Input.PrimaryColor", text["Validation.Color"]);
            }
            if (!SupportedCultures.Names.Contains(DefaultCulture))
            {
                state.AddModelError("Input.DefaultCulture", text["Validation.Culture"]);
            }
            if (WelcomeText?.Trim().Length > Region.MaxWelcomeLength)
            {
                state.AddModelError("Input.WelcomeText", text["Validation.Welcome", Region.MaxWelcomeLength]);
            }
        }

        public void ApplyTo(Region region)
        {
            region.Name = Name!.Trim();
            region.PrimaryColor = BrandColor.Parse(PrimaryColor!.Trim()).ToString();
            region.DefaultCulture = DefaultCulture!;
            region.WelcomeText = string.IsNullOrWhiteSpace(WelcomeText) ? null : WelcomeText.Trim();
        }
    }
}
