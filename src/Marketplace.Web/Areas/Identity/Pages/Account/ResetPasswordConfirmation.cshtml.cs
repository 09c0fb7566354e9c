using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>After a password reset.</summary>
public class ResetPasswordConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
