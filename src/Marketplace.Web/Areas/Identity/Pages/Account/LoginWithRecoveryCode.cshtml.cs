using System.ComponentModel.DataAnnotations;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>The second step without the phone: one of the recovery codes, each good once.</summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class LoginWithRecoveryCodeModel(
    SignInManager<AppUser> signIn,
    Marketplace.Infrastructure.Data.MarketplaceDbContext db,
    IStringLocalizer<AccountResource> text,
    ILogger<LoginWithRecoveryCodeModel> logger) : PageModel
{
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [MaxLength(64, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.RecoveryCode")]
        public string RecoveryCode { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        ReturnUrl = LocalOrNull(ReturnUrl);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = LocalOrNull(ReturnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login", new { ReturnUrl });
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            logger.LogInformation("Account {UserId} signed in with a recovery code", user.Id);
            return LocalRedirect(ReturnUrl ?? await AccountLanding.ForAsync(signIn.UserManager, db, user, HttpContext.RequestAborted));
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Account {UserId} is locked out", user.Id);
            return RedirectToPage("./Lockout");
        }
        ModelState.AddModelError("Input.RecoveryCode", text["TwoFactor.InvalidRecoveryCode"]);
        return Page();
    }

    private string? LocalOrNull(string? url) => Url.IsLocalUrl(url) ? url : null;
}
