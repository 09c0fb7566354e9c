using System.ComponentModel.DataAnnotations;
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
/// Asks for a reset link. Only a confirmed account gets one, and every address gets the same answer.
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
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { EmailConfirmed: true, Email: not null })
        {
            await AccountMail.EnqueuePasswordResetAsync(users, outbox, user);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Password reset e-mail queued for account {UserId}", user.Id);
        }
        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
