using System.ComponentModel.DataAnnotations;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>The link from the reset e-mail: choose a new password.</summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class ResetPasswordModel(UserManager<AppUser> users, ILogger<ResetPasswordModel> logger) : PageModel
{
    // An explicit name: a post without any Input.* field still validates (and shows) Input's
    // fields, instead of MVC falling back to binding unprefixed names.
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    /// <summary>The link carried no code: there is nothing to reset with.</summary>
    public bool MissingCode { get; private set; }

    /// <summary>The code was refused (expired, used, or for another address).</summary>
    public bool InvalidLink { get; private set; }

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

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.Code")]
        public string Code { get; set; } = "";
    }

    public void OnGet(string? code, string? email)
    {
        Input.Code = code ?? "";
        Input.Email = email ?? "";
        MissingCode = string.IsNullOrWhiteSpace(code);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        MissingCode = string.IsNullOrWhiteSpace(Input.Code);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // Same answer as a success: the form does not tell which addresses have an account.
            return RedirectToPage("./ResetPasswordConfirmation");
        }

        var token = AccountMail.Decode(Input.Code);
        var result = token is null
            ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken())
            : await users.ResetPasswordAsync(user, token, Input.Password);
        if (result.Succeeded)
        {
            logger.LogInformation("Password of account {UserId} reset", user.Id);
            return RedirectToPage("./ResetPasswordConfirmation");
        }

        foreach (var error in result.Errors)
        {
            var key = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty;
            ModelState.AddModelError(key, error.Description);
        }
        InvalidLink = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
        return Page();
    }
}
