using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
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
/// Asks for a reset link. Only a confirmed account gets one, and every address gets the same answer
/// at the same time after its post (<see cref="AnswerTime"/>).
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class ForgotPasswordModel(
    UserManager<AppUser> users,
    MarketplaceDbContext db,
    Outbox outbox,
    ILogger<ForgotPasswordModel> logger) : PageModel
{
    // An explicit name: a post without any Input.* field still validates (and shows) Input's
    // fields, instead of MVC falling back to binding unprefixed names.
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    /// <summary>
    /// How long after the post every answer leaves. A confirmed address costs a token, a composed mail
    /// and a written row; an unknown one only a lookup. Waiting out the same time for both keeps the
    /// answer's timing from telling which addresses have an account.
    /// </summary>
    public static readonly TimeSpan AnswerTime = TimeSpan.FromMilliseconds(500);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [MaxLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var started = Stopwatch.GetTimestamp();
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { EmailConfirmed: true, Email: not null })
        {
            await AccountMail.EnqueuePasswordResetAsync(users, outbox, user);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Password reset e-mail queued for account {UserId}", user.Id);
        }
        // A timer may fire up to a millisecond before the stopwatch says the time is up: wait
        // until the stopwatch agrees, so no answer comes a moment sooner than another.
        for (var left = AnswerTime - Stopwatch.GetElapsedTime(started); left > TimeSpan.Zero;
             left = AnswerTime - Stopwatch.GetElapsedTime(started))
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(1), cancellationToken);
        }
        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
