using System.ComponentModel.DataAnnotations;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// A new e-mail address: a confirmation link goes to it (through the outbox); the account keeps
/// its address until the link is followed (<c>ConfirmEmailChange</c>).
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class EmailModel(
    UserManager<AppUser> users,
    MarketplaceDbContext db,
    Outbox outbox,
    IStringLocalizer<AccountResource> text,
    ILogger<EmailModel> logger) : PageModel
{
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [MaxLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.NewEmail")]
        public string NewEmail { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Email = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Email = user.Email ?? "";
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var newEmail = Input.NewEmail.Trim();
        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.NewEmail", text["Email.Unchanged"]);
            return Page();
        }

        await AccountMail.EnqueueEmailChangeAsync(users, outbox, user, newEmail);
        await db.SaveChangesAsync();
        logger.LogInformation("Account {UserId} asked to change its e-mail address", user.Id);
        StatusMessage = text["Email.Sent", newEmail];
        return RedirectToPage();
    }
}
