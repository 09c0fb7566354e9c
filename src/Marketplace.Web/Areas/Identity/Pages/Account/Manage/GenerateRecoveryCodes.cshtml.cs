using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>A fresh set of recovery codes; the old ones stop working.</summary>
public class GenerateRecoveryCodesModel(
    UserManager<AppUser> users,
    IStringLocalizer<AccountResource> text,
    ILogger<GenerateRecoveryCodesModel> logger) : PageModel
{
    private const int RecoveryCodeCount = 10;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        return user.TwoFactorEnabled ? Page() : NotOn();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled)
        {
            return NotOn();
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        logger.LogInformation("Account {UserId} generated new recovery codes", user.Id);
        TempData[ShowRecoveryCodesModel.TempDataKey] = codes?.ToArray() ?? [];
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private RedirectToPageResult NotOn()
    {
        TempData["StatusMessage"] = text["GenerateRecoveryCodes.NotOn"].Value;
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
