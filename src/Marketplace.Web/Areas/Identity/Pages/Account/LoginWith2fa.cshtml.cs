using System.ComponentModel.DataAnnotations;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The second step of signing in: the code of the authenticator app. It is reached only after the
/// right password (Identity's two-factor cookie says whose); wrong codes count toward the lockout.
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class LoginWith2faModel(
    SignInManager<AppUser> signIn,
    Marketplace.Infrastructure.Data.MarketplaceDbContext db,
    IStringLocalizer<AccountResource> text,
    ILogger<LoginWith2faModel> logger) : PageModel
{
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"Remember me" from the password step, kept for the sign-in cookie.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(7, MinimumLength = 6, ErrorMessage = "Validation.TwoFactorCode")]
        [Display(Name = "Field.TwoFactorCode")]
        public string TwoFactorCode { get; set; } = "";

        [Display(Name = "Field.RememberMachine")]
        public bool RememberMachine { get; set; }
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
            // The two-factor cookie expired or never was: start again with the password.
            return RedirectToPage("./Login", new { ReturnUrl });
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Apps show the code in two groups of three; people type it so.
        var code = Input.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, Input.RememberMachine);
        if (result.Succeeded)
        {
            logger.LogInformation("Account {UserId} signed in with an authenticator code", user.Id);
            return LocalRedirect(ReturnUrl ?? await AccountLanding.ForAsync(signIn.UserManager, db, user, HttpContext.RequestAborted));
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Account {UserId} is locked out", user.Id);
            return RedirectToPage("./Lockout");
        }
        ModelState.AddModelError("Input.TwoFactorCode", text["TwoFactor.InvalidCode"]);
        return Page();
    }

    private string? LocalOrNull(string? url) => Url.IsLocalUrl(url) ? url : null;
}
