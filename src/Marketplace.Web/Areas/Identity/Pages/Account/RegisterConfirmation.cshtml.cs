using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>After sign-up: "check your e-mail". Says nothing about the address.</summary>
public class RegisterConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
