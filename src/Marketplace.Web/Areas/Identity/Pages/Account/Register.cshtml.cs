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
/// An address that already has an account gets the same answer, and its owner an e-mail about the attempt.
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
            // CreateAsync checks and hashes the password before it looks for the address, so a taken
            // address costs the same hash and gets the same password errors as a new one.
            var result = await users.CreateAsync(user, Input.Password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, Roles.Producer);
            }
            if (IsTaken(result))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return await AnswerTakenAddressAsync(email, cancellationToken);
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
            logger.LogInformation(exception, "Concurrent sign-up with an existing e-mail");
            return await AnswerTakenAddressAsync(email, cancellationToken);
        }

        logger.LogInformation("New producer account {UserId} created; confirmation e-mail queued", user.Id);
        return RedirectToPage("./RegisterConfirmation");
    }

    private static bool IsTaken(IdentityResult result) =>
        result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));

    /// <summary>
    /// A sign-up with an address that has an account answers as a new sign-up, so the form does not
    /// tell who has an account here; the owner is told by e-mail instead.
    /// </summary>
    private async Task<IActionResult> AnswerTakenAddressAsync(string email, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var owner = await users.FindByEmailAsync(email)
            ?? throw new InvalidOperationException("A sign-up was refused as a duplicate, but no account has the address.");
        AccountMail.EnqueueSignUpAttempt(outbox, owner);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Sign-up with the address of account {UserId}; its owner is told", owner.Id);
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
                case nameof(IdentityErrorDescriber.InvalidUserName) when codes.Contains(nameof(IdentityErrorDescriber.InvalidEmail)):
                    break;
                case nameof(IdentityErrorDescriber.InvalidUserName):
                    ModelState.AddModelError("Input.Email", text["Register.EmailNotUsable"]);
                    break;
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
