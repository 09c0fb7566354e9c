using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>The same answer for every address asked about.</summary>
public class ForgotPasswordConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
