using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The link from the sign-up e-mail. The first time it confirms the address it also signs the
/// account in and goes on to what comes next (a new producer: its profile), so nobody types the
/// password again a minute after choosing it. The link is short-lived
/// (<see cref="ConfirmationLinkTokenOptions.Lifespan"/>) and serves once: followed again, or by a
/// second click at the same moment (Identity's concurrency stamp lets one confirmation through),
/// it only says that the address is confirmed and offers to sign in. An account with two-factor
/// sign-in is never signed in by a link. A bad, expired or foreign link is a page, never an error,
/// with a one-tap way to get a new link.
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class ConfirmEmailModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    MarketplaceDbContext db,
    Outbox outbox,
    ILogger<ConfirmEmailModel> logger) : PageModel
{
    public enum Outcome
    {
        /// <summary>Missing, mangled, expired or foreign link.</summary>
        Failed,
        /// <summary>Confirmed now; signing in is left to the sign-in page (two-factor accounts).</summary>
        Confirmed,
        /// <summary>The address was confirmed before: the link has served.</summary>
        AlreadyConfirmed,
    }

    public Outcome Result { get; private set; }

    /// <summary>The account of a failed link, for the one-tap "send me a new link".</summary>
    public string? UserId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        var token = AccountMail.Decode(code);
        if (string.IsNullOrWhiteSpace(userId) || token is null || userId.Length > 64)
        {
            return Page();
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Page();
        }
        if (user.EmailConfirmed)
        {
            Result = Outcome.AlreadyConfirmed;
            return Page();
        }
        var result = await users.ConfirmEmailAsync(user, token);
        if (!result.Succeeded)
        {
            // Two clicks at once: the other one confirmed it, this one must not sign in too.
            var now = await users.FindByIdAsync(userId);
            Result = now?.EmailConfirmed == true ? Outcome.AlreadyConfirmed : Outcome.Failed;
            UserId = Result == Outcome.Failed ? userId : null;
            return Page();
        }
        logger.LogInformation("E-mail of account {UserId} confirmed", user.Id);
        if (user.TwoFactorEnabled)
        {
            Result = Outcome.Confirmed;
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        logger.LogInformation("Account {UserId} signed in by its confirmation link", user.Id);
        return LocalRedirect(await AccountLanding.ForAsync(users, db, user, HttpContext.RequestAborted));
    }

    /// <summary>
    /// A new link for the account of a failed one, sent to that account's own address (so it tells
    /// nothing to whoever taps it); the answer is the same as the resend form's.
    /// </summary>
    public async Task<IActionResult> OnPostResendAsync(string? userId, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(userId) || userId.Length > 64 ? null : await users.FindByIdAsync(userId);
        if (user is { EmailConfirmed: false, Email: not null })
        {
            await AccountMail.EnqueueConfirmationAsync(users, outbox, user, user.PreferredCulture);
            await db.SaveChangesAsync(cancellationToken);
        }
        return RedirectToPage("./ResendEmailConfirmation", new { sent = true });
    }
}
