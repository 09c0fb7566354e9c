using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// A new authenticator key (a lost or replaced phone): the old app's codes stop working and
/// two-factor sign-in is off until the new key is set up.
/// </summary>
public class ResetAuthenticatorModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    ILogger<ResetAuthenticatorModel> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} reset its authenticator key", user.Id);
        return RedirectToPage("./EnableAuthenticator");
    }
}
