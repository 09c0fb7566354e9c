using System.ComponentModel.DataAnnotations;
using System.Net;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Sign-in by e-mail and password. Failures count towards the lockout of that e-mail from this
/// client address (<see cref="SignInThrottle"/>), and neither the answer nor the lockout tells whether
/// an address has an account: only the right password reveals "confirm your e-mail first".
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class LoginModel(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    Marketplace.Infrastructure.Data.MarketplaceDbContext db,
    SignInThrottle throttle,
    IStringLocalizer<AccountResource> text,
    ILogger<LoginModel> logger) : PageModel
{
    // An explicit name: a post without any Input.* field still validates (and shows) Input's
    // fields, instead of MVC falling back to binding unprefixed names.
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    /// <summary>Where to go after signing in; only a local address is kept.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The password was right but the e-mail is not confirmed yet.</summary>
    public bool NeedsConfirmation { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [MaxLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Field.RememberMe")]
        public bool RememberMe { get; set; }
    }

    public void OnGet() => ReturnUrl = LocalOrNull(ReturnUrl);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ReturnUrl = LocalOrNull(ReturnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var client = HttpContext.Connection.RemoteIpAddress;
        var standing = await throttle.StandingAsync(email, client, cancellationToken);
        if (standing == SignInStanding.LockedOut)
        {
            return RedirectToPage("./Lockout");
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // Spend the time a password check takes, so an unknown address answers no faster.
            users.PasswordHasher.HashPassword(new AppUser(), Input.Password);
            return await FailedAsync(email, client, cancellationToken);
        }

        // Identity's own count is per account, so anyone could lock a known account; the throttle counts instead.
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if ((result.Succeeded || result.RequiresTwoFactor) && standing == SignInStanding.HasFailures)
        {
            // The password was right: this address and connection start counting afresh.
            await throttle.SucceededAsync(email, client, cancellationToken);
        }
        if (result.Succeeded)
        {
            logger.LogInformation("Account {UserId} signed in", user.Id);
            // A producer signing in without a page to return to lands in its own area, not the public home.
            return LocalRedirect(ReturnUrl ?? await AccountLanding.ForAsync(users, db, user, cancellationToken));
        }
        if (result.RequiresTwoFactor)
        {
            // Wrong codes count on Identity's per-account lockout: only someone who has the password gets this far.
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Account {UserId} is locked out", user.Id);
            return RedirectToPage("./Lockout");
        }
        if (result.IsNotAllowed)
        {
            // Identity refuses an unconfirmed account before looking at the password; check it
            // here so that only the owner learns the account waits for its confirmation.
            if (await users.CheckPasswordAsync(user, Input.Password))
            {
                NeedsConfirmation = true;
                ModelState.AddModelError(string.Empty, text["Login.NotConfirmed"]);
                return Page();
            }
        }
        return await FailedAsync(email, client, cancellationToken);
    }

    private async Task<IActionResult> FailedAsync(string email, IPAddress? client, CancellationToken cancellationToken)
    {
        if (await throttle.FailedAsync(email, client, cancellationToken))
        {
            logger.LogWarning("Sign-in with one e-mail locked out for client {Client}", SignInThrottle.ClientKey(client));
            return RedirectToPage("./Lockout");
        }
        return Invalid();
    }

    private PageResult Invalid()
    {
        ModelState.AddModelError(string.Empty, text["Login.Invalid"]);
        return Page();
    }

    private string? LocalOrNull(string? url) => Url.IsLocalUrl(url) ? url : null;
}
