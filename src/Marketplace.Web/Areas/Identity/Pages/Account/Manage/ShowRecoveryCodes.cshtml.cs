using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>New recovery codes, shown once (they come through TempData and are kept only hashed).</summary>
public class ShowRecoveryCodesModel : PageModel
{
    public const string TempDataKey = "RecoveryCodes";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (TempData[TempDataKey] is not string[] { Length: > 0 } codes)
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }
        RecoveryCodes = codes;
        return Page();
    }
}
