using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Subscribe;

/// <summary>
/// The manage link of every alert mail: change the place and products, or delete the
/// subscription and its data. The token is the only key; the address is never shown.
/// </summary>
public class ManageModel(MarketplaceDbContext db, SubscriptionDesk desk, IStringLocalizer<ResidentResource> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    [BindProperty]
    public SubscriptionInput Input { get; set; } = new();

    public SubscriptionForm Form { get; private set; } = new();
    public bool Confirmed { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var subscription = await desk.FindAsync(Token, cancellationToken);
        if (subscription is null)
        {
            return NotFound();
        }
        Confirmed = subscription.IsConfirmed;
        Form = await SubscriptionForm.LoadAsync(db, SubscriptionInput.From(subscription), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var subscription = await desk.FindAsync(Token, cancellationToken);
        if (subscription is null)
        {
            return NotFound();
        }
        Confirmed = subscription.IsConfirmed;
        var place = await Input.ValidateAsync(ModelState, text, db, withEmail: false, cancellationToken);
        if (place is not null)
        {
            await desk.ChangeAsync(Token, place, Input.Products, cancellationToken);
            Saved = true;
        }
        Form = await SubscriptionForm.LoadAsync(db, Input, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        await desk.DeleteAsync(Token, cancellationToken) ? RedirectToPage("./Unsubscribe", new { done = true }) : NotFound();
}
