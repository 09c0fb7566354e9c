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
/// A new confirmation link. The answer is the same whether or not the address has an account,
/// so the form cannot be used to find out who is registered.
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class ResendEmailConfirmationModel(UserManager<AppUser> users, MarketplaceDbContext db, Outbox outbox) : PageModel
{
    // An explicit name: a post without any Input.* field still validates (and shows) Input's
    // fields, instead of MVC falling back to binding unprefixed names.
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [MaxLength(256, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = "";
    }

    public void OnGet(bool sent) => Sent = sent && ModelState.IsValid;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { EmailConfirmed: false, Email: not null })
        {
            await AccountMail.EnqueueConfirmationAsync(users, outbox, user, user.PreferredCulture);
            await db.SaveChangesAsync(cancellationToken);
        }
        return RedirectToPage(new { sent = true });
    }
}
