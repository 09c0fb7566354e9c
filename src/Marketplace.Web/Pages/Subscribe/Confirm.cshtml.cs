using Marketplace.Infrastructure.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Subscribe;

/// <summary>
/// The confirmation link opens a page with one button: a mail scanner that follows links
/// (a GET) confirms nothing; the resident's click (a POST) does.
/// </summary>
public class ConfirmModel(SubscriptionDesk desk) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await desk.FindAsync(Token, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await desk.ConfirmAsync(Token, cancellationToken))
        {
            return NotFound();
        }
        Confirmed = true;
        return Page();
    }
}
