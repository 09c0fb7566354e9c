using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProducerRow = Marketplace.Domain.Producers.Producer;

namespace Marketplace.Web.Pages.Staff.Producers;

/// <summary>
/// Assisted registration: staff register a producer who has no e-mail address, in one of their
/// own municipalities. The national ID is asked here (only here) so the producer can be told
/// apart from namesakes when it calls or comes to a fair.
/// </summary>
public class CreateModel(MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<StaffResource> text) : PageModel
{
    [BindProperty(Name = nameof(Input))]
    public ProducerInput Input { get; set; } = new();

    public IReadOnlyList<MunicipalityOption> Municipalities { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Municipalities = await MunicipalityOption.InScopeAsync(db, await StaffScope.ForAsync(db, User, cancellationToken),
            cancellationToken);
        if (Municipalities.Count == 1)
        {
            Input.MunicipalityId = Municipalities[0].Id;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        Municipalities = await MunicipalityOption.InScopeAsync(db, scope, cancellationToken);
        Input.Validate(ModelState, text, Municipalities.Select(m => m.Id).ToHashSet());
        if (ModelState.IsValid)
        {
            var nationalId = Input.NationalIdDigits!;
            var taken = await db.Producers.AnyAsync(
                p => p.NationalId == nationalId && p.DeletedAtUtc == null && p.MunicipalityId == Input.MunicipalityId,
                cancellationToken);
            if (taken)
            {
                ModelState.AddModelError("Input.NationalId", text["Validation.NationalIdTaken"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var producer = new ProducerRow
        {
            DisplayName = Input.DisplayName!.Trim(),
            OrganizationType = Input.OrganizationType!.Value,
            MunicipalityId = Input.MunicipalityId!.Value,
            Community = Input.Community!.Trim(),
            NationalId = Input.NationalIdDigits,
            Phone = string.IsNullOrWhiteSpace(Input.Phone) ? null : Input.Phone.Trim(),
            IsAssisted = true,
            // Nothing of an assisted producer is public until it says so (or takes over its account).
            IsStoryPublic = false,
            IsCommunityPublic = false,
            IsPhotoPublic = false,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Producers.Add(producer);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = text["Producers.Registered", producer.DisplayName];
        return RedirectToPage("./Details", new { id = producer.Id });
    }
}
