using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Subscriptions;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Subscribe;

/// <summary>
/// E-mail alerts without an account. The post only records an unconfirmed subscription and
/// queues the confirmation mail; the answer is the same whether or not the address is known.
/// Never output-cached: the form carries an antiforgery token.
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class IndexModel(MarketplaceDbContext db, SubscriptionDesk desk, IStringLocalizer<ResidentResource> text) : PageModel
{
    [BindProperty]
    public SubscriptionInput Input { get; set; } = new();

    public SubscriptionForm Form { get; private set; } = new();

    public async Task OnGetAsync(int? municipality, int? corridor, CancellationToken cancellationToken)
    {
        Input.Place = corridor is not null ? SubscriptionInput.ByCorridor : SubscriptionInput.ByMunicipality;
        Input.MunicipalityId = municipality;
        Input.CorridorId = corridor;
        Form = await SubscriptionForm.LoadAsync(db, Input, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var place = await Input.ValidateAsync(ModelState, text, db, withEmail: true, cancellationToken);
        if (place is null)
        {
            Form = await SubscriptionForm.LoadAsync(db, Input, cancellationToken);
            return Page();
        }
        await desk.SubscribeAsync(Input.Email!, System.Globalization.CultureInfo.CurrentUICulture.Name, place,
            Input.Products, cancellationToken);
        return RedirectToPage("./Sent");
    }
}
