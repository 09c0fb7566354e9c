using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>The page shown for 404, 403 and other error statuses, in the visitor's language.</summary>
public class StatusCodeModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;
}
