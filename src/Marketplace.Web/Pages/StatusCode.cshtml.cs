using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>The page shown for 404, 403 and other error statuses, in the visitor's language.</summary>
/// <remarks>
/// A POST that ends in 404 (say a one-click unsubscribe with a stale token) is re-executed here
/// as a POST; checking its antiforgery token would turn the 404 into a 400.
/// </remarks>
[IgnoreAntiforgeryToken]
public class StatusCodeModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    /// <summary>A re-executed POST (a 400 or 404 answered to a form) names its status too.</summary>
    public void OnPost(int code) => Code = code;
}
