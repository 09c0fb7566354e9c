using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>Where the cookie handler sends a signed-in person who lacks the right for a page.</summary>
public class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
