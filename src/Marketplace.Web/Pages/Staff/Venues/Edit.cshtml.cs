using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Marketplace.Web.Pages.Staff.Producers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Venues;

/// <summary>
/// Creates a venue (no id) or edits one of the staff member's municipalities; another
/// municipality's venue answers 404. Names are unique within a municipality.
/// </summary>
public class EditModel(MarketplaceDbContext db, IStringLocalizer<CalendarResource> text) : PageModel
{
    [BindProperty(Name = nameof(Input))]
    public VenueInput Input { get; set; } = new();

    public int? VenueId { get; private set; }
    public IReadOnlyList<MunicipalityOption> Municipalities { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        var venue = await LoadAsync(id, cancellationToken);
        if (id is not null && venue is null)
        {
            return NotFound();
        }
        Input = venue is null
            ? new VenueInput { MunicipalityId = Municipalities.Count == 1 ? Municipalities[0].Id : null }
            : VenueInput.From(venue);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        var venue = await LoadAsync(id, cancellationToken);
        if (id is not null && venue is null)
        {
            return NotFound();
        }
        Input.Validate(ModelState, text, Municipalities.Select(m => m.Id).ToHashSet());
        if (ModelState.IsValid)
        {
            var name = Input.Name!.Trim();
            if (await db.Venues.AnyAsync(v => v.MunicipalityId == Input.MunicipalityId && v.Name == name && v.Id != (id ?? 0),
                    cancellationToken))
            {
                ModelState.AddModelError(VenueInput.Key(nameof(VenueInput.Name)), text["Validation.VenueNameTaken"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        venue ??= db.Venues.Add(new Venue { Name = "" }).Entity;
        Input.ApplyTo(venue);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = text["Venues.Saved", venue.Name];
        return id is null ? Redirect($"/Staff/Venues/{venue.Id}/Stalls") : Redirect("/Staff/Venues");
    }

    private async Task<Venue?> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        Municipalities = await MunicipalityOption.InScopeAsync(db, scope, cancellationToken);
        VenueId = id;
        if (id is null)
        {
            return null;
        }
        var venue = await db.Venues.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        return venue is not null && scope.Covers(venue.MunicipalityId) ? venue : null;
    }
}
