using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The account's own page: its address, links to change password, e-mail and two-factor sign-in,
/// and "sign out everywhere", which renews the security stamp so every session ends.
/// </summary>
public class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, ILogger<IndexModel> logger) : PageModel
{
    public string Email { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Email = user.Email ?? "";
        TwoFactorEnabled = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        // Every cookie issued before carries the old stamp: the next check turns it away.
        await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        logger.LogInformation("Account {UserId} signed out everywhere", user.Id);
        return RedirectToPage("/Account/Login", new { area = "Identity" });
    }
}
