using Marketplace.Infrastructure.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Subscribe;

/// <summary>
/// The unsubscribe link of every alert mail. Mail programs post to it with
/// <c>List-Unsubscribe=One-Click</c> (RFC 8058) and cannot carry an antiforgery token, so this
/// page — and only this one — trusts the unguessable token in its address instead. A GET only
/// shows the button, so a link scanner unsubscribes nobody.
/// </summary>
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(SubscriptionDesk desk) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool done, CancellationToken cancellationToken)
    {
        Done = done;
        return done || await desk.FindAsync(Token, cancellationToken) is not null ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await desk.DeleteAsync(Token, cancellationToken))
        {
            return NotFound();
        }
        Done = true;
        return Page();
    }
}
