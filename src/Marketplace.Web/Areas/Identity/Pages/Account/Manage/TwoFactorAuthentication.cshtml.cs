using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Two-factor sign-in at a glance: on or off, recovery codes left, this browser remembered.</summary>
public class TwoFactorAuthenticationModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IStringLocalizer<AccountResource> text) : PageModel
{
    public bool HasAuthenticator { get; private set; }
    public bool Is2faEnabled { get; private set; }
    public bool IsMachineRemembered { get; private set; }
    public int RecoveryCodesLeft { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        HasAuthenticator = await users.GetAuthenticatorKeyAsync(user) is not null;
        Is2faEnabled = user.TwoFactorEnabled;
        IsMachineRemembered = await signIn.IsTwoFactorClientRememberedAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    }

    /// <summary>This browser asks for a code again at the next sign-in.</summary>
    public async Task<IActionResult> OnPostForgetBrowserAsync()
    {
        if (await users.GetUserAsync(User) is null)
        {
            return Challenge();
        }
        await signIn.ForgetTwoFactorClientAsync();
        StatusMessage = text["TwoFactor.BrowserForgotten"];
        return RedirectToPage();
    }
}
