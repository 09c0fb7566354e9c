using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>Sign-out: a POST with the antiforgery token; a GET only shows the button.</summary>
public class LogoutModel(SignInManager<AppUser> signIn, ILogger<LogoutModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        logger.LogInformation("Signed out");
        return LocalRedirect("/");
    }
}
