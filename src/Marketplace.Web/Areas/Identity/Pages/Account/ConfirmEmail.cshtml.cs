using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>The link from the confirmation e-mail. A bad, expired or foreign link is a page, never an error.</summary>
public class ConfirmEmailModel(UserManager<AppUser> users, ILogger<ConfirmEmailModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var token = AccountMail.Decode(code);
        if (string.IsNullOrWhiteSpace(userId) || token is null)
        {
            return;
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return;
        }
        var result = await users.ConfirmEmailAsync(user, token);
        Confirmed = result.Succeeded;
        if (Confirmed)
        {
            logger.LogInformation("E-mail of account {UserId} confirmed", user.Id);
        }
    }
}
