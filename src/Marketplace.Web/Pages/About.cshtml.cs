using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>
/// "About this site": static text in the visitor's language and the site's layout, no database.
/// The benchmarks use it as the ceiling of what a page of this app can serve on the machine.
/// </summary>
public class AboutModel : PageModel
{
    public void OnGet()
    {
    }
}
