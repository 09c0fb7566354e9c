using System.ComponentModel.DataAnnotations;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// A new password, given the current one. Identity renews the security stamp, so every other
/// session ends at its next check; this one is signed in again and stays.
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class ChangePasswordModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IStringLocalizer<AccountResource> text,
    ILogger<ChangePasswordModel> logger) : PageModel
{
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.CurrentPassword")]
        public string OldPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, MinimumLength = 8, ErrorMessage = "Validation.PasswordLength")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.NewPassword")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var key = error.Code switch
                {
                    nameof(IdentityErrorDescriber.PasswordMismatch) => "Input.OldPassword",
                    _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "Input.NewPassword",
                    _ => string.Empty,
                };
                ModelState.AddModelError(key, error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? text["ChangePassword.WrongCurrent"]
                    : error.Description);
            }
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} changed its password", user.Id);
        StatusMessage = text["ChangePassword.Done"];
        return RedirectToPage();
    }
}
