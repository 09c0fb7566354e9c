using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Sign-up: whoever registers is a producer. The account, its role and the confirmation e-mail
/// are written in one transaction, so there is never a user without the mail or a mail without the user.
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class RegisterModel(
    UserManager<AppUser> users,
    MarketplaceDbContext db,
    Outbox outbox,
    IStringLocalizer<AccountResource> text,
    ILogger<RegisterModel> logger) : PageModel
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

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, MinimumLength = 8, ErrorMessage = "Validation.PasswordLength")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
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

        var email = Input.Email.Trim();
        var culture = SupportedCultures.Normalize(CultureInfo.CurrentUICulture.Name);
        var user = new AppUser { UserName = email, Email = email, PreferredCulture = culture };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await users.CreateAsync(user, Input.Password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, Roles.Producer);
            }
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                AddErrors(result);
                return Page();
            }

            await AccountMail.EnqueueConfirmationAsync(users, outbox, user, culture);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Two sign-ups with one address at the same moment: the unique user name refuses the second.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (await users.FindByEmailAsync(email) is null)
            {
                throw;
            }
            logger.LogInformation(exception, "Concurrent sign-up with an existing e-mail refused");
            AddErrors(IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(email)));
            return Page();
        }

        logger.LogInformation("New producer account {UserId} created; confirmation e-mail queued", user.Id);
        return RedirectToPage("./RegisterConfirmation");
    }

    private void AddErrors(IdentityResult result)
    {
        var codes = result.Errors.Select(e => e.Code).ToHashSet();
        foreach (var error in result.Errors)
        {
            switch (error.Code)
            {
                // The user name is the e-mail: one message about the address is enough.
                case nameof(IdentityErrorDescriber.DuplicateUserName) when codes.Contains(nameof(IdentityErrorDescriber.DuplicateEmail)):
                case nameof(IdentityErrorDescriber.InvalidUserName) when codes.Contains(nameof(IdentityErrorDescriber.InvalidEmail)):
                    break;
                case nameof(IdentityErrorDescriber.InvalidUserName):
                    ModelState.AddModelError("Input.Email", text["Register.EmailNotUsable"]);
                    break;
                case nameof(IdentityErrorDescriber.DuplicateUserName):
                case nameof(IdentityErrorDescriber.DuplicateEmail):
                case nameof(IdentityErrorDescriber.InvalidEmail):
                    ModelState.AddModelError("Input.Email", error.Description);
                    break;
                case var code when code.StartsWith("Password", StringComparison.Ordinal):
                    ModelState.AddModelError("Input.Password", error.Description);
                    break;
                default:
                    ModelState.AddModelError(string.Empty, error.Description);
                    break;
            }
        }
    }
}
