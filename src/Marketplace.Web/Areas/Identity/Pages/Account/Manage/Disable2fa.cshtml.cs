using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Turns two-factor sign-in off (the key stays, so turning it on again needs no new set-up).
/// The stamp is renewed: other sessions end; staff and administrators lose their areas until it is back on.
/// </summary>
public class Disable2faModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IStringLocalizer<AccountResource> text,
    ILogger<Disable2faModel> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        return user.TwoFactorEnabled ? Page() : RedirectToPage("./TwoFactorAuthentication");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} turned off two-factor sign-in", user.Id);
        TempData["StatusMessage"] = text["Disable2fa.Done"].Value;
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
